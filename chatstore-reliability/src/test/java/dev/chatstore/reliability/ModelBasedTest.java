package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Appended;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.FactQuery;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.Limits;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.MessageType;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.UserChats;
import dev.chatstore.testkit.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ChangeDetector;
import net.jqwik.api.state.Transformer;

/**
 * Model-based testing: random sequences of operations run against the real
 * store and against {@link World}, a plain in-memory model of the contract (sequence numbers never
 * reused, idempotent appends with replays and conflicts, all-or-nothing batches, branch tips,
 * deletes that keep counts, previews and last-message times exact, facts that lose a deleted
 * source, keyset paging in both directions), comparing every result. Each try is a fresh user on
 * a store shared by the tries of one backend. A failing sequence shrinks to a minimal one; jqwik
 * prints it step by step.
 */
class ModelBasedTest {
    static final int TRIES = 40;
    static final int MAX_STEPS = 40;

    private static final Map<Backend, ChatStore> STORES = new EnumMap<>(Backend.class);
    private static final TestClock CLOCK = new TestClock(TestClock.START);
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final Map<Backend, AtomicInteger> STEPS = new EnumMap<>(Backend.class);

    @AfterContainer
    static void closeStores() {
        STEPS.forEach((backend, steps) -> System.out.println("[reliability] ModelBasedTest on " + backend + ": " + steps.get()
                + " operations over all tries (shrinking included)"));
        STORES.values().forEach(ChatStore::close);
        STORES.clear();
    }

    private static synchronized World freshWorld(Backend backend) {
        ChatStore store = STORES.computeIfAbsent(backend, b -> b.open(CLOCK));
        return new World(store.forUser("model-" + USERS.incrementAndGet()), CLOCK,
                STEPS.computeIfAbsent(backend, b -> new AtomicInteger()));
    }

    @Property(tries = TRIES)
    void sqliteBehavesLikeTheModel(@ForAll("sqliteChains") ActionChain<World> chain) {
        chain.withInvariant("the store holds what the model holds", World::checkEverything).run();
    }

    @Property(tries = TRIES)
    void postgresBehavesLikeTheModel(@ForAll("postgresChains") ActionChain<World> chain) {
        chain.withInvariant("the store holds what the model holds", World::checkEverything).run();
    }

    @Provide
    Arbitrary<ActionChain<World>> sqliteChains() {
        return chains(Backend.SQLITE);
    }

    @Provide
    Arbitrary<ActionChain<World>> postgresChains() {
        return chains(Backend.POSTGRES);
    }

    private static Arbitrary<ActionChain<World>> chains(Backend backend) {
        return ActionChain.startWith(() -> freshWorld(backend))
                .withAction(3, new CreateConversation())
                .withAction(8, new Append())
                .withAction(3, new AppendAll())
                .withAction(3, new DeleteMessage())
                .withAction(1, new DeleteConversation())
                .withAction(2, new GetConversation())
                .withAction(2, new GetMessage())
                .withAction(3, new PageMessages())
                .withAction(1, new Rename())
                .withAction(3, new AddFact())
                .withAction(1, new DeactivateFact())
                .withAction(1, new DeleteFact())
                .withAction(2, new ListFacts())
                .withMaxTransformations(MAX_STEPS)
                .improveShrinkingWith(ModelChange::new);
    }

    /** Lets shrinking drop actions that changed nothing of the model (reads, operations on what is gone). */
    static final class ModelChange implements ChangeDetector<World> {
        private String before;

        @Override
        public void before(World w) {
            before = w.fingerprint();
        }

        @Override
        public boolean hasChanged(World w) {
            return !w.fingerprint().equals(before);
        }
    }

    // ---------------------------------------------------------------- the model

    /** A message as the model expects it. */
    record Msg(String id, long seq, Role role, String content, Map<String, Object> metadata, String clientMessageId,
               String parentId, Instant createdAt) {
        boolean samePayload(NewMessage m) {
            return role == m.role() && content.equals(m.content()) && metadata.equals(m.metadata());
        }

        Msg withId(String newId) {
            return new Msg(newId, seq, role, content, metadata, clientMessageId, parentId, createdAt);
        }

        Msg withParent(String newParent) {
            return new Msg(id, seq, role, content, metadata, clientMessageId, newParent, createdAt);
        }
    }

    /** A conversation as the model expects it. */
    static final class Conv {
        final String id;
        String title;
        long lastSeq;
        String tip;
        List<Msg> messages = new ArrayList<>();

        Conv(String id, String title) {
            this.id = id;
            this.title = title;
        }

        Conv copy() {
            Conv c = new Conv(id, title);
            c.lastSeq = lastSeq;
            c.tip = tip;
            c.messages = new ArrayList<>(messages);
            return c;
        }

        Optional<Msg> byClientMessageId(String key) {
            return messages.stream().filter(m -> key.equals(m.clientMessageId())).findFirst();
        }

        Msg newest() {
            return messages.isEmpty() ? null : messages.get(messages.size() - 1);
        }
    }

    /** A fact as the model expects it. */
    static final class Fact {
        final String id;
        final FactCategory category;
        final String content;
        final double confidence;
        boolean active = true;
        String sourceConversationId;
        String sourceMessageId;

        Fact(String id, FactCategory category, String content, double confidence, String sourceConversationId,
             String sourceMessageId) {
            this.id = id;
            this.category = category;
            this.content = content;
            this.confidence = confidence;
            this.sourceConversationId = sourceConversationId;
            this.sourceMessageId = sourceMessageId;
        }
    }

    /** The real user and the model of what it should hold. Not thread-safe. */
    static final class World {
        final UserChats user;
        final TestClock clock;
        final Map<String, Conv> conversations = new LinkedHashMap<>();
        final List<String> deletedConversations = new ArrayList<>();
        final List<String> deletedMessages = new ArrayList<>();
        /** In the order added, which is id order (ids are time-ordered). */
        final List<Fact> facts = new ArrayList<>();
        final List<String> deletedFacts = new ArrayList<>();

        final AtomicInteger steps;

        World(UserChats user, TestClock clock, AtomicInteger steps) {
            this.user = user;
            this.clock = clock;
            this.steps = steps;
        }

        @Override
        public String toString() {
            return "World[" + user.userId() + ", " + conversations.size() + " conversations, " + facts.size() + " facts]";
        }

        /** The clock moves before every operation, so timestamps tell operations apart. */
        Instant step() {
            steps.incrementAndGet();
            return clock.tick();
        }

        /** The model's state as text. */
        String fingerprint() {
            StringBuilder text = new StringBuilder();
            conversations.values().forEach(c -> text.append(c.id).append(c.title).append(c.lastSeq).append(c.tip)
                    .append(c.messages).append(';'));
            facts.forEach(f -> text.append(f.id).append(f.active).append(f.sourceConversationId).append(f.sourceMessageId)
                    .append(';'));
            return text.append(deletedConversations).append(deletedMessages).append(deletedFacts).toString();
        }

        List<String> conversationIds(boolean withDeleted) {
            List<String> ids = new ArrayList<>(conversations.keySet());
            if (withDeleted) {
                ids.addAll(deletedConversations);
            }
            return ids;
        }

        List<String> messageIds(boolean withDeleted) {
            List<String> ids = new ArrayList<>();
            conversations.values().forEach(c -> c.messages.forEach(m -> ids.add(m.id())));
            if (withDeleted) {
                ids.addAll(deletedMessages);
            }
            return ids;
        }

        Optional<Conv> conversationOf(String messageId) {
            return conversations.values().stream()
                    .filter(c -> c.messages.stream().anyMatch(m -> m.id().equals(messageId))).findFirst();
        }

        Optional<Fact> fact(String id) {
            return facts.stream().filter(f -> f.id.equals(id)).findFirst();
        }

        void checkConversation(Conversation real, Conv model) {
            String what = "conversation " + model.id;
            assertThat(real.id()).as(what).isEqualTo(model.id);
            assertThat(real.userId()).as(what + ": user").isEqualTo(user.userId());
            assertThat(real.title()).as(what + ": title").isEqualTo(model.title);
            assertThat(real.messageCount()).as(what + ": message count").isEqualTo(model.messages.size());
            Msg newest = model.newest();
            assertThat(real.lastMessageAt()).as(what + ": last message time").isEqualTo(newest == null ? null : newest.createdAt());
            assertThat(real.lastMessagePreview()).as(what + ": preview").isEqualTo(newest == null ? null : preview(newest.content()));
            assertThat(real.unreadCount()).as(what + ": unread assistant messages")
                    .isEqualTo(model.messages.stream().filter(m -> m.role() == Role.ASSISTANT).count());
            assertThat(real.activeTipId()).as(what + ": tip of the chosen branch").isEqualTo(model.tip);
        }

        static void checkMessage(Message real, Msg model, String conversationId) {
            String what = "message seq " + model.seq();
            assertThat(real.id()).as(what + ": id").isEqualTo(model.id());
            assertThat(real.conversationId()).as(what + ": conversation").isEqualTo(conversationId);
            assertThat(real.seq()).as(what + ": seq").isEqualTo(model.seq());
            assertThat(real.role()).as(what + ": role").isEqualTo(model.role());
            assertThat(real.type()).as(what + ": type").isEqualTo(MessageType.TEXT);
            assertThat(real.content()).as(what + ": content").isEqualTo(model.content());
            assertThat(real.metadata()).as(what + ": metadata").isEqualTo(model.metadata());
            assertThat(real.clientMessageId()).as(what + ": client message id").isEqualTo(model.clientMessageId());
            assertThat(real.parentId()).as(what + ": parent").isEqualTo(model.parentId());
            assertThat(real.createdAt()).as(what + ": created").isEqualTo(model.createdAt());
            assertThat(real.replyToId()).as(what + ": reply-to").isNull();
        }

        void checkFact(MemoryFact real, Fact model) {
            String what = "fact " + model.id;
            assertThat(real.id()).as(what).isEqualTo(model.id);
            assertThat(real.userId()).as(what + ": user").isEqualTo(user.userId());
            assertThat(real.category()).as(what + ": category").isEqualTo(model.category);
            assertThat(real.content()).as(what + ": content").isEqualTo(model.content);
            assertThat(real.confidence()).as(what + ": confidence").isEqualTo(model.confidence);
            assertThat(real.active()).as(what + ": active").isEqualTo(model.active);
            assertThat(real.sourceConversationId()).as(what + ": source conversation").isEqualTo(model.sourceConversationId);
            assertThat(real.sourceMessageId()).as(what + ": source message").isEqualTo(model.sourceMessageId);
        }

        /** Everything the model holds, compared with the store at the end of a sequence. */
        void checkEverything() {
            List<Conversation> listed = new ArrayList<>();
            Page<Conversation> page = user.conversations().list(PageRequest.first(7));
            listed.addAll(page.items());
            while (page.hasNext()) {
                page = user.conversations().list(PageRequest.at(page.nextCursor(), 7));
                listed.addAll(page.items());
            }
            assertThat(listed).extracting(Conversation::id).as("the listed conversations")
                    .containsExactlyInAnyOrderElementsOf(conversations.keySet());
            for (Conversation c : listed) {
                Conv model = conversations.get(c.id());
                checkConversation(c, model);
                List<Message> messages = walk(p -> user.messages().oldestFirst(c.id(), p), 50);
                assertThat(messages).as("messages of %s", c.id()).hasSameSizeAs(model.messages);
                for (int i = 0; i < messages.size(); i++) {
                    checkMessage(messages.get(i), model.messages.get(i), c.id());
                }
            }
            for (String gone : deletedConversations) {
                assertThat(user.conversations().get(gone)).as("deleted conversation %s", gone).isEmpty();
            }
            for (String gone : deletedMessages) {
                assertThat(user.messages().get(gone)).as("deleted message %s", gone).isEmpty();
            }
            List<MemoryFact> listedFacts = walk(p -> user.facts().list(FactQuery.all(), p), 50);
            List<Fact> expected = expectedFacts(FactQuery.all());
            assertThat(listedFacts).as("facts").hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                checkFact(listedFacts.get(i), expected.get(i));
            }
        }

        List<Fact> expectedFacts(FactQuery query) {
            List<Fact> matching = new ArrayList<>();
            for (int i = facts.size() - 1; i >= 0; i--) {
                Fact f = facts.get(i);
                if ((query.category() == null || query.category() == f.category) && (f.active || !query.activeOnly())
                        && f.confidence >= query.minConfidence()) {
                    matching.add(f);
                }
            }
            matching.sort(Comparator.comparingDouble((Fact f) -> f.confidence).reversed());
            return matching;
        }
    }

    /** The first {@link Limits#PREVIEW_LENGTH} code points. */
    static String preview(String content) {
        return content.codePoints().limit(Limits.PREVIEW_LENGTH)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Every item of a listing, following next cursors; also checks the cursors are present exactly when items remain. */
    static <T> List<T> walk(Function<PageRequest, Page<T>> listing, int limit) {
        List<T> items = new ArrayList<>();
        Page<T> page = listing.apply(PageRequest.first(limit));
        assertThat(page.hasPrevious()).as("the first page has no previous cursor").isFalse();
        items.addAll(page.items());
        int pages = 1;
        while (page.hasNext()) {
            assertThat(page.items()).as("a page with a next cursor is full").hasSize(limit);
            page = listing.apply(PageRequest.at(page.nextCursor(), limit));
            assertThat(page.items()).as("a next cursor leads to items").isNotEmpty();
            assertThat(page.hasPrevious()).as("a page reached by a next cursor has a previous cursor").isTrue();
            items.addAll(page.items());
            assertThat(++pages).as("pages walked (the cursor loops?)").isLessThan(1000);
        }
        return items;
    }

    // ---------------------------------------------------------------- generators

    private static final List<String> KEYS = List.of("k1", "k2", "k3");

    static Arbitrary<NewMessage> newMessages() {
        Arbitrary<Role> roles = Arbitraries.of(Role.USER, Role.ASSISTANT);
        Arbitrary<String> contents = Arbitraries.of("hi", "hello", "", "same", "🌍 ünïcode", "x".repeat(250));
        Arbitrary<String> keys = Arbitraries.of(KEYS).injectNull(0.4);
        Arbitrary<Map<String, Object>> metadata = Arbitraries.of(Map.<String, Object>of(), Map.<String, Object>of("n", 1),
                Map.<String, Object>of("n", 2.5));
        return Combinators.combine(roles, contents, keys, metadata).as((role, content, key, meta) ->
                new NewMessage(role, content, key, null, meta, List.of()));
    }

    /** Short enough to read in a shrunk sequence: role, content, client message id, metadata. */
    static String describe(NewMessage m) {
        String content = m.content().length() > 12 ? m.content().substring(0, 12) + "…(" + m.content().length() + ")" : m.content();
        return m.role().wireName() + " \"" + content + "\"" + (m.clientMessageId() == null ? "" : " key " + m.clientMessageId())
                + (m.metadata().isEmpty() ? "" : " " + m.metadata());
    }

    /** Some deleted ids among the live ones, so operations on what is gone are tried too. */
    static Arbitrary<String> liveOrGone(List<String> live, List<String> gone) {
        if (gone.isEmpty()) {
            return Arbitraries.of(live);
        }
        if (live.isEmpty()) {
            return Arbitraries.of(gone);
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(live)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(gone)));
    }

    // ---------------------------------------------------------------- actions

    static final class CreateConversation implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.of("Trip", "Work", "🌍").injectNull(0.3).map(title -> Transformer.mutate(
                    "create conversation " + (title == null ? "untitled" : "\"" + title + "\""), w -> {
                        w.step();
                        Conversation c = w.user.conversations().create(new NewConversation(title, null, Map.of()));
                        Conv model = new Conv(c.id(), title);
                        w.checkConversation(c, model);
                        w.conversations.put(c.id(), model);
                    }));
        }
    }

    static final class Append implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.conversations.isEmpty() || !w.deletedConversations.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return Combinators.combine(liveOrGone(w.conversationIds(false), w.deletedConversations), newMessages())
                    .as((c, m) -> Transformer.mutate("append to " + c + ": " + describe(m), world -> appendBatch(world, c, List.of(m), false)));
        }
    }

    static final class AppendAll implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.conversations.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return Combinators.combine(Arbitraries.of(w.conversationIds(true)), newMessages().list().ofMinSize(1).ofMaxSize(4))
                    .as((c, batch) -> Transformer.mutate("appendAll to " + c + ": "
                            + batch.stream().map(ModelBasedTest::describe).toList(),
                            world -> appendBatch(world, c, batch, true)));
        }
    }

    /** Runs append or appendAll for real and in the model, and compares the outcomes. */
    static void appendBatch(World w, String conversationId, List<NewMessage> batch, boolean all) {
        Instant now = w.step();
        List<Appended> results = new ArrayList<>();
        Throwable thrown = catchThrowable(() -> {
            if (all) {
                results.addAll(w.user.messages().appendAll(conversationId, batch));
            } else {
                results.add(w.user.messages().append(conversationId, batch.get(0)));
            }
        });
        Conv live = w.conversations.get(conversationId);
        if (live == null) {
            assertThat(thrown).as("appending to a deleted conversation").isInstanceOf(NotFoundException.class);
            return;
        }
        Conv trial = live.copy();
        List<Msg> expected = new ArrayList<>();
        List<Boolean> replays = new ArrayList<>();
        Map<String, String> pending = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            NewMessage m = batch.get(i);
            Optional<Msg> earlier = m.clientMessageId() == null ? Optional.empty() : trial.byClientMessageId(m.clientMessageId());
            if (earlier.isPresent()) {
                if (!earlier.get().samePayload(m)) {
                    assertThat(thrown).as("a reused client message id with another payload (message %d of the batch)", i)
                            .isInstanceOf(IdempotencyConflictException.class);
                    return;
                }
                expected.add(earlier.get());
                replays.add(true);
                continue;
            }
            String placeholder = "pending-" + i;
            Msg stored = new Msg(placeholder, ++trial.lastSeq, m.role(), m.content(), m.metadata(), m.clientMessageId(),
                    trial.tip, now);
            trial.messages.add(stored);
            trial.tip = placeholder;
            expected.add(stored);
            replays.add(false);
        }
        assertThat(thrown).as("the append succeeds").isNull();
        assertThat(results).as("one outcome per message").hasSize(batch.size());
        for (int i = 0; i < results.size(); i++) {
            Appended a = results.get(i);
            assertThat(a.replayed()).as("message %d of the batch is a replay", i).isEqualTo(replays.get(i));
            if (!replays.get(i)) {
                pending.put(expected.get(i).id(), a.message().id());
            }
        }
        // Real ids replace the placeholders, then every outcome is compared.
        trial.messages.replaceAll(m -> m.withId(pending.getOrDefault(m.id(), m.id()))
                .withParent(m.parentId() == null ? null : pending.getOrDefault(m.parentId(), m.parentId())));
        trial.tip = trial.tip == null ? null : pending.getOrDefault(trial.tip, trial.tip);
        for (int i = 0; i < results.size(); i++) {
            Msg e = expected.get(i);
            String id = pending.getOrDefault(e.id(), e.id());
            Msg model = trial.messages.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
            World.checkMessage(results.get(i).message(), model, conversationId);
        }
        live.lastSeq = trial.lastSeq;
        live.tip = trial.tip;
        live.messages = trial.messages;
    }

    static final class DeleteMessage implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.messageIds(true).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return liveOrGone(w.messageIds(false), w.deletedMessages).map(id -> Transformer.mutate("delete message " + id, world -> {
                world.step();
                boolean deleted = world.user.messages().delete(id);
                Optional<Conv> owner = world.conversationOf(id);
                assertThat(deleted).as("delete reports whether the message was there").isEqualTo(owner.isPresent());
                if (owner.isEmpty()) {
                    return;
                }
                Conv c = owner.get();
                Msg gone = c.messages.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
                c.messages.remove(gone);
                c.messages.replaceAll(m -> id.equals(m.parentId()) ? m.withParent(gone.parentId()) : m);
                if (id.equals(c.tip)) {
                    c.tip = gone.parentId();
                }
                world.deletedMessages.add(id);
                world.facts.stream().filter(f -> id.equals(f.sourceMessageId)).forEach(f -> f.sourceMessageId = null);
            }));
        }
    }

    static final class DeleteConversation implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.conversationIds(true).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return liveOrGone(w.conversationIds(false), w.deletedConversations).map(id -> Transformer.mutate(
                    "delete conversation " + id, world -> {
                        world.step();
                        boolean deleted = world.user.conversations().delete(id);
                        Conv c = world.conversations.remove(id);
                        assertThat(deleted).as("delete reports whether the conversation was there").isEqualTo(c != null);
                        if (c == null) {
                            return;
                        }
                        world.deletedConversations.add(id);
                        c.messages.forEach(m -> world.deletedMessages.add(m.id()));
                        for (Fact f : world.facts) {
                            if (id.equals(f.sourceConversationId)) {
                                f.sourceConversationId = null;
                                f.sourceMessageId = null;
                            }
                        }
                    }));
        }
    }

    static final class GetConversation implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.conversationIds(true).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return liveOrGone(w.conversationIds(false), w.deletedConversations).map(id -> Transformer.mutate(
                    "get conversation " + id, world -> {
                        world.step();
                        Optional<Conversation> real = world.user.conversations().get(id);
                        Conv model = world.conversations.get(id);
                        assertThat(real.isPresent()).as("conversation %s exists", id).isEqualTo(model != null);
                        real.ifPresent(c -> world.checkConversation(c, model));
                    }));
        }
    }

    static final class GetMessage implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.messageIds(true).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return liveOrGone(w.messageIds(false), w.deletedMessages).map(id -> Transformer.mutate("get message " + id, world -> {
                world.step();
                Optional<Message> real = world.user.messages().get(id);
                Optional<Conv> owner = world.conversationOf(id);
                assertThat(real.isPresent()).as("message %s exists", id).isEqualTo(owner.isPresent());
                if (owner.isPresent()) {
                    Msg model = owner.get().messages.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
                    World.checkMessage(real.get(), model, owner.get().id);
                    if (model.clientMessageId() != null) {
                        assertThat(world.user.messages().byClientMessageId(owner.get().id, model.clientMessageId()))
                                .as("found by its client message id").contains(real.get());
                    }
                }
            }));
        }
    }

    static final class PageMessages implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.conversationIds(true).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return Combinators.combine(liveOrGone(w.conversationIds(false), w.deletedConversations), Arbitraries.of(true, false),
                    Arbitraries.integers().between(1, 7)).as((id, newest, limit) -> Transformer.mutate(
                    (newest ? "page newest first " : "page oldest first ") + id + " by " + limit, world -> {
                        world.step();
                        Function<PageRequest, Page<Message>> listing = newest
                                ? p -> world.user.messages().newestFirst(id, p)
                                : p -> world.user.messages().oldestFirst(id, p);
                        Conv model = world.conversations.get(id);
                        if (model == null) {
                            assertThat(catchThrowable(() -> listing.apply(PageRequest.first(limit))))
                                    .as("paging a deleted conversation").isInstanceOf(NotFoundException.class);
                            return;
                        }
                        List<Msg> expected = new ArrayList<>(model.messages);
                        if (newest) {
                            java.util.Collections.reverse(expected);
                        }
                        List<Message> real = walk(listing, limit);
                        assertThat(real).extracting(Message::id).as("the listing, %s", newest ? "newest first" : "oldest first")
                                .containsExactlyElementsOf(expected.stream().map(Msg::id).toList());
                        for (int i = 0; i < real.size(); i++) {
                            World.checkMessage(real.get(i), expected.get(i), id);
                        }
                        // One step back from the second page gives the first page again.
                        Page<Message> first = listing.apply(PageRequest.first(limit));
                        if (first.hasNext()) {
                            Page<Message> second = listing.apply(PageRequest.at(first.nextCursor(), limit));
                            Page<Message> back = listing.apply(PageRequest.at(second.previousCursor(), limit));
                            assertThat(back.items()).as("the previous cursor of page 2 leads to page 1").isEqualTo(first.items());
                        }
                    }));
        }
    }

    static final class Rename implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.conversationIds(true).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return Combinators.combine(liveOrGone(w.conversationIds(false), w.deletedConversations),
                    Arbitraries.of("Renamed", "' OR '1'='1", "🙂").injectNull(0.3)).as((id, title) -> Transformer.mutate(
                    "rename " + id + " to " + title, world -> {
                        world.step();
                        Conv model = world.conversations.get(id);
                        Throwable thrown = catchThrowable(() -> {
                            Conversation real = world.user.conversations().rename(id, title);
                            model.title = title;
                            world.checkConversation(real, model);
                        });
                        if (model == null) {
                            assertThat(thrown).as("renaming a deleted conversation").isInstanceOf(NotFoundException.class);
                        } else {
                            assertThat(thrown).as("rename").isNull();
                        }
                    }));
        }
    }

    static final class AddFact implements Action.Dependent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            Arbitrary<String> sources = w.conversationIds(true).isEmpty() ? Arbitraries.<String>just(null)
                    : liveOrGone(w.conversationIds(false), w.deletedConversations).injectNull(0.5);
            return Combinators.combine(Arbitraries.of(FactCategory.class), Arbitraries.of(0.0, 0.25, 0.5, 0.9, 1.0),
                    sources, Arbitraries.of(true, false)).as((category, confidence, source, fromMessage) -> Transformer.mutate(
                    "add fact " + category + " " + confidence + (source == null ? "" : " learned in " + source
                            + (fromMessage ? " from its newest message" : "")), world -> {
                        world.step();
                        Conv conv = source == null ? null : world.conversations.get(source);
                        String message = fromMessage && conv != null && conv.newest() != null ? conv.newest().id() : null;
                        NewFact fact = NewFact.of(category, "fact " + world.facts.size(), confidence);
                        NewFact withSource = source == null ? fact : message != null ? fact.learnedFrom(source, message)
                                : fact.learnedIn(source);
                        Throwable thrown = catchThrowable(() -> {
                            MemoryFact real = world.user.facts().add(withSource);
                            Fact model = new Fact(real.id(), category, withSource.content(), confidence, source, message);
                            world.checkFact(real, model);
                            world.facts.add(model);
                        });
                        if (source != null && conv == null) {
                            assertThat(thrown).as("a deleted source conversation").isInstanceOf(NotFoundException.class);
                        } else {
                            assertThat(thrown).as("add fact").isNull();
                        }
                    }));
        }
    }

    static final class DeactivateFact implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.facts.isEmpty() || !w.deletedFacts.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return liveOrGone(w.facts.stream().map(f -> f.id).toList(), w.deletedFacts).map(id -> Transformer.mutate(
                    "deactivate fact " + id, world -> {
                        world.step();
                        Optional<Fact> model = world.fact(id);
                        Throwable thrown = catchThrowable(() -> {
                            MemoryFact real = world.user.facts().deactivate(id);
                            model.orElseThrow().active = false;
                            world.checkFact(real, model.get());
                        });
                        if (model.isEmpty()) {
                            assertThat(thrown).as("deactivating a deleted fact").isInstanceOf(NotFoundException.class);
                        } else {
                            assertThat(thrown).as("deactivate").isNull();
                        }
                    }));
        }
    }

    static final class DeleteFact implements Action.Dependent<World> {
        @Override
        public boolean precondition(World w) {
            return !w.facts.isEmpty() || !w.deletedFacts.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World w) {
            return liveOrGone(w.facts.stream().map(f -> f.id).toList(), w.deletedFacts).map(id -> Transformer.mutate(
                    "delete fact " + id, world -> {
                        world.step();
                        Optional<Fact> model = world.fact(id);
                        assertThat(world.user.facts().delete(id)).as("delete reports whether the fact was there")
                                .isEqualTo(model.isPresent());
                        model.ifPresent(f -> {
                            world.facts.remove(f);
                            world.deletedFacts.add(id);
                        });
                    }));
        }
    }

    static final class ListFacts implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(Arbitraries.of(FactCategory.class).injectNull(0.5), Arbitraries.of(true, false),
                    Arbitraries.of(0.0, 0.5, 0.9), Arbitraries.integers().between(1, 5)).as((category, activeOnly, min, limit) -> {
                        FactQuery base = FactQuery.all().withMinConfidence(min);
                        FactQuery withCategory = category == null ? base : base.withCategory(category);
                        FactQuery query = activeOnly ? withCategory.onlyActive() : withCategory;
                        return Transformer.<World>mutate("list facts " + query + " by " + limit, world -> {
                            world.step();
                            List<MemoryFact> real = walk(p -> world.user.facts().list(query, p), limit);
                            List<Fact> expected = world.expectedFacts(query);
                            assertThat(real).extracting(MemoryFact::id).as("facts matching %s, best first", query)
                                    .containsExactlyElementsOf(expected.stream().map(f -> f.id).toList());
                            for (int i = 0; i < real.size(); i++) {
                                world.checkFact(real.get(i), expected.get(i));
                            }
                        });
                    });
        }
    }
}

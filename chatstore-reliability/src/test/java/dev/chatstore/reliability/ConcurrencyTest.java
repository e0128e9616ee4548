package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.AppendOptions;
import dev.chatstore.Appended;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.PersonaSpec;
import dev.chatstore.UserChats;
import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import dev.chatstore.testkit.Concurrently;
import dev.chatstore.testkit.Concurrently.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads writing and reading one store at once, on each backend: every acknowledged message
 * is stored exactly once, per-conversation sequences are 1..n with no gap and no repeat (also as
 * readers see them while writes go on), counters equal the real counts, and no call fails (no
 * SQLITE_BUSY, no deadlock or serialization error surfaces). Subclasses supply the backend.
 *
 * <p>When one fails, look at the append transaction's locking of the conversation row (the
 * sequence and the counters are read and written under it), the replay lookup inside that lock,
 * the insert-or-get of {@code getOrCreateForPersona}, and the read-merge-write of
 * {@code patchMetadata}. The seed of the random choices is in the failure message.
 *
 * <p>{@code -Dchatstore.reliability.scale=N} multiplies the operations per thread (the
 * {@code reliability-long} profile sets 10).
 */
abstract class ConcurrencyTest {
    static final int SCALE = Integer.getInteger("chatstore.reliability.scale", 1);
    private static final Duration TIMEOUT = Duration.ofSeconds(120L * SCALE);
    private static final int WRITERS = 8;
    private static final int READERS = 3;
    private static final int OPS_PER_WRITER = 250 * SCALE;
    private static final int KEYS = 40;
    private static final int PAGE = 23;

    private final List<ChatStore> opened = new ArrayList<>();
    /** The store under test, fresh and empty for each test. */
    ChatStore store;

    /** A new store over a new, empty database. */
    abstract ChatStore openStore();

    /** Another store object over {@code store}'s database, as a second application node or process would open it. */
    abstract ChatStore openPeer(ChatStore store);

    @BeforeEach
    void open() {
        store = track(openStore());
    }

    @AfterEach
    void close() {
        Collections.reverse(opened);
        opened.forEach(ChatStore::close);
    }

    ChatStore track(ChatStore s) {
        opened.add(s);
        return s;
    }

    /** What a writer was told about one message it stored. */
    record Ack(String conversationId, String messageId, long seq, String content) {
    }

    /** The shared and separate conversations the writers work on, and what they were told. */
    final class Workload {
        final UserChats shared;
        final List<String> sharedConversations = new ArrayList<>();
        final List<UserChats> own = new ArrayList<>();
        final List<String> ownConversations = new ArrayList<>();
        final Map<String, List<Ack>> acks = new ConcurrentHashMap<>();
        /** Every message id any caller got for a client message id; one id per key is the rule. */
        final Map<String, Set<String>> idsByKey = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> storedByKey = new ConcurrentHashMap<>();
        final AtomicLong operations = new AtomicLong();
        final AtomicLong reads = new AtomicLong();

        Workload(ChatStore s, int writers) {
            shared = s.forUser("shared-user");
            for (int i = 0; i < 2; i++) {
                sharedConversations.add(shared.conversations().create(NewConversation.titled("shared " + i)).id());
            }
            for (int t = 0; t < writers; t++) {
                UserChats user = s.forUser("writer-" + t);
                own.add(user);
                ownConversations.add(user.conversations().create(NewConversation.titled("own " + t)).id());
            }
        }

        void ack(Appended a) {
            assertThat(a.replayed()).as("a message without a client id is never a replay").isFalse();
            Message m = a.message();
            acks.computeIfAbsent(m.conversationId(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new Ack(m.conversationId(), m.id(), m.seq(), m.content()));
        }

        void keyed(String key, Appended a) {
            idsByKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(a.message().id());
            if (!a.replayed()) {
                storedByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                Message m = a.message();
                acks.computeIfAbsent(m.conversationId(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(new Ack(m.conversationId(), m.id(), m.seq(), m.content()));
            }
        }

        long acknowledged() {
            return acks.values().stream().mapToLong(List::size).sum();
        }
    }

    /**
     * Eight writers append, batch-append, replay client message ids, rename and patch two shared
     * conversations and one conversation of their own each, while three readers page both ways and
     * tail the shared conversations. Afterwards every conversation holds exactly the acknowledged
     * messages, numbered 1..n, and its counters match.
     */
    @Test
    void writersAndReadersOnSharedAndSeparateConversationsLoseAndRepeatNothing() {
        long seed = System.nanoTime();
        Workload w = new Workload(store, WRITERS);
        AtomicInteger writersLeft = new AtomicInteger(WRITERS);
        List<Concurrently.Task<? extends Object>> tasks = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            tasks.add(thread -> {
                try {
                    write(w, store, thread, new Random(seed + thread));
                    return null;
                } finally {
                    writersLeft.decrementAndGet();
                }
            });
        }
        for (int r = 0; r < READERS; r++) {
            tasks.add(thread -> {
                read(w, thread, writersLeft);
                return null;
            });
        }
        List<Outcome<Object>> outcomes = Concurrently.run(TIMEOUT, tasks);
        Concurrently.values(outcomes);
        verify(w, "seed " + seed);
        report("writersAndReaders", WRITERS + " writers x " + OPS_PER_WRITER + " operations + " + READERS
                + " readers (" + w.reads.get() + " page reads); " + w.acknowledged() + " messages acknowledged");
    }

    /**
     * Two store objects over one database (two application nodes, or two processes on one SQLite
     * file), four writers on each, appending to the same conversations: the stores' locking must
     * work across connections, not only inside one store object.
     */
    @Test
    void twoStoresOnOneDatabaseKeepSequencesAndCountersExact() {
        long seed = System.nanoTime();
        ChatStore peer = track(openPeer(store));
        Workload w = new Workload(store, WRITERS);
        Concurrently.values(Concurrently.run(TIMEOUT, WRITERS, thread -> {
            write(w, thread % 2 == 0 ? store : peer, thread, new Random(seed + thread));
            return null;
        }));
        verify(w, "seed " + seed);
        report("twoStores", "2 stores x " + WRITERS / 2 + " writers x " + OPS_PER_WRITER + " operations; "
                + w.acknowledged() + " messages acknowledged");
    }

    /** One writer's mix of operations. Own conversations are reached through the peer store when there is one. */
    private void write(Workload w, ChatStore via, int t, Random random) {
        UserChats shared = via.forUser("shared-user");
        UserChats own = via.forUser("writer-" + t);
        String ownConversation = w.ownConversations.get(t);
        for (int i = 0; i < OPS_PER_WRITER; i++) {
            String conversation = w.sharedConversations.get(random.nextInt(w.sharedConversations.size()));
            String tag = "t" + t + "-" + i;
            int dice = random.nextInt(100);
            if (dice < 35) {
                w.ack(shared.messages().append(conversation, NewMessage.user("shared " + tag)));
            } else if (dice < 60) {
                w.ack(own.messages().append(ownConversation, NewMessage.assistant("own " + tag)));
            } else if (dice < 72) {
                List<Appended> batch = shared.messages().appendAll(conversation, List.of(
                        NewMessage.user("batch-q " + tag), NewMessage.assistant("batch-a " + tag),
                        NewMessage.tool("call-" + tag, "batch-t " + tag)));
                batch.forEach(w::ack);
                long first = batch.get(0).message().seq();
                assertThat(batch).as("a batch is one transaction: consecutive seqs")
                        .extracting(a -> a.message().seq()).containsExactly(first, first + 1, first + 2);
            } else if (dice < 90) {
                // Keys are shared by all threads: replays race with each other and with the first append.
                String key = "k" + random.nextInt(KEYS);
                String keyConversation = w.sharedConversations.get(Math.floorMod(key.hashCode(), w.sharedConversations.size()));
                NewMessage keyed = NewMessage.user("keyed " + key).clientMessageId(key).metadata(Map.of("key", key));
                if (random.nextBoolean()) {
                    w.keyed(key, shared.messages().append(keyConversation, keyed));
                } else {
                    List<Appended> batch = shared.messages().appendAll(keyConversation,
                            List.of(NewMessage.user("before " + tag), keyed, keyed));
                    w.ack(batch.get(0));
                    w.keyed(key, batch.get(1));
                    w.keyed(key, batch.get(2));
                    assertThat(batch.get(2).replayed()).as("the second copy of a key in one batch replays the first")
                            .isTrue();
                }
            } else if (dice < 95) {
                shared.conversations().rename(conversation, "renamed by " + tag);
            } else {
                shared.conversations().patchMetadata(conversation, Map.of("writers", Map.of("t" + t, i)));
            }
            w.operations.incrementAndGet();
        }
    }

    /** A reader: sweeps the shared conversations both ways and tails them until the writers are done. */
    private void read(Workload w, int thread, AtomicInteger writersLeft) {
        Map<String, Long> tailed = new HashMap<>();
        Map<String, Long> lastCount = new HashMap<>();
        int round = 0;
        do {
            String conversation = w.sharedConversations.get((thread + round) % w.sharedConversations.size());
            Conversation before = w.shared.conversations().get(conversation).orElseThrow();
            assertThat(before.messageCount()).as("a reader never sees the count go down")
                    .isGreaterThanOrEqualTo(lastCount.getOrDefault(conversation, 0L));
            lastCount.put(conversation, before.messageCount());
            switch (round % 3) {
                case 0 -> sweepOldestFirst(w, conversation, before.messageCount());
                case 1 -> sweepNewestFirst(w, conversation, before.messageCount());
                default -> tailed.put(conversation, tail(w, conversation, tailed.getOrDefault(conversation, 0L)));
            }
            List<Message> newest = w.shared.messages().latest(conversation, 1).items();
            Conversation after = w.shared.conversations().get(conversation).orElseThrow();
            long top = newest.isEmpty() ? 0 : newest.get(0).seq();
            assertThat(top).as("with no deletes the newest seq is the count; read between two counts")
                    .isBetween(before.messageCount(), after.messageCount());
            w.shared.conversations().list(PageRequest.first());
            w.reads.addAndGet(3);
            round++;
        } while (writersLeft.get() > 0);
    }

    private void sweepOldestFirst(Workload w, String conversation, long atLeast) {
        long expected = 1;
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<Message> page = w.shared.messages().oldestFirst(conversation, request);
            w.reads.incrementAndGet();
            for (Message m : page.items()) {
                assertThat(m.seq()).as("oldest-first paging sees every seq once, in order, with no gap").isEqualTo(expected);
                expected++;
            }
            if (!page.hasNext()) {
                break;
            }
            assertThat(page.items()).as("a page with a next cursor is full").hasSize(PAGE);
            request = PageRequest.at(page.nextCursor(), PAGE);
        }
        assertThat(expected - 1).as("a sweep sees at least the messages counted before it").isGreaterThanOrEqualTo(atLeast);
    }

    private void sweepNewestFirst(Workload w, String conversation, long atLeast) {
        Page<Message> page = w.shared.messages().newestFirst(conversation, PageRequest.first(PAGE));
        w.reads.incrementAndGet();
        long top = page.items().isEmpty() ? 0 : page.items().get(0).seq();
        assertThat(top).as("the newest seq is at least the count read before").isGreaterThanOrEqualTo(atLeast);
        long expected = top;
        while (true) {
            for (Message m : page.items()) {
                assertThat(m.seq()).as("newest-first paging sees every seq once, in order, with no gap").isEqualTo(expected);
                expected--;
            }
            if (!page.hasNext()) {
                break;
            }
            page = w.shared.messages().newestFirst(conversation, PageRequest.at(page.nextCursor(), PAGE));
            w.reads.incrementAndGet();
        }
        assertThat(expected).as("newest-first paging reaches seq 1").isZero();
    }

    /** What a client catching up does: asks for everything after the last seq it saw. */
    private long tail(Workload w, String conversation, long seen) {
        List<Message> missing = w.shared.messages().after(conversation, seen, 50).items();
        w.reads.incrementAndGet();
        long expected = seen + 1;
        for (Message m : missing) {
            assertThat(m.seq()).as("after(%d) returns the next seqs with no gap", seen).isEqualTo(expected);
            expected++;
        }
        return expected - 1;
    }

    /** Every conversation holds exactly its acknowledged messages, numbered 1..n, and its counters match. */
    void verify(Workload w, String seed) {
        List<String> all = new ArrayList<>(w.sharedConversations);
        all.addAll(w.ownConversations);
        long total = 0;
        for (String conversationId : all) {
            UserChats owner = w.sharedConversations.contains(conversationId) ? w.shared
                    : w.own.get(w.ownConversations.indexOf(conversationId));
            List<Message> stored = everything(owner, conversationId);
            List<Ack> acked = w.acks.getOrDefault(conversationId, List.of());
            Conversation c = owner.conversations().get(conversationId).orElseThrow();
            assertThat(stored).as("%s: conversation %s holds exactly the acknowledged messages", seed, conversationId)
                    .extracting(Message::id)
                    .containsExactlyInAnyOrderElementsOf(acked.stream().map(Ack::messageId).toList());
            assertThat(stored).as("%s: seqs of %s are 1..n, each once", seed, conversationId)
                    .extracting(Message::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
            Map<String, Ack> byId = acked.stream().collect(Collectors.toMap(Ack::messageId, a -> a));
            for (Message m : stored) {
                Ack a = byId.get(m.id());
                assertThat(new Ack(m.conversationId(), m.id(), m.seq(), m.content()))
                        .as("%s: message %s as its writer was told", seed, m.id()).isEqualTo(a);
            }
            assertThat(c.messageCount()).as("%s: message count of %s", seed, conversationId).isEqualTo(stored.size());
            if (!stored.isEmpty()) {
                Message last = stored.get(stored.size() - 1);
                assertThat(c.lastMessageAt()).as("%s: last message time of %s", seed, conversationId)
                        .isEqualTo(last.createdAt());
                assertThat(c.activeTipId()).as("%s: the tip of %s is its newest message", seed, conversationId)
                        .isEqualTo(last.id());
            }
            total += stored.size();
        }
        for (Map.Entry<String, Set<String>> e : w.idsByKey.entrySet()) {
            assertThat(e.getValue()).as("%s: every append of client id %s got the same message", seed, e.getKey()).hasSize(1);
            assertThat(w.storedByKey.get(e.getKey())).as("%s: exactly one append of %s stored it", seed, e.getKey())
                    .hasValue(1);
        }
        assertThat(store.admin().statistics().messages()).as("%s: the store-wide count", seed).isEqualTo(total);
        assertThat(total).as("%s: stored = acknowledged", seed).isEqualTo(w.acknowledged());
    }

    /** A conversation's messages, oldest first, read page by page. */
    static List<Message> everything(UserChats owner, String conversationId) {
        List<Message> all = new ArrayList<>();
        Page<Message> page = owner.messages().oldestFirst(conversationId, PageRequest.first(200));
        all.addAll(page.items());
        while (page.hasNext()) {
            page = owner.messages().oldestFirst(conversationId, PageRequest.at(page.nextCursor(), 200));
            all.addAll(page.items());
        }
        return all;
    }

    /**
     * Sixteen threads replay eight client message ids into one conversation, each key several
     * times, alone and inside batches: one row and one id per key, exactly one caller stored it.
     */
    @Test
    void concurrentReplaysOfOneClientMessageIdYieldOneRowAndOneId() {
        UserChats alice = store.forUser("alice");
        String conversation = alice.conversations().create(NewConversation.titled("replays")).id();
        int threads = 16;
        int keys = 8;
        List<List<Appended>> results = Concurrently.values(Concurrently.run(TIMEOUT, threads, thread -> {
            List<Integer> order = new ArrayList<>();
            for (int round = 0; round < 3 * SCALE; round++) {
                for (int k = 0; k < keys; k++) {
                    order.add(k);
                }
            }
            Collections.shuffle(order, new Random(thread));
            List<Appended> mine = new ArrayList<>();
            for (int k : order) {
                NewMessage m = NewMessage.user("payload " + k).clientMessageId("key-" + k).metadata(Map.of("k", k));
                if (k % 3 == 0) {
                    mine.addAll(alice.messages().appendAll(conversation, List.of(m, m)));
                } else {
                    mine.add(alice.messages().append(conversation, m));
                }
            }
            return mine;
        }));
        Map<String, List<Appended>> byKey = results.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(a -> a.message().clientMessageId()));
        assertThat(byKey).hasSize(keys);
        for (Map.Entry<String, List<Appended>> e : byKey.entrySet()) {
            assertThat(e.getValue()).as("every caller of %s got the same message", e.getKey())
                    .extracting(a -> a.message().id()).containsOnly(e.getValue().get(0).message().id());
            assertThat(e.getValue()).as("exactly one append of %s stored it", e.getKey())
                    .filteredOn(a -> !a.replayed()).hasSize(1);
        }
        List<Message> stored = everything(alice, conversation);
        assertThat(stored).as("one row per key, numbered 1..%d", keys).extracting(Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, keys).boxed().toList());
        assertThat(alice.conversations().get(conversation).orElseThrow().messageCount()).isEqualTo(keys);
        report("replays", threads + " threads x " + byKey.values().stream().mapToInt(List::size).sum() / threads
                + " appends of " + keys + " client ids");
    }

    /**
     * Twelve threads get-or-create the conversations of four users with three personas (one with
     * a greeting), in random order: one conversation per user and persona, and a greeting stored once.
     */
    @Test
    void concurrentGetOrCreateYieldsOneConversationPerUserAndPersona() {
        store.personas().upsert(PersonaSpec.of("greeter", "Greeter", "You greet.").withGreeting("Hello there"));
        List<String> personas = List.of("greeter", "unknown-a", "unknown-b");
        int users = 4;
        int threads = 12;
        List<Map<String, String>> seen = Concurrently.values(Concurrently.run(TIMEOUT, threads, thread -> {
            List<String> pairs = new ArrayList<>();
            for (int round = 0; round < 2 * SCALE; round++) {
                for (int u = 0; u < users; u++) {
                    for (String p : personas) {
                        pairs.add(u + "/" + p);
                    }
                }
            }
            Collections.shuffle(pairs, new Random(thread));
            Map<String, String> ids = new LinkedHashMap<>();
            for (String pair : pairs) {
                String[] parts = pair.split("/");
                Conversation c = store.forUser("user-" + parts[0]).conversations()
                        .getOrCreateForPersona(NewConversation.withPersona(parts[1]).withGreeting());
                String previous = ids.put(pair, c.id());
                assertThat(previous == null || previous.equals(c.id())).as("%s: the same id every time", pair).isTrue();
            }
            return ids;
        }));
        for (int u = 0; u < users; u++) {
            UserChats user = store.forUser("user-" + u);
            List<Conversation> listed = user.conversations().list(PageRequest.first(100)).items();
            assertThat(listed).as("user %d has one conversation per persona", u).hasSize(personas.size())
                    .extracting(Conversation::personaName).containsExactlyInAnyOrderElementsOf(personas);
            for (Conversation c : listed) {
                String pair = u + "/" + c.personaName();
                assertThat(seen).as("every caller of %s got conversation %s", pair, c.id())
                        .allSatisfy(ids -> assertThat(ids.get(pair)).isEqualTo(c.id()));
                long greetings = "greeter".equals(c.personaName()) ? 1 : 0;
                assertThat(c.messageCount()).as("%s: the greeting is stored once with the conversation", pair)
                        .isEqualTo(greetings);
                assertThat(everything(user, c.id())).hasSize((int) greetings);
            }
        }
        report("getOrCreate", threads + " threads x " + users * personas.size() * 2 * SCALE + " calls");
    }

    /**
     * Ten threads patch one conversation's metadata twenty times each, every patch adding its own
     * key and updating its thread's entry of a nested map: no patch is lost.
     */
    @Test
    void concurrentMetadataPatchesAllSurvive() {
        UserChats alice = store.forUser("alice");
        String conversation = alice.conversations()
                .create(NewConversation.titled("patched").withMetadata(Map.of("kept", "yes", "dropped", 1))).id();
        int threads = 10;
        int patches = 20 * SCALE;
        Concurrently.values(Concurrently.run(TIMEOUT, threads, thread -> {
            for (int i = 0; i < patches; i++) {
                Map<String, Object> patch = new HashMap<>();
                patch.put("t" + thread + "-" + i, i);
                patch.put("latest", Map.of("t" + thread, i));
                if (i == 0) {
                    patch.put("dropped", null);
                }
                alice.conversations().patchMetadata(conversation, patch);
                // Appends contend for the same row.
                alice.messages().append(conversation, NewMessage.user("t" + thread + " " + i));
            }
            return null;
        }));
        Map<String, Object> metadata = alice.conversations().get(conversation).orElseThrow().metadata();
        Set<String> expectedKeys = new HashSet<>(List.of("kept", "latest"));
        Map<String, Object> latest = new HashMap<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < patches; i++) {
                expectedKeys.add("t" + t + "-" + i);
            }
            latest.put("t" + t, patches - 1);
        }
        assertThat(metadata.keySet()).as("every patch's key survived, the removed key is gone")
                .containsExactlyInAnyOrderElementsOf(expectedKeys);
        assertThat(metadata.get("latest")).as("each thread's last nested value").isEqualTo(latest);
        assertThat(metadata.get("kept")).isEqualTo("yes");
        assertThat(alice.conversations().get(conversation).orElseThrow().messageCount()).isEqualTo((long) threads * patches);
        report("patches", threads + " threads x " + patches + " patches + " + patches + " appends");
    }

    /**
     * Eight chat-memory writers share one conversation the way the framework adapters do: read the
     * revision and a window counter from the metadata, then append a turn and the counter + 1 only
     * at that revision, retrying on {@link ConcurrentUpdateException}. Every turn is stored exactly
     * once, the counter equals the number of turns, and no other failure surfaces.
     */
    @Test
    void optimisticTurnsAtARevisionAreEachStoredOnce() {
        UserChats alice = store.forUser("alice");
        String conversation = alice.conversations().create(NewConversation.titled("memory")).id();
        int threads = 8;
        int turns = 15 * SCALE;
        AtomicInteger conflicts = new AtomicInteger();
        Concurrently.values(Concurrently.run(TIMEOUT, threads, thread -> {
            for (int i = 0; i < turns; i++) {
                while (true) {
                    Conversation c = alice.conversations().get(conversation).orElseThrow();
                    int count = c.metadata().get("turns") instanceof Number n ? n.intValue() : 0;
                    try {
                        alice.messages().appendAll(conversation,
                                List.of(NewMessage.user("t" + thread + " " + i), NewMessage.assistant("a" + thread + " " + i)),
                                AppendOptions.none().ifRevision(c.revision()).patchMetadata(Map.of("turns", count + 1)));
                        break;
                    } catch (ConcurrentUpdateException e) {
                        conflicts.incrementAndGet();
                    }
                }
            }
            return null;
        }));
        Conversation c = alice.conversations().get(conversation).orElseThrow();
        assertThat(c.metadata().get("turns")).as("the counter saw every turn once").isEqualTo(threads * turns);
        assertThat(c.messageCount()).isEqualTo(2L * threads * turns);
        List<String> contents = new ArrayList<>();
        Page<Message> page = alice.messages().oldestFirst(conversation, PageRequest.first(200));
        while (true) {
            page.items().forEach(m -> contents.add(m.content()));
            if (!page.hasNext()) {
                break;
            }
            page = alice.messages().oldestFirst(conversation, PageRequest.at(page.nextCursor(), 200));
        }
        assertThat(new HashSet<>(contents)).as("no turn stored twice").hasSize(contents.size());
        for (int i = 0; i < contents.size(); i += 2) {
            assertThat(contents.get(i + 1)).as("each turn's answer follows its question")
                    .isEqualTo("a" + contents.get(i).substring(1));
        }
        report("optimisticTurns", threads + " threads x " + turns + " turns, " + conflicts.get() + " conflicts retried");
    }

    /**
     * Four writers (two of them through a second store on the same database) put, replace and delete the vectors
     * of one user's model while two readers run approximate searches through an index built first, each search
     * bringing the index forward by what was written since its version. At the end the approximate search over
     * every vector returns exactly what the exact one returns: no write was missed, whatever order the writers
     * committed in (look at how a write's version is taken: in commit order, under the model row's lock).
     */
    @Test
    void approximateSearchesKeepUpWithConcurrentVectorWriters() {
        ChatStore peer = track(openPeer(store));
        UserChats alice = store.forUser("alice");
        String model = "concurrent-embedder";
        String conversation = alice.conversations().create(NewConversation.titled("vectors")).id();
        List<EmbeddingTarget> targets = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            targets.add(EmbeddingTarget.message(alice.messages().append(conversation, NewMessage.user("m" + i)).message().id()));
        }
        Random seeds = new Random();
        for (int i = 0; i < 24; i++) {
            alice.embeddings().put(targets.get(i), model, vector(seeds));
        }
        assertThat(alice.embeddings().buildApproximateIndex(model)).isTrue();
        int writers = 4;
        int readers = 2;
        long seed = seeds.nextLong();
        AtomicInteger writersLeft = new AtomicInteger(writers);
        AtomicLong searches = new AtomicLong();
        Concurrently.values(Concurrently.run(TIMEOUT, writers + readers, thread -> {
            Random random = new Random(seed + thread);
            if (thread >= writers) {
                while (writersLeft.get() > 0) {
                    List<VectorHit> hits = alice.embeddings().nearest(VectorQuery.of(model, vector(random), 10).approximate());
                    assertThat(hits).as("seed %d: a search while writers run", seed).isNotEmpty();
                    searches.incrementAndGet();
                }
                return null;
            }
            UserChats via = (thread % 2 == 0 ? store : peer).forUser("alice");
            try {
                for (int i = 0; i < 40 * SCALE; i++) {
                    EmbeddingTarget target = targets.get(random.nextInt(targets.size()));
                    if (random.nextInt(4) == 0) {
                        via.embeddings().delete(target, model);
                    } else {
                        via.embeddings().put(target, model, vector(random));
                    }
                }
            } finally {
                writersLeft.decrementAndGet();
            }
            return null;
        }));
        VectorQuery everything = VectorQuery.of(model, vector(seeds), 100);
        assertThat(alice.embeddings().nearest(everything.approximate())).as("seed %d: approximate as exact at the end", seed)
                .isEqualTo(alice.embeddings().nearest(everything));
        report("approximateSearches", writers + " writers x " + 40 * SCALE + " writes, " + searches.get()
                + " approximate searches meanwhile");
    }

    private static float[] vector(Random random) {
        float[] v = new float[8];
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    void report(String test, String figures) {
        System.out.println("[reliability] " + getClass().getSimpleName() + "." + test + ": " + figures);
    }
}

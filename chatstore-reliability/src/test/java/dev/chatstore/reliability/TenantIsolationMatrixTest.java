package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.ChatStore;
import dev.chatstore.FactCategory;
import dev.chatstore.FactQuery;
import dev.chatstore.FactUpdate;
import dev.chatstore.Feedback;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SearchHit;
import dev.chatstore.TextQuery;
import dev.chatstore.PersonaSpec;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.Rating;
import dev.chatstore.UserChats;
import dev.chatstore.testkit.SeededUser;
import dev.chatstore.testkit.StoreSnapshot;
import dev.chatstore.testkit.TestClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The tenant isolation matrix: every user-scoped read and write of
 * {@link UserChats} and its sub-APIs, called by another user with the owner's ids (and names of
 * the owner's settings, providers and cached searches). Reads must come back empty or without a
 * trace of the owner, writes must be {@link NotFoundException} or {@code false} as each method's
 * javadoc says, and snapshots of owner and intruder must be unchanged. The intruders are another
 * user with data of their own, the owner's id in upper case, and the owner's id with a trailing
 * space — user ids are compared exactly. Runs on both backends.
 *
 * <p>When a row fails, look at the user_id condition of the statement behind that operation.
 */
class TenantIsolationMatrixTest {
    private static final String OWNER = "alice";
    private static final List<String> INTRUDERS = List.of("bob", "ALICE", "alice ");
    private static final String OWNER_SETTING = "alice-only";
    private static final String OWNER_QUERY = "alice only query";
    private static final String OWNER_PROVIDER = "alice-only-provider";
    private static final String STORE_SETTING = "maintenance.window";
    /** The provider every seeded user has configured, with an API key of their own. */
    private static final String PROVIDER = "openai";

    private final TestClock clock = new TestClock(TestClock.START);
    private ChatStore store;

    /** What a row expects of the intruder's call. */
    enum Expect {
        /** {@link NotFoundException}. */
        NOT_FOUND,
        /** {@code false}. */
        FALSE,
        /** An empty Optional, list or page. */
        EMPTY,
        /** Any result, as long as no id or secret of the owner appears in it. */
        NO_TRACE,
        /** {@link InvalidInputException} naming the cursor (a cursor of the owner's listing is foreign). */
        FOREIGN_CURSOR
    }

    record Row(String operation, Expect expect, Function<UserChats, Object> call) {
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> onSqlite() {
        return matrix(Backend.SQLITE);
    }

    @TestFactory
    Stream<DynamicNode> onPostgres() {
        return matrix(Backend.POSTGRES);
    }

    private Stream<DynamicNode> matrix(Backend backend) {
        store = backend.open(clock);
        store.personas().upsert(PersonaSpec.of(SeededUser.PERSONA, "Tutor", "You teach patiently."));
        store.settings().put(STORE_SETTING, Map.of("day", "sunday"));
        SeededUser o = seed(OWNER);
        UserChats owner = store.forUser(OWNER);
        owner.settings().put(OWNER_SETTING, "secret-of-alice");
        owner.searchCache().put(OWNER_QUERY, List.of("secret-of-alice"), Duration.ofDays(365));
        owner.providers().put(ProviderConfigSpec.of(OWNER_PROVIDER).withApiKey("secret-key-of-alice"));
        List<String> traces = new ArrayList<>(List.of(o.conversation().id(), o.request().id(), o.reply().id(), o.regenerated().id(),
                o.otherConversation().id(), o.otherMessage().id(), o.archived().id(), o.imageMessage().id(), o.linkedFile().id(), o.orphanFile().id(),
                o.readyFile().id(), o.sourcedFact().id(), o.plainFact().id(), "sk-alice-key", "secret-of-alice", "secret-key-of-alice",
                "alice@example.com"));
        List<DynamicNode> containers = new ArrayList<>();
        int[] checked = {0};
        for (String intruder : INTRUDERS) {
            SeededUser m = seed(intruder);
            List<String> users = List.of(OWNER, intruder);
            List<String> queries = List.of(SeededUser.QUERY, OWNER_QUERY);
            List<Row> rows = rows(o, m);
            List<DynamicNode> tests = new ArrayList<>();
            StoreSnapshot[] baseline = new StoreSnapshot[1];
            tests.add(DynamicTest.dynamicTest("baseline", () -> baseline[0] = StoreSnapshot.of(store, users, queries)));
            for (Row row : rows) {
                tests.add(DynamicTest.dynamicTest(intruder + " → " + row.operation() + " ⇒ " + row.expect(), () -> {
                    clock.advance(Duration.ofSeconds(1));
                    check(row, store.forUser(intruder), traces);
                    checked[0]++;
                    assertThat(StoreSnapshot.of(store, users, queries)).as("%s by %s: owner and intruder unchanged",
                            row.operation(), describe(intruder)).isEqualTo(baseline[0]);
                }));
            }
            tests.add(DynamicTest.dynamicTest(intruder + " → erase ⇒ the owner keeps everything", () -> {
                StoreSnapshot before = StoreSnapshot.of(store, List.of(OWNER), queries);
                store.forUser(intruder).erase();
                assertThat(StoreSnapshot.of(store, List.of(OWNER), queries).users())
                        .as("%s erased only itself", describe(intruder)).isEqualTo(before.users());
            }));
            containers.add(DynamicContainer.dynamicContainer("intruder " + describe(intruder) + " (" + rows.size()
                    + " operations)", tests));
        }
        containers.add(DynamicTest.dynamicTest("summary", () -> System.out.println("[reliability] TenantIsolationMatrixTest on "
                + backend + ": " + checked[0] + " foreign calls (" + INTRUDERS.size() + " intruders), owner and intruder unchanged")));
        return Stream.of(DynamicContainer.dynamicContainer(backend.name(), containers));
    }

    /** One of everything for {@code userId}, and provider {@value #PROVIDER} configured with the key {@code sk-<userId>-key}. */
    private SeededUser seed(String userId) {
        SeededUser seeded = SeededUser.create(store.forUser(userId), clock);
        store.forUser(userId).providers().put(ProviderConfigSpec.of(PROVIDER).withApiKey("sk-" + userId + "-key"));
        return seeded;
    }

    private static String describe(String userId) {
        return "\"" + userId + "\"";
    }

    private static void check(Row row, UserChats intruder, Collection<String> traces) {
        String what = row.operation() + " by " + describe(intruder.userId());
        Object[] result = new Object[1];
        Throwable thrown = catchThrowable(() -> result[0] = row.call().apply(intruder));
        switch (row.expect()) {
            case NOT_FOUND -> assertThat(thrown).as("%s: NotFoundException", what).isInstanceOf(NotFoundException.class);
            case FOREIGN_CURSOR -> {
                assertThat(thrown).as("%s: InvalidInputException(cursor)", what).isInstanceOf(InvalidInputException.class);
                assertThat(((InvalidInputException) thrown).argument()).as(what).isEqualTo("cursor");
            }
            case FALSE -> {
                assertThat(thrown).as("%s: no exception", what).isNull();
                assertThat(result[0]).as("%s: false", what).isEqualTo(false);
            }
            case EMPTY -> {
                assertThat(thrown).as("%s: no exception", what).isNull();
                Object r = result[0];
                if (r instanceof Optional<?> opt) {
                    assertThat(opt).as("%s: empty", what).isEmpty();
                } else if (r instanceof Page<?> page) {
                    assertThat(page.items()).as("%s: empty page", what).isEmpty();
                } else {
                    assertThat((Collection<?>) r).as("%s: empty", what).isEmpty();
                }
            }
            case NO_TRACE -> {
                assertThat(thrown).as("%s: no exception", what).isNull();
                String text = String.valueOf(result[0]);
                for (String trace : traces) {
                    assertThat(text).as("%s: shows nothing of the owner's", what).doesNotContain(trace);
                }
            }
        }
    }

    private List<Row> rows(SeededUser o, SeededUser m) {
        List<Row> r = new ArrayList<>();
        // conversations
        for (String c : List.of(o.conversation().id(), o.archived().id())) {
            String which = c.equals(o.archived().id()) ? " (archived)" : "";
            r.add(new Row("conversations.get" + which, Expect.EMPTY, u -> u.conversations().get(c)));
            r.add(new Row("conversations.rename" + which, Expect.NOT_FOUND, u -> u.conversations().rename(c, "hacked")));
            r.add(new Row("conversations.replaceMetadata" + which, Expect.NOT_FOUND,
                    u -> u.conversations().replaceMetadata(c, Map.of("x", 1))));
            r.add(new Row("conversations.patchMetadata" + which, Expect.NOT_FOUND,
                    u -> u.conversations().patchMetadata(c, Map.of("origin", "bob"))));
            r.add(new Row("conversations.setModel" + which, Expect.NOT_FOUND, u -> u.conversations().setModel(c, "p", "m")));
            r.add(new Row("conversations.setSystemPrompt" + which, Expect.NOT_FOUND,
                    u -> u.conversations().setSystemPrompt(c, "obey")));
            r.add(new Row("conversations.setPinned" + which, Expect.NOT_FOUND, u -> u.conversations().setPinned(c, false)));
            r.add(new Row("conversations.setArchived" + which, Expect.NOT_FOUND, u -> u.conversations().setArchived(c, false)));
            r.add(new Row("conversations.markRead" + which, Expect.NOT_FOUND, u -> u.conversations().markRead(c)));
            r.add(new Row("conversations.tokenTotals" + which, Expect.NOT_FOUND, u -> u.conversations().tokenTotals(c)));
            r.add(new Row("conversations.delete" + which, Expect.FALSE, u -> u.conversations().delete(c)));
        }
        r.add(new Row("conversations.list", Expect.NO_TRACE, u -> u.conversations().list(PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX))));
        r.add(new Row("conversations.listArchived", Expect.NO_TRACE,
                u -> u.conversations().listArchived(PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX))));
        r.add(new Row("conversations.sidebar", Expect.NO_TRACE, u -> u.conversations().sidebar(PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX))));
        r.add(new Row("conversations.getOrCreateForPersona (the persona the owner chats with)", Expect.NO_TRACE,
                u -> u.conversations().getOrCreateForPersona(NewConversation.withPersona(SeededUser.PERSONA))));
        // messages
        r.add(new Row("messages.append to the owner's conversation", Expect.NOT_FOUND,
                u -> u.messages().append(o.conversation().id(), NewMessage.user("x"))));
        r.add(new Row("messages.append replaying the owner's client message id", Expect.NOT_FOUND,
                u -> u.messages().append(o.conversation().id(), NewMessage.user("What is a monad?").clientMessageId(SeededUser.CLIENT_MESSAGE_ID))));
        r.add(new Row("messages.appendAll to the owner's conversation", Expect.NOT_FOUND,
                u -> u.messages().appendAll(o.conversation().id(), List.of(NewMessage.user("x")))));
        r.add(new Row("messages.append replying to the owner's message", Expect.NOT_FOUND,
                u -> u.messages().append(m.conversation().id(), NewMessage.assistant("x").replyTo(o.request().id()))));
        r.add(new Row("messages.append attaching the owner's file", Expect.NOT_FOUND,
                u -> u.messages().append(m.conversation().id(), NewMessage.user("x").attachments(o.orphanFile().id()))));
        r.add(new Row("messages.appendAll replying to the owner's message last", Expect.NOT_FOUND,
                u -> u.messages().appendAll(m.conversation().id(), List.of(NewMessage.user("ok"), NewMessage.assistant("x").replyTo(o.reply().id())))));
        r.add(new Row("messages.get", Expect.EMPTY, u -> u.messages().get(o.request().id())));
        r.add(new Row("messages.findReply", Expect.EMPTY, u -> u.messages().findReply(o.request().id())));
        r.add(new Row("messages.byClientMessageId", Expect.EMPTY,
                u -> u.messages().byClientMessageId(o.conversation().id(), SeededUser.CLIENT_MESSAGE_ID)));
        // search: the intruder seeded the same texts; none of the owner's hits may appear
        for (String words : List.of("monad", "monoid endofunctors", "burritos", "\"hello again\"", "seeded", "old chat")) {
            r.add(new Row("search.text " + words, Expect.NO_TRACE,
                    u -> u.search().text(TextQuery.of(words), PageRequest.first(100))));
        }
        r.add(new Row("search.text in the owner's conversation", Expect.EMPTY,
                u -> u.search().text(TextQuery.of("monad").inConversation(o.conversation().id()), PageRequest.first())));
        // the owner's memory facts and extracted file text, also seeded by the intruder
        for (String words : List.of("haskell", "\"short answers\"", "extracted words", "learn OR likes")) {
            r.add(new Row("search.text of facts and files " + words, Expect.NO_TRACE,
                    u -> u.search().text(TextQuery.of(words), PageRequest.first(100))));
            r.add(new Row("search.text only facts and files " + words, Expect.NO_TRACE,
                    u -> u.search().text(TextQuery.of(words).onlyKinds(SearchHit.Kind.FACT, SearchHit.Kind.ATTACHMENT),
                            PageRequest.first(100))));
        }
        r.add(new Row("search.text of facts and files in the owner's conversation", Expect.EMPTY,
                u -> u.search().text(TextQuery.of("haskell OR extracted").inConversation(o.conversation().id()),
                        PageRequest.first())));
        String ownersFactCursor = store.forUser(OWNER).search().text(TextQuery.of("haskell OR likes OR extracted")
                .onlyKinds(SearchHit.Kind.FACT, SearchHit.Kind.ATTACHMENT), PageRequest.first(1)).nextCursor();
        r.add(new Row("search.text of facts and files with the owner's cursor", Expect.FOREIGN_CURSOR,
                u -> u.search().text(TextQuery.of("haskell OR likes OR extracted")
                        .onlyKinds(SearchHit.Kind.FACT, SearchHit.Kind.ATTACHMENT), PageRequest.at(ownersFactCursor, 1))));
        String ownersSearchCursor = store.forUser(OWNER).search().text(TextQuery.of("monad OR burritos OR hello"),
                PageRequest.first(1)).nextCursor();
        r.add(new Row("search.text with the owner's cursor", Expect.FOREIGN_CURSOR,
                u -> u.search().text(TextQuery.of("monad OR burritos OR hello"), PageRequest.at(ownersSearchCursor, 1))));
        r.add(new Row("messages.newestFirst", Expect.NOT_FOUND, u -> u.messages().newestFirst(o.conversation().id(), PageRequest.first())));
        r.add(new Row("messages.newestFirst with the owner's cursor", Expect.NOT_FOUND,
                u -> u.messages().newestFirst(o.conversation().id(), PageRequest.at(o.messageCursor()))));
        r.add(new Row("messages.newestFirst of the intruder's conversation with the owner's cursor", Expect.FOREIGN_CURSOR,
                u -> u.messages().newestFirst(m.conversation().id(), PageRequest.at(o.messageCursor()))));
        r.add(new Row("messages.oldestFirst", Expect.NOT_FOUND, u -> u.messages().oldestFirst(o.conversation().id(), PageRequest.first())));
        r.add(new Row("messages.latest", Expect.NOT_FOUND, u -> u.messages().latest(o.conversation().id(), 10)));
        r.add(new Row("messages.after", Expect.NOT_FOUND, u -> u.messages().after(o.conversation().id(), 0, 10)));
        r.add(new Row("messages.branch", Expect.NOT_FOUND, u -> u.messages().branch(o.conversation().id(), PageRequest.first())));
        r.add(new Row("messages.path", Expect.NOT_FOUND, u -> u.messages().path(o.reply().id(), PageRequest.first())));
        r.add(new Row("messages.editContent", Expect.NOT_FOUND, u -> u.messages().editContent(o.request().id(), "hacked")));
        r.add(new Row("messages.setFeedback", Expect.NOT_FOUND, u -> u.messages().setFeedback(o.reply().id(), Feedback.rated(Rating.THUMBS_UP))));
        r.add(new Row("messages.setFeedback clearing", Expect.NOT_FOUND, u -> u.messages().setFeedback(o.imageMessage().id(), Feedback.NONE)));
        r.add(new Row("messages.regenerate", Expect.NOT_FOUND, u -> u.messages().regenerate(o.reply().id(), NewMessage.assistant("x"))));
        r.add(new Row("messages.editIntoBranch", Expect.NOT_FOUND, u -> u.messages().editIntoBranch(o.request().id(), NewMessage.user("x"))));
        r.add(new Row("messages.selectBranch", Expect.NOT_FOUND, u -> u.messages().selectBranch(o.regenerated().id())));
        r.add(new Row("messages.delete", Expect.FALSE, u -> u.messages().delete(o.request().id())));
        r.add(new Row("messages.delete of the tip", Expect.FALSE, u -> u.messages().delete(o.reply().id())));
        // attachments
        for (String f : List.of(o.orphanFile().id(), o.linkedFile().id(), o.readyFile().id())) {
            r.add(new Row("attachments.get " + f.substring(0, 8), Expect.EMPTY, u -> u.attachments().get(f)));
        }
        r.add(new Row("attachments.inlineData", Expect.EMPTY, u -> u.attachments().inlineData(o.orphanFile().id())));
        r.add(new Row("attachments.markProcessing", Expect.NOT_FOUND, u -> u.attachments().markProcessing(o.orphanFile().id())));
        r.add(new Row("attachments.markReady", Expect.NOT_FOUND, u -> u.attachments().markReady(o.linkedFile().id(), "x", 1)));
        r.add(new Row("attachments.markError", Expect.NOT_FOUND, u -> u.attachments().markError(o.linkedFile().id(), "x")));
        r.add(new Row("attachments.linkToConversation (owner's file, own conversation)", Expect.NOT_FOUND,
                u -> { u.attachments().linkToConversation(o.orphanFile().id(), m.conversation().id()); return null; }));
        r.add(new Row("attachments.linkToConversation (own file, owner's conversation)", Expect.NOT_FOUND,
                u -> { u.attachments().linkToConversation(m.orphanFile().id(), o.conversation().id()); return null; }));
        r.add(new Row("attachments.listForMessage", Expect.EMPTY, u -> u.attachments().listForMessage(o.reply().id())));
        r.add(new Row("attachments.listForConversation", Expect.EMPTY, u -> u.attachments().listForConversation(o.conversation().id())));
        r.add(new Row("attachments.orphans", Expect.NO_TRACE, u -> u.attachments().orphans(Limits.ATTACHMENTS_LIST_MAX)));
        r.add(new Row("attachments.delete", Expect.FALSE, u -> u.attachments().delete(o.orphanFile().id())));
        r.add(new Row("attachments.delete of a linked file", Expect.FALSE, u -> u.attachments().delete(o.linkedFile().id())));
        // facts
        r.add(new Row("facts.get", Expect.EMPTY, u -> u.facts().get(o.sourcedFact().id())));
        r.add(new Row("facts.update", Expect.NOT_FOUND, u -> u.facts().update(o.plainFact().id(), FactUpdate.content("hacked"))));
        r.add(new Row("facts.update confidence", Expect.NOT_FOUND, u -> u.facts().update(o.plainFact().id(), FactUpdate.confidence(0))));
        r.add(new Row("facts.deactivate", Expect.NOT_FOUND, u -> u.facts().deactivate(o.plainFact().id())));
        r.add(new Row("facts.delete", Expect.FALSE, u -> u.facts().delete(o.sourcedFact().id())));
        r.add(new Row("facts.add learned in the owner's conversation", Expect.NOT_FOUND,
                u -> u.facts().add(NewFact.of(FactCategory.FACT, "x", 0.5).learnedIn(o.conversation().id()))));
        r.add(new Row("facts.add learned from the owner's message", Expect.NOT_FOUND,
                u -> u.facts().add(NewFact.of(FactCategory.FACT, "x", 0.5).learnedFrom(m.conversation().id(), o.request().id()))));
        r.add(new Row("facts.list", Expect.NO_TRACE, u -> u.facts().list(FactQuery.all(), PageRequest.first(Limits.FACTS_PAGE_MAX))));
        // profile
        r.add(new Row("profile.setActiveConversation", Expect.NOT_FOUND, u -> u.profile().setActiveConversation(o.conversation().id())));
        r.add(new Row("profile.get", Expect.NO_TRACE, u -> u.profile().get()));
        r.add(new Row("profile.activeConversation", Expect.NO_TRACE, u -> u.profile().activeConversation()));
        // settings, providers, search cache: addressed by name, the owner's names
        r.add(new Row("settings.get", Expect.EMPTY, u -> u.settings().get(OWNER_SETTING)));
        r.add(new Row("settings.remove", Expect.FALSE, u -> u.settings().remove(OWNER_SETTING)));
        r.add(new Row("settings.all", Expect.NO_TRACE, u -> u.settings().all()));
        r.add(new Row("providers.get", Expect.EMPTY, u -> u.providers().get(OWNER_PROVIDER)));
        r.add(new Row("providers.apiKey", Expect.EMPTY, u -> u.providers().apiKey(OWNER_PROVIDER)));
        r.add(new Row("providers.apiKey of a provider both configured", Expect.NO_TRACE, u -> u.providers().apiKey(PROVIDER)));
        r.add(new Row("providers.clearApiKey", Expect.NOT_FOUND, u -> u.providers().clearApiKey(OWNER_PROVIDER)));
        r.add(new Row("providers.delete", Expect.FALSE, u -> u.providers().delete(OWNER_PROVIDER)));
        r.add(new Row("providers.list", Expect.NO_TRACE, u -> u.providers().list()));
        r.add(new Row("searchCache.get", Expect.EMPTY, u -> u.searchCache().get(OWNER_QUERY)));
        r.add(new Row("searchCache.invalidate", Expect.FALSE, u -> u.searchCache().invalidate(OWNER_QUERY)));
        // usage and export
        r.add(new Row("usage", Expect.NO_TRACE, u -> u.usage(TestClock.START.minusSeconds(1), TestClock.START.plus(Duration.ofDays(3650)))));
        r.add(new Row("exportTo", Expect.NO_TRACE, u -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            u.exportTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }));
        return r;
    }
}

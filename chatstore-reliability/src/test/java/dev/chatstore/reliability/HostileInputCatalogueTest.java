package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.AttachmentStatus;
import dev.chatstore.ChatStore;
import dev.chatstore.FactCategory;
import dev.chatstore.FactQuery;
import dev.chatstore.FactUpdate;
import dev.chatstore.Feedback;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.Media;
import dev.chatstore.MessageType;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.PageRequest;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.PersonaUnavailableException;
import dev.chatstore.ProfileSpec;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.Rating;
import dev.chatstore.Role;
import dev.chatstore.TokenUsage;
import dev.chatstore.UserChats;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.testkit.StoreSnapshot;
import dev.chatstore.testkit.TestClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile input catalogue (issue 4, part 5): a table of bad arguments for every public
 * operation — nulls, blanks, ids of the wrong shape, strings past their limits, NaN, infinite and
 * out-of-range numbers, unknown enum values, values JSON cannot hold, NUL characters and lone
 * surrogates, oversized inline attachments, bad page sizes, garbled and forged cursors — run on
 * both backends. Each case must throw the expected typed exception (for bad input an
 * {@link InvalidInputException} whose {@code argument()} names the parameter and whose message
 * says so), and a {@link StoreSnapshot} of three seeded users and the store-wide state taken after
 * the case must equal the one taken before the catalogue ran (the clock moves before each case,
 * so any write would show in an {@code updatedAt}).
 *
 * <p>When a case fails, its display name says the operation and the input; look at that
 * operation's argument checks (chatstore-api {@code Check} and the value types' constructors, then
 * the engine method's first lines).
 */
class HostileInputCatalogueTest {
    private static final List<String> USERS = List.of("alice", "bob", "carol");
    private static final String PAGER = "pager";
    private static final int PAGER_CONVERSATIONS = Limits.CONVERSATIONS_PAGE_DEFAULT + 5;
    private static final int PAGER_MESSAGES = Limits.MESSAGES_PAGE_DEFAULT + 10;
    private static final int PAGER_FACTS = Limits.FACTS_PAGE_DEFAULT + 5;

    /** Strings that are SQL in disguise; as data they are valid and must be stored verbatim. */
    static final List<String> SQL_INJECTIONS = List.of(
            "' OR '1'='1",
            "'; DROP TABLE message; --",
            "\"; DROP TABLE conversation; --",
            "1; DELETE FROM memory_fact WHERE 1=1",
            "Robert'); DROP TABLE users;--",
            "%' OR user_id LIKE '%",
            "\\'; SELECT pg_sleep(5); --",
            "' UNION SELECT * FROM chatstore_schema_history --",
            "$$; DROP SCHEMA public CASCADE; $$",
            "${schema}.message",
            ":userId OR 1=1",
            "?; --",
            "/* */ OR /* */ 1=1",
            "admin'--");

    private final TestClock clock = new TestClock(TestClock.START);
    private ChatStore store;
    private Map<String, Seeds.SeededUser> seeded;
    private StoreSnapshot baseline;
    private StoreSnapshot fullBaseline;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> onSqlite() {
        return catalogue(Backend.SQLITE);
    }

    @TestFactory
    Stream<DynamicNode> onPostgres() {
        return catalogue(Backend.POSTGRES);
    }

    /** SQL-injection strings are valid input: stored verbatim, read back equal, and nothing else is touched. */
    @Test
    void sqlInjectionStringsAreStoredVerbatimOnSqlite() {
        injectionsRoundTrip(Backend.SQLITE);
    }

    /** SQL-injection strings are valid input: stored verbatim, read back equal, and nothing else is touched. */
    @Test
    void sqlInjectionStringsAreStoredVerbatimOnPostgres() {
        injectionsRoundTrip(Backend.POSTGRES);
    }

    /** Store builders reject bad options, and the PostgreSQL schema name is never spliced into SQL unchecked. */
    @Test
    void storeBuildersRejectHostileOptions() {
        for (String schema : Arrays.asList(null, "", "Chat", "chat; DROP SCHEMA public CASCADE", "x\"y", "1abc",
                "s".repeat(64), "chat store", "chat\0")) {
            Throwable thrown = catchThrowable(() -> PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build());
            assertInvalid("PostgresChatStore.builder().schema(" + describe(schema) + ")", thrown, "schema");
        }
        Throwable negative = catchThrowable(() -> SqliteChatStore.inMemoryBuilder().maxInlineAttachmentBytes(-1).build());
        assertThat(negative).as("negative inline limit").isInstanceOf(InvalidInputException.class);
        Throwable ttl = catchThrowable(() -> SqliteChatStore.inMemoryBuilder().personaCacheTtl(Duration.ofSeconds(-1)).build());
        assertThat(ttl).as("negative persona cache TTL").isInstanceOf(InvalidInputException.class);
    }

    // ---------------------------------------------------------------- the catalogue

    /** One row of the table. {@code argument} is null for exceptions other than InvalidInputException. */
    record Case(String operation, String input, Class<? extends Throwable> expected, String argument,
                ThrowingCallable call) {
        String name() {
            return operation + " ← " + input + " ⇒ " + expected.getSimpleName() + (argument == null ? "" : "(" + argument + ")");
        }
    }

    private Stream<DynamicNode> catalogue(Backend backend) {
        store = backend.open(clock);
        Seeds.seedStore(store);
        seeded = new LinkedHashMap<>();
        for (String user : USERS) {
            seeded.put(user, Seeds.seed(store, user, clock));
        }
        seedPager();
        baseline = snapshot();
        fullBaseline = fullSnapshot();
        List<Case> cases = cases();
        Set<String> operations = new LinkedHashSet<>();
        cases.forEach(c -> operations.add(c.operation()));
        List<DynamicNode> nodes = new ArrayList<>();
        for (Case c : cases) {
            nodes.add(DynamicTest.dynamicTest(c.name(), () -> run(c)));
        }
        nodes.add(DynamicTest.dynamicTest("no page size is each listing's default", this::noPageSizeIsTheDefault));
        nodes.add(DynamicTest.dynamicTest("the catalogue covers " + operations.size() + " operations with "
                + cases.size() + " hostile inputs", () -> {
            System.out.println("[reliability] HostileInputCatalogueTest on " + backend + ": " + cases.size() + " hostile inputs over "
                    + operations.size() + " operations");
            assertThat(cases.size()).as("hostile inputs").isGreaterThan(500);
            assertThat(fullSnapshot()).as("after the whole catalogue, nothing of any user changed").isEqualTo(fullBaseline);
        }));
        return Stream.of(DynamicContainer.dynamicContainer(backend.name(), nodes));
    }

    /** What the cases aim at: alice (the user every case acts as) and the store-wide state. */
    private StoreSnapshot snapshot() {
        return StoreSnapshot.of(store, List.of("alice"), List.of(Seeds.QUERY));
    }

    /** Every user, checked before and after the whole catalogue. */
    private StoreSnapshot fullSnapshot() {
        List<String> users = new ArrayList<>(USERS);
        users.add(PAGER);
        return StoreSnapshot.of(store, users, List.of(Seeds.QUERY));
    }

    private void run(Case c) {
        clock.advance(Duration.ofSeconds(1));
        Throwable thrown = catchThrowable(c.call());
        if (c.argument() != null) {
            assertInvalid(c.name(), thrown, c.argument());
        } else {
            assertThat(thrown).as("%s: expected %s", c.name(), c.expected().getSimpleName()).isInstanceOf(c.expected());
        }
        assertThat(snapshot()).as("%s: the store is unchanged", c.name()).isEqualTo(baseline);
    }

    static void assertInvalid(String what, Throwable thrown, String argument) {
        assertThat(thrown).as("%s: expected InvalidInputException(%s)", what, argument)
                .isInstanceOf(InvalidInputException.class);
        InvalidInputException e = (InvalidInputException) thrown;
        assertThat(e.argument()).as("%s: argument() (message: %s)", what, e.getMessage())
                .satisfiesAnyOf(a -> assertThat(a).isEqualTo(argument), a -> assertThat(a).startsWith(argument + "["),
                        a -> assertThat(a).startsWith(argument + "."));
        assertThat(e.getMessage()).as("%s: the message names the argument", what).startsWith(e.argument() + ": ");
        assertThat(e.getCause()).as("%s: rejected before the database was asked", what).isNull();
    }

    private UserChats alice() {
        return store.forUser("alice");
    }

    private Seeds.SeededUser a() {
        return seeded.get("alice");
    }

    private List<Case> cases() {
        Table t = new Table();
        UserChats u = alice();
        Seeds.SeededUser s = a();
        String conv = s.conversation();
        String msg = s.reply();
        String file = s.orphanFile();
        String fact = s.plainFact();

        // ------------------------------------------------------------ store and user entry points
        t.requiredText("store.forUser", "userId", Limits.USER_ID_MAX, v -> store.forUser(v));
        t.requiredText("personas.get", "name", Limits.PERSONA_NAME_MAX, v -> store.personas().get(v));
        t.requiredText("personas.setStatus", "name", Limits.PERSONA_NAME_MAX,
                v -> store.personas().setStatus(v, PersonaStatus.DISCONTINUED));
        t.add("personas.setStatus", "status null", "status", () -> store.personas().setStatus(Seeds.PERSONA, null));
        t.add("personas.upsert", "null", "persona", () -> store.personas().upsert(null));
        t.requiredText("personas.upsert", "name", Limits.PERSONA_NAME_MAX, v -> store.personas().upsert(PersonaSpec.of(v, "D", "x")));
        t.requiredText("personas.upsert", "displayName", Limits.DISPLAY_NAME_MAX,
                v -> store.personas().upsert(PersonaSpec.of(Seeds.PERSONA, v, "x")));
        t.requiredText("personas.upsert", "systemInstructions", Limits.PERSONA_TEXT_MAX,
                v -> store.personas().upsert(PersonaSpec.of(Seeds.PERSONA, "D", v)));
        t.optionalText("personas.upsert", "greeting", Limits.CONTENT_MAX,
                v -> store.personas().upsert(PersonaSpec.of(Seeds.PERSONA, "D", "x").withGreeting(v)));
        t.optionalText("personas.upsert", "avatarUrl", Limits.URL_MAX,
                v -> store.personas().upsert(PersonaSpec.of(Seeds.PERSONA, "D", "x").withAvatarUrl(v)));
        t.add("personas.upsert", "101 suggested openers", "suggestedOpeners", () -> store.personas().upsert(
                PersonaSpec.of(Seeds.PERSONA, "D", "x").withSuggestedOpeners(Collections.nCopies(Limits.PERSONA_LIST_MAX + 1, "o"))));
        t.add("personas.upsert", "a blank trait", "personalityTraits", () -> store.personas().upsert(
                PersonaSpec.of(Seeds.PERSONA, "D", "x").withPersonalityTraits(List.of("ok", " "))));
        t.add("personas.upsert", "a null trait", "personalityTraits", () -> store.personas().upsert(
                PersonaSpec.of(Seeds.PERSONA, "D", "x").withPersonalityTraits(Arrays.asList("ok", null))));
        t.optionalTextNoNull("personas.list", "category", Limits.DISPLAY_NAME_MAX, v -> store.personas().list(null, v));
        for (Map.Entry<String, Function<String, ?>> parse : Map.<String, Function<String, ?>>of(
                "role", Role::parse, "category", FactCategory::parse, "status", AttachmentStatus::parse,
                "type", MessageType::parse, "rating", Rating::parse).entrySet()) {
            for (String value : Arrays.asList(null, "", " ", "admin", "video", "USER", "Assistant", "thumbs up", "ready ",
                    "user\0", "\uD800", "' OR '1'='1")) {
                t.add("enum parse (" + parse.getKey() + ")", describe(value), parse.getKey(), () -> parse.getValue().apply(value));
            }
        }
        for (String value : Arrays.asList(null, "retired", "COMING_SOON", "active\0")) {
            t.add("enum parse (status)", "PersonaStatus " + describe(value), "status", () -> PersonaStatus.parse(value));
        }
        t.add("conversations.create", "a discontinued persona", PersonaUnavailableException.class,
                () -> u.conversations().create(NewConversation.withPersona(Seeds.RETIRED)));
        t.add("conversations.getOrCreateForPersona", "a discontinued persona", PersonaUnavailableException.class,
                () -> u.conversations().getOrCreateForPersona(NewConversation.withPersona(Seeds.RETIRED)));
        t.add("conversations.create", "a second conversation with the same persona", dev.chatstore.AlreadyExistsException.class,
                () -> u.conversations().create(NewConversation.withPersona(Seeds.PERSONA)));

        // ------------------------------------------------------------ settings, store-wide and per user
        for (Map.Entry<String, dev.chatstore.Settings> settings : Map.of("store.settings", store.settings(),
                "user.settings", u.settings()).entrySet()) {
            String op = settings.getKey();
            dev.chatstore.Settings st = settings.getValue();
            t.requiredText(op + ".put", "key", Limits.SETTING_KEY_MAX, v -> st.put(v, 1));
            t.requiredText(op + ".get", "key", Limits.SETTING_KEY_MAX, v -> st.get(v));
            t.requiredText(op + ".remove", "key", Limits.SETTING_KEY_MAX, v -> st.remove(v));
            t.jsonValue(op + ".put", "value", v -> st.put(Seeds.SETTING_KEY, v));
        }

        // ------------------------------------------------------------ conversations
        t.add("conversations.create", "null", "conversation", () -> u.conversations().create(null));
        t.add("conversations.getOrCreateForPersona", "null", "conversation", () -> u.conversations().getOrCreateForPersona(null));
        t.add("conversations.getOrCreateForPersona", "no persona", "conversation",
                () -> u.conversations().getOrCreateForPersona(NewConversation.titled("x")));
        t.optionalText("conversations.create", "title", Limits.TITLE_MAX,
                v -> u.conversations().create(new NewConversation(v, null, Map.of())));
        t.optionalText("conversations.create", "personaName", Limits.PERSONA_NAME_MAX,
                v -> u.conversations().create(new NewConversation(null, v, Map.of())));
        t.optionalText("conversations.create", "provider", Limits.PROVIDER_MAX,
                v -> u.conversations().create(new NewConversation(null, null, Map.of(), v, "m", null, false)));
        t.optionalText("conversations.create", "model", Limits.MODEL_NAME_MAX,
                v -> u.conversations().create(new NewConversation(null, null, Map.of(), "p", v, null, false)));
        t.optionalText("conversations.create", "systemPrompt", Limits.SYSTEM_PROMPT_MAX,
                v -> u.conversations().create(new NewConversation(null, null, Map.of(), null, null, v, false)));
        t.jsonMap("conversations.create", "metadata", m -> u.conversations().create(NewConversation.untitled().withMetadata(m)));
        t.malformedIds("conversations.get", "conversationId", conv, id -> u.conversations().get(id));
        t.malformedIds("conversations.rename", "conversationId", conv, id -> u.conversations().rename(id, "x"));
        t.optionalTextNoNull("conversations.rename", "title", Limits.TITLE_MAX, v -> u.conversations().rename(conv, v));
        t.malformedIds("conversations.replaceMetadata", "conversationId", conv, id -> u.conversations().replaceMetadata(id, Map.of()));
        t.add("conversations.replaceMetadata", "null", "metadata", () -> u.conversations().replaceMetadata(conv, null));
        t.jsonMap("conversations.replaceMetadata", "metadata", m -> u.conversations().replaceMetadata(conv, m));
        t.malformedIds("conversations.patchMetadata", "conversationId", conv, id -> u.conversations().patchMetadata(id, Map.of()));
        t.add("conversations.patchMetadata", "null", "patch", () -> u.conversations().patchMetadata(conv, null));
        t.jsonMap("conversations.patchMetadata", "patch", m -> u.conversations().patchMetadata(conv, m));
        t.malformedIds("conversations.setModel", "conversationId", conv, id -> u.conversations().setModel(id, "p", "m"));
        t.optionalTextNoNull("conversations.setModel", "provider", Limits.PROVIDER_MAX, v -> u.conversations().setModel(conv, v, "m"));
        t.optionalTextNoNull("conversations.setModel", "model", Limits.MODEL_NAME_MAX, v -> u.conversations().setModel(conv, "p", v));
        t.malformedIds("conversations.setSystemPrompt", "conversationId", conv, id -> u.conversations().setSystemPrompt(id, "x"));
        t.optionalTextNoNull("conversations.setSystemPrompt", "systemPrompt", Limits.SYSTEM_PROMPT_MAX,
                v -> u.conversations().setSystemPrompt(conv, v));
        t.malformedIds("conversations.setPinned", "conversationId", conv, id -> u.conversations().setPinned(id, false));
        t.malformedIds("conversations.setArchived", "conversationId", conv, id -> u.conversations().setArchived(id, true));
        t.malformedIds("conversations.markRead", "conversationId", conv, id -> u.conversations().markRead(id));
        t.malformedIds("conversations.tokenTotals", "conversationId", conv, id -> u.conversations().tokenTotals(id));
        t.malformedIds("conversations.delete", "conversationId", conv, id -> u.conversations().delete(id));
        t.listing("conversations.list", Limits.CONVERSATIONS_PAGE_MAX, "conversations", u.userId(), 3, p -> u.conversations().list(p));
        t.listing("conversations.listArchived", Limits.CONVERSATIONS_PAGE_MAX, "archived-conversations", u.userId(), 3, p -> u.conversations().listArchived(p));
        t.listing("conversations.sidebar", Limits.CONVERSATIONS_PAGE_MAX, "conversations", u.userId(), 3, p -> u.conversations().sidebar(p));

        // ------------------------------------------------------------ messages
        t.malformedIds("messages.append", "conversationId", conv, id -> u.messages().append(id, NewMessage.user("x")));
        t.add("messages.append", "null message", "message", () -> u.messages().append(conv, null));
        t.newMessage("messages.append", nm -> u.messages().append(conv, nm));
        t.malformedIds("messages.appendAll", "conversationId", conv, id -> u.messages().appendAll(id, List.of(NewMessage.user("x"))));
        t.add("messages.appendAll", "null list", "messages", () -> u.messages().appendAll(conv, null));
        t.add("messages.appendAll", "a null element", "messages",
                () -> u.messages().appendAll(conv, Arrays.asList(NewMessage.user("ok"), null, NewMessage.user("ok too"))));
        t.add("messages.appendAll", (Limits.BATCH_MAX + 1) + " messages", "messages",
                () -> u.messages().appendAll(conv, Collections.nCopies(Limits.BATCH_MAX + 1, NewMessage.user("x"))));
        t.newMessage("messages.appendAll", nm -> u.messages().appendAll(conv, List.of(NewMessage.user("first"), nm)));
        t.add("messages.appendAll", "a reply to an unknown message last", NotFoundException.class,
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("stored?"), NewMessage.assistant("no")
                        .replyTo(UUID.randomUUID().toString()))));
        t.add("messages.appendAll", "an unknown attachment last", NotFoundException.class,
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("stored?"), NewMessage.user("no")
                        .attachments(UUID.randomUUID().toString()))));
        t.add("messages.appendAll", "a conflicting replay last", IdempotencyConflictException.class,
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("stored?").clientMessageId("new-key"),
                        NewMessage.user("not the request").clientMessageId(Seeds.CLIENT_MESSAGE_ID))));
        t.add("messages.appendAll", "the same key twice with different payloads", IdempotencyConflictException.class,
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("one").clientMessageId("dup"),
                        NewMessage.user("two").clientMessageId("dup"))));
        t.add("messages.append", "a conflicting replay", IdempotencyConflictException.class,
                () -> u.messages().append(conv, NewMessage.user("not the request").clientMessageId(Seeds.CLIENT_MESSAGE_ID)));
        t.add("messages.append", "a reply to a message of another conversation", NotFoundException.class,
                () -> u.messages().append(s.otherConversation(), NewMessage.assistant("x").replyTo(s.request())));
        t.malformedIds("messages.get", "messageId", msg, id -> u.messages().get(id));
        t.malformedIds("messages.replyTo", "messageId", msg, id -> u.messages().findReply(id));
        t.malformedIds("messages.delete", "messageId", msg, id -> u.messages().delete(id));
        t.malformedIds("messages.byClientMessageId", "conversationId", conv,
                id -> u.messages().byClientMessageId(id, Seeds.CLIENT_MESSAGE_ID));
        t.requiredText("messages.byClientMessageId", "clientMessageId", Limits.CLIENT_MESSAGE_ID_MAX,
                v -> u.messages().byClientMessageId(conv, v));
        t.malformedIds("messages.newestFirst", "conversationId", conv, id -> u.messages().newestFirst(id, PageRequest.first()));
        t.malformedIds("messages.oldestFirst", "conversationId", conv, id -> u.messages().oldestFirst(id, PageRequest.first()));
        t.malformedIds("messages.branch", "conversationId", conv, id -> u.messages().branch(id, PageRequest.first()));
        t.malformedIds("messages.path", "messageId", msg, id -> u.messages().path(id, PageRequest.first()));
        t.malformedIds("messages.after", "conversationId", conv, id -> u.messages().after(id, 0, 10));
        t.malformedIds("messages.latest", "conversationId", conv, id -> u.messages().latest(id, 10));
        t.listing("messages.newestFirst", Limits.MESSAGES_PAGE_MAX, "messages-newest-first", conv, 1, p -> u.messages().newestFirst(conv, p));
        t.listing("messages.oldestFirst", Limits.MESSAGES_PAGE_MAX, "messages-oldest-first", conv, 1, p -> u.messages().oldestFirst(conv, p));
        t.listing("messages.branch", Limits.MESSAGES_PAGE_MAX, "branch", conv, 1, p -> u.messages().branch(conv, p));
        t.listing("messages.path", Limits.MESSAGES_PAGE_MAX, "path", msg, 1, p -> u.messages().path(msg, p));
        for (long seq : new long[] {-1, Long.MIN_VALUE}) {
            t.add("messages.after", "afterSeq " + seq, "afterSeq", () -> u.messages().after(conv, seq, 10));
        }
        for (int limit : new int[] {0, -1, Integer.MIN_VALUE, Limits.MESSAGES_PAGE_MAX + 1, Integer.MAX_VALUE}) {
            t.add("messages.after", "limit " + limit, "limit", () -> u.messages().after(conv, 0, limit));
        }
        for (int limit : new int[] {0, -1, Integer.MIN_VALUE, Limits.MESSAGES_PAGE_MAX + 1, Integer.MAX_VALUE}) {
            t.add("messages.latest", "limit " + limit, "limit", () -> u.messages().latest(conv, limit));
        }
        t.malformedIds("messages.editContent", "messageId", msg, id -> u.messages().editContent(id, "x"));
        t.anyText("messages.editContent", "content", Limits.CONTENT_MAX, v -> u.messages().editContent(msg, v));
        t.malformedIds("messages.setFeedback", "messageId", msg, id -> u.messages().setFeedback(id, Feedback.NONE));
        t.add("messages.setFeedback", "null", "feedback", () -> u.messages().setFeedback(msg, null));
        t.add("messages.setFeedback", "a note without the mistake flag", "mistakeNote",
                () -> u.messages().setFeedback(msg, new Feedback(Rating.THUMBS_UP, false, "note")));
        t.optionalTextNoNull("messages.setFeedback", "mistakeNote", Limits.ERROR_TEXT_MAX,
                v -> u.messages().setFeedback(msg, Feedback.mistake(v)));
        t.add("messages.setFeedback", "null rating", "rating", () -> u.messages().setFeedback(msg, Feedback.rated(null)));
        t.malformedIds("messages.regenerate", "assistantMessageId", msg, id -> u.messages().regenerate(id, NewMessage.assistant("x")));
        t.add("messages.regenerate", "null reply", "reply", () -> u.messages().regenerate(msg, null));
        t.add("messages.regenerate", "a user message as the reply", "reply", () -> u.messages().regenerate(msg, NewMessage.user("x")));
        t.add("messages.regenerate", "a user message to regenerate", "assistantMessageId",
                () -> u.messages().regenerate(s.request(), NewMessage.assistant("x")));
        t.malformedIds("messages.editIntoBranch", "userMessageId", s.request(),
                id -> u.messages().editIntoBranch(id, NewMessage.user("x")));
        t.add("messages.editIntoBranch", "null edit", "edited", () -> u.messages().editIntoBranch(s.request(), null));
        t.add("messages.editIntoBranch", "an assistant message as the edit", "edited",
                () -> u.messages().editIntoBranch(s.request(), NewMessage.assistant("x")));
        t.add("messages.editIntoBranch", "an assistant message to edit", "userMessageId",
                () -> u.messages().editIntoBranch(msg, NewMessage.user("x")));
        t.malformedIds("messages.selectBranch", "messageId", msg, id -> u.messages().selectBranch(id));

        // ------------------------------------------------------------ attachments
        t.add("attachments.create", "null", "attachment", () -> u.attachments().create(null));
        t.add("attachments.create", "inline data one byte over the limit", "attachment",
                () -> u.attachments().create(NewAttachment.inline("big.bin", "application/octet-stream",
                        new byte[Backend.MAX_INLINE_BYTES + 1])));
        t.add("attachments.create", "inline data of 1 MiB", "attachment",
                () -> u.attachments().create(NewAttachment.inline("big.bin", "application/octet-stream", new byte[1 << 20])));
        t.add("attachments.create", "null inline data", "data", () -> u.attachments().create(NewAttachment.inline("f", "t/p", null)));
        t.requiredText("attachments.create", "name", Limits.FILE_NAME_MAX,
                v -> u.attachments().create(NewAttachment.stored(v, "text/plain", 1, null, "s3://x")));
        t.requiredText("attachments.create", "mimeType", Limits.MIME_TYPE_MAX,
                v -> u.attachments().create(NewAttachment.inline("f", v, new byte[1])));
        t.requiredText("attachments.create", "storageUri", Limits.STORAGE_URI_MAX,
                v -> u.attachments().create(NewAttachment.stored("f", "text/plain", 1, null, v)));
        for (long size : new long[] {-1, Long.MIN_VALUE}) {
            t.add("attachments.create", "sizeBytes " + size, "sizeBytes",
                    () -> u.attachments().create(NewAttachment.stored("f", "text/plain", size, null, "s3://x")));
        }
        for (String sha : List.of("", "ABC", "A".repeat(64), "g".repeat(64), "0".repeat(63), "0".repeat(65), "' OR 1=1 --")) {
            t.add("attachments.create", "sha256 " + describe(sha), "sha256",
                    () -> u.attachments().create(NewAttachment.stored("f", "text/plain", 1, sha, "s3://x")));
        }
        t.malformedIds("attachments.get", "attachmentId", file, id -> u.attachments().get(id));
        t.malformedIds("attachments.inlineData", "attachmentId", file, id -> u.attachments().inlineData(id));
        t.malformedIds("attachments.markProcessing", "attachmentId", file, id -> u.attachments().markProcessing(id));
        t.malformedIds("attachments.markReady", "attachmentId", s.linkedFile(), id -> u.attachments().markReady(id, null, null));
        t.optionalTextNoNull("attachments.markReady", "extractedText", Limits.EXTRACTED_TEXT_MAX,
                v -> u.attachments().markReady(s.linkedFile(), v, 1));
        for (int words : new int[] {-1, Integer.MIN_VALUE}) {
            t.add("attachments.markReady", "wordCount " + words, "wordCount", () -> u.attachments().markReady(s.linkedFile(), "x", words));
        }
        t.malformedIds("attachments.markError", "attachmentId", s.linkedFile(), id -> u.attachments().markError(id, "x"));
        t.requiredText("attachments.markError", "errorText", Limits.ERROR_TEXT_MAX, v -> u.attachments().markError(s.linkedFile(), v));
        t.add("attachments.markProcessing", "a ready file", dev.chatstore.IllegalStateTransitionException.class,
                () -> u.attachments().markProcessing(s.readyFile()));
        t.add("attachments.markReady", "an uploading file", dev.chatstore.IllegalStateTransitionException.class,
                () -> u.attachments().markReady(file, "x", 1));
        t.malformedIds("attachments.linkToConversation", "attachmentId", file, id -> u.attachments().linkToConversation(id, conv));
        t.malformedIds("attachments.linkToConversation", "conversationId", conv, id -> u.attachments().linkToConversation(file, id));
        t.malformedIds("attachments.listForMessage", "messageId", msg, id -> u.attachments().listForMessage(id));
        t.malformedIds("attachments.listForConversation", "conversationId", conv, id -> u.attachments().listForConversation(id));
        t.malformedIds("attachments.delete", "attachmentId", file, id -> u.attachments().delete(id));
        for (int limit : new int[] {0, -1, Integer.MIN_VALUE, Limits.ATTACHMENTS_LIST_MAX + 1, Integer.MAX_VALUE}) {
            t.add("attachments.orphans", "limit " + limit, "limit", () -> u.attachments().orphans(limit));
        }

        // ------------------------------------------------------------ memory facts
        t.add("facts.add", "null", "fact", () -> u.facts().add(null));
        t.add("facts.add", "null category", "category", () -> u.facts().add(NewFact.of(null, "x", 0.5)));
        t.requiredText("facts.add", "content", Limits.FACT_CONTENT_MAX, v -> u.facts().add(NewFact.of(FactCategory.FACT, v, 0.5)));
        t.unitInterval("facts.add", "confidence", d -> u.facts().add(NewFact.of(FactCategory.FACT, "x", d)));
        t.malformedIds("facts.add", "sourceConversationId", conv,
                id -> u.facts().add(new NewFact(FactCategory.FACT, "x", 0.5, id, null)), false);
        t.malformedIds("facts.add", "sourceMessageId", s.request(),
                id -> u.facts().add(new NewFact(FactCategory.FACT, "x", 0.5, conv, id)), false);
        t.add("facts.add", "a source message without its conversation", "sourceConversationId",
                () -> u.facts().add(new NewFact(FactCategory.FACT, "x", 0.5, null, s.request())));
        t.add("facts.add", "a source message of another conversation", NotFoundException.class,
                () -> u.facts().add(NewFact.of(FactCategory.FACT, "x", 0.5).learnedFrom(s.otherConversation(), s.request())));
        t.malformedIds("facts.get", "factId", fact, id -> u.facts().get(id));
        t.malformedIds("facts.update", "factId", fact, id -> u.facts().update(id, FactUpdate.content("x")));
        t.add("facts.update", "null", "update", () -> u.facts().update(fact, null));
        t.add("facts.update", "no change", "update", () -> u.facts().update(fact, new FactUpdate(null, null)));
        t.requiredText("facts.update", "content", Limits.FACT_CONTENT_MAX, v -> u.facts().update(fact, FactUpdate.content(v)));
        t.unitInterval("facts.update", "confidence", d -> u.facts().update(fact, FactUpdate.confidence(d)));
        t.malformedIds("facts.deactivate", "factId", fact, id -> u.facts().deactivate(id));
        t.malformedIds("facts.delete", "factId", fact, id -> u.facts().delete(id));
        t.add("facts.list", "null query", "query", () -> u.facts().list(null, PageRequest.first()));
        t.unitInterval("facts.list", "minConfidence", d -> u.facts().list(FactQuery.all().withMinConfidence(d), PageRequest.first()));
        t.add("facts.list", "null category filter", "category", () -> u.facts().list(FactQuery.all().withCategory(null), PageRequest.first()));
        t.listing("facts.list", Limits.FACTS_PAGE_MAX, "facts", u.userId(), 2, p -> u.facts().list(FactQuery.all(), p));

        // ------------------------------------------------------------ profile
        t.add("profile.upsert", "null", "profile", () -> u.profile().upsert(null));
        t.optionalText("profile.upsert", "displayName", Limits.DISPLAY_NAME_MAX, v -> u.profile().upsert(new ProfileSpec(null, v, true)));
        for (String email : Arrays.asList("", " ", "no-at-sign", "@example.com", "alice@", " alice@example.com",
                "alice@example.com ", "e".repeat(Limits.EMAIL_MAX) + "@x", "a\0@example.com", "a\uD800@example.com")) {
            t.add("profile.upsert", "email " + describe(email), "email", () -> u.profile().upsert(new ProfileSpec(email, "A", true)));
        }
        t.add("profile.upsert", "another user's email", dev.chatstore.AlreadyExistsException.class,
                () -> u.profile().upsert(new ProfileSpec("bob@example.com", "A", true)));
        t.add("profile.mergePreferences", "null", "patch", () -> u.profile().mergePreferences(null));
        t.jsonMap("profile.mergePreferences", "patch", m -> u.profile().mergePreferences(m));
        t.add("profile.replacePreferences", "null", "preferences", () -> u.profile().replacePreferences(null));
        t.jsonMap("profile.replacePreferences", "preferences", m -> u.profile().replacePreferences(m));
        t.malformedIds("profile.setActiveConversation", "conversationId", conv, id -> u.profile().setActiveConversation(id), false);

        // ------------------------------------------------------------ provider configurations
        t.add("providers.put", "null", "spec", () -> u.providers().put(null));
        t.requiredText("providers.put", "providerId", Limits.PROVIDER_MAX, v -> u.providers().put(ProviderConfigSpec.of(v)));
        t.optionalTextNoNull("providers.put", "baseUrl", Limits.URL_MAX,
                v -> u.providers().put(ProviderConfigSpec.of(Seeds.PROVIDER).withBaseUrl(v)));
        t.optionalTextNoNull("providers.put", "apiKey", Limits.API_KEY_MAX,
                v -> u.providers().put(ProviderConfigSpec.of(Seeds.PROVIDER).withApiKey(v)));
        t.add("providers.put", "null model preferences", "modelPreferences",
                () -> u.providers().put(ProviderConfigSpec.of(Seeds.PROVIDER).withModelPreferences(null)));
        t.jsonMap("providers.put", "modelPreferences", m -> u.providers().put(ProviderConfigSpec.of(Seeds.PROVIDER).withModelPreferences(m)));
        t.requiredText("providers.get", "providerId", Limits.PROVIDER_MAX, v -> u.providers().get(v));
        t.requiredText("providers.apiKey", "providerId", Limits.PROVIDER_MAX, v -> u.providers().apiKey(v));
        t.requiredText("providers.clearApiKey", "providerId", Limits.PROVIDER_MAX, v -> u.providers().clearApiKey(v));
        t.requiredText("providers.delete", "providerId", Limits.PROVIDER_MAX, v -> u.providers().delete(v));

        // ------------------------------------------------------------ search cache, usage, export
        t.requiredText("searchCache.put", "query", Limits.QUERY_MAX, v -> u.searchCache().put(v, List.of(), Duration.ofMinutes(1)));
        t.add("searchCache.put", "a query of only no-break spaces", "query",
                () -> u.searchCache().put("\u00a0\u2007\u202f", List.of(), Duration.ofMinutes(1)));
        t.jsonValue("searchCache.put", "results", v -> u.searchCache().put(Seeds.QUERY, v, Duration.ofMinutes(1)));
        for (Duration ttl : Arrays.asList(null, Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(Long.MIN_VALUE))) {
            t.add("searchCache.put", "ttl " + ttl, "ttl", () -> u.searchCache().put(Seeds.QUERY, List.of(), ttl));
        }
        t.requiredText("searchCache.get", "query", Limits.QUERY_MAX, v -> u.searchCache().get(v));
        t.requiredText("searchCache.invalidate", "query", Limits.QUERY_MAX, v -> u.searchCache().invalidate(v));
        t.add("usage", "null from", "from", () -> u.usage(null, Instant.now()));
        t.add("usage", "null to", "to", () -> u.usage(Instant.now(), null));
        t.add("usage", "from after to", "from", () -> u.usage(Instant.MAX, Instant.MIN));
        t.add("exportTo", "null", "out", () -> u.exportTo(null));

        // ------------------------------------------------------------ cursors of another scope
        String otherCursor = u.messages().newestFirst(s.otherConversation(), PageRequest.first(1)).nextCursor();
        String bobsCursor = seeded.get("bob").messageCursor();
        t.add("messages.newestFirst", "a cursor of another conversation", "cursor",
                () -> u.messages().newestFirst(conv, PageRequest.at(otherCursor)));
        t.add("messages.newestFirst", "a cursor of another user's conversation", "cursor",
                () -> u.messages().newestFirst(conv, PageRequest.at(bobsCursor)));
        // List and fact cursors are bound to their user too (a foreign cursor is an error, not a page).
        UserChats pager = store.forUser(PAGER);
        String pagersList = pager.conversations().list(PageRequest.first(1)).nextCursor();
        String pagersArchived = pager.conversations().listArchived(PageRequest.first(1)).nextCursor();
        String pagersFacts = pager.facts().list(FactQuery.all(), PageRequest.first(1)).nextCursor();
        t.add("conversations.list", "another user's list cursor", "cursor",
                () -> u.conversations().list(PageRequest.at(pagersList)));
        t.add("conversations.sidebar", "another user's list cursor", "cursor",
                () -> u.conversations().sidebar(PageRequest.at(pagersList)));
        t.add("conversations.listArchived", "another user's archived-list cursor", "cursor",
                () -> u.conversations().listArchived(PageRequest.at(pagersArchived)));
        t.add("facts.list", "another user's fact cursor", "cursor",
                () -> u.facts().list(FactQuery.all(), PageRequest.at(pagersFacts)));
        t.add("messages.oldestFirst", "a newest-first cursor", "cursor",
                () -> u.messages().oldestFirst(conv, PageRequest.at(s.messageCursor())));
        t.add("messages.branch", "a newest-first cursor", "cursor", () -> u.messages().branch(conv, PageRequest.at(s.messageCursor())));
        t.add("conversations.list", "a message cursor", "cursor", () -> u.conversations().list(PageRequest.at(s.messageCursor())));
        t.add("facts.list", "a message cursor", "cursor", () -> u.facts().list(FactQuery.all(), PageRequest.at(s.messageCursor())));
        return t.cases;
    }

    /** Builds the rows; each helper adds one case per hostile value of its family. */
    private static final class Table {
        final List<Case> cases = new ArrayList<>();

        void add(String operation, String input, String argument, ThrowingCallable call) {
            cases.add(new Case(operation, input, InvalidInputException.class, argument, call));
        }

        void add(String operation, String input, Class<? extends Throwable> expected, ThrowingCallable call) {
            cases.add(new Case(operation, input, expected, null, call));
        }

        void malformedIds(String operation, String argument, String realId, Consumer<String> call) {
            malformedIds(operation, argument, realId, call, true);
        }

        /** Ids of the wrong shape; {@code withNull} false where null is allowed (it means "none"). */
        void malformedIds(String operation, String argument, String realId, Consumer<String> call, boolean withNull) {
            List<String> ids = new ArrayList<>(Arrays.asList("", "   ", "not-an-id", realId.toUpperCase(Locale.ROOT),
                    realId + " ", realId.substring(1), realId.replace('-', '_'), realId + "0",
                    realId.substring(0, 35) + "\0", "\uD800" + realId.substring(1), "{" + realId + "}",
                    realId + "' OR '1'='1"));
            if (withNull) {
                ids.add(0, null);
            }
            for (String id : ids) {
                add(operation, argument + " " + describe(id), argument, () -> call.accept(id));
            }
        }

        /** Text that must be non-null, non-blank, at most {@code max} chars and storable. */
        void requiredText(String operation, String argument, int max, Consumer<String> call) {
            add(operation, argument + " null", argument, () -> call.accept(null));
            optionalTextNoNull(operation, argument, max, call);
        }

        /** Like {@link #requiredText} where null is allowed (it means "none" or "clear"). */
        void optionalText(String operation, String argument, int max, Consumer<String> call) {
            optionalTextNoNull(operation, argument, max, call);
        }

        void optionalTextNoNull(String operation, String argument, int max, Consumer<String> call) {
            for (String blank : List.of("", " ", "\t\n", "\u2003")) {
                add(operation, argument + " blank " + describe(blank), argument, () -> call.accept(blank));
            }
            unstorable(operation, argument, max, call);
        }

        /** Text that may be empty or blank but not too long or unstorable. */
        void anyText(String operation, String argument, int max, Consumer<String> call) {
            add(operation, argument + " null", argument, () -> call.accept(null));
            unstorable(operation, argument, max, call);
        }

        private void unstorable(String operation, String argument, int max, Consumer<String> call) {
            String tooLong = "x".repeat(max + 1);
            add(operation, argument + " of " + (max + 1) + " chars", argument, () -> call.accept(tooLong));
            String tooLongByAPair = "x".repeat(max - 1) + "🌍";
            add(operation, argument + " of " + (max + 1) + " chars ending in a surrogate pair", argument,
                    () -> call.accept(tooLongByAPair));
            for (String bad : List.of("a\0b", "\0", "lone high \uD800", "lone low \uDC00 x", "reversed \uDC00\uD800",
                    "ends high \uD83D", "' OR '1'='1\0")) {
                add(operation, argument + " " + describe(bad), argument, () -> call.accept(bad));
            }
        }

        void unitInterval(String operation, String argument, Consumer<Double> call) {
            for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.01,
                    1.01, -Double.MIN_VALUE, Math.nextUp(1.0), Double.MAX_VALUE, -Double.MAX_VALUE}) {
                add(operation, argument + " " + d, argument, () -> call.accept(d));
            }
        }

        /** Maps that JSON cannot hold exactly. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        void jsonMap(String operation, String argument, Consumer<Map<String, ?>> call) {
            Map<String, Map<String, ?>> bad = new LinkedHashMap<>();
            bad.put("NaN", Map.of("n", Double.NaN));
            bad.put("+Infinity", Map.of("n", Double.POSITIVE_INFINITY));
            bad.put("-Infinity", Map.of("n", Double.NEGATIVE_INFINITY));
            bad.put("Float NaN", Map.of("n", Float.NaN));
            bad.put("Float infinity", Map.of("n", Float.NEGATIVE_INFINITY));
            bad.put("BigDecimal 1e400", Map.of("n", new BigDecimal("1e400")));
            bad.put("NaN in a nested list", Map.of("nested", Map.of("list", List.of(1.0, Double.NaN))));
            bad.put("an Object", Map.of("o", new Object()));
            bad.put("an Instant", Map.of("t", Instant.EPOCH));
            bad.put("a Character", Map.of("c", 'c'));
            bad.put("an AtomicInteger", Map.of("n", new AtomicInteger(1)));
            bad.put("an Optional", Map.of("o", Optional.of(1)));
            bad.put("a byte[]", Map.of("b", new byte[] {1}));
            bad.put("a Set", Map.of("s", Set.of(1)));
            bad.put("an enum", Map.of("e", Role.USER));
            bad.put("NUL in a value", Map.of("s", "a\0b"));
            bad.put("lone surrogate in a value", Map.of("s", "\uD800"));
            bad.put("NUL in a key", Map.of("k\0", "v"));
            bad.put("lone surrogate in a key", Map.of("\uDC00k", "v"));
            bad.put("NUL in a nested key", Map.of("outer", Map.of("in\0ner", 1)));
            bad.put("over the size limit", Map.of("huge", "x".repeat(Limits.METADATA_MAX + 1)));
            Map<String, Object> many = new HashMap<>();
            for (int i = 0; i < 8000; i++) {
                many.put("k" + i, i);
            }
            bad.put("8000 keys, over the size limit", many);
            Map<Object, Object> nonStringKey = new HashMap<>();
            nonStringKey.put(1, "one");
            bad.put("a non-string key", (Map) nonStringKey);
            Map<Object, Object> nullKey = new HashMap<>();
            nullKey.put(null, "v");
            bad.put("a null key", (Map) nullKey);
            Map<String, Object> deep = new HashMap<>();
            Map<String, Object> cursor = deep;
            for (int i = 0; i <= Limits.METADATA_DEPTH_MAX + 1; i++) {
                Map<String, Object> next = new HashMap<>();
                cursor.put("d", next);
                cursor = next;
            }
            bad.put("nested deeper than the limit", deep);
            List<Object> deepList = new ArrayList<>();
            List<Object> listCursor = deepList;
            for (int i = 0; i <= Limits.METADATA_DEPTH_MAX + 1; i++) {
                List<Object> next = new ArrayList<>();
                listCursor.add(next);
                listCursor = next;
            }
            bad.put("lists nested deeper than the limit", Map.of("l", deepList));
            Map<String, Object> cyclic = new HashMap<>();
            cyclic.put("self", cyclic);
            bad.put("a map that contains itself", cyclic);
            for (Map.Entry<String, Map<String, ?>> e : bad.entrySet()) {
                add(operation, argument + " with " + e.getKey(), argument, () -> call.accept(e.getValue()));
            }
        }

        /** Values that are not JSON values. */
        void jsonValue(String operation, String argument, Consumer<Object> call) {
            Map<String, Object> bad = new LinkedHashMap<>();
            bad.put("null", null);
            bad.put("NaN", Double.NaN);
            bad.put("-Infinity", Double.NEGATIVE_INFINITY);
            bad.put("BigDecimal -1e400", new BigDecimal("-1e400"));
            bad.put("an Object", new Object());
            bad.put("a String with NUL", "a\0");
            bad.put("a lone surrogate", "\uDBFF");
            bad.put("a map with NaN", Map.of("n", Double.NaN));
            bad.put("a list with an Object", List.of(new Object()));
            bad.put("a String over the size limit", "x".repeat(Limits.METADATA_MAX + 1));
            bad.put("an int[]", new int[] {1});
            for (Map.Entry<String, Object> e : bad.entrySet()) {
                add(operation, argument + " " + e.getKey(), argument, () -> call.accept(e.getValue()));
            }
        }

        /** Every field of NewMessage, each made hostile in turn. */
        void newMessage(String operation, Consumer<NewMessage> call) {
            add(operation, "null role", "role", () -> call.accept(NewMessage.of(null, "x")));
            anyText(operation, "content", Limits.CONTENT_MAX, v -> call.accept(NewMessage.assistant(v)));
            optionalTextNoNull(operation, "clientMessageId", Limits.CLIENT_MESSAGE_ID_MAX,
                    v -> call.accept(NewMessage.assistant("x").clientMessageId(v)));
            for (String id : Arrays.asList("", "not-an-id", "' OR '1'='1", UUID.randomUUID().toString().toUpperCase(Locale.ROOT))) {
                add(operation, "replyTo " + describe(id), "replyTo", () -> call.accept(NewMessage.assistant("x").replyTo(id)));
                add(operation, "attachmentIds " + describe(id), "attachmentIds",
                        () -> call.accept(NewMessage.assistant("x").attachments(id)));
            }
            add(operation, "a null attachment id", "attachmentIds", () -> call.accept(NewMessage.assistant("x").attachments((String) null)));
            String[] tooMany = new String[Limits.ATTACHMENTS_PER_MESSAGE_MAX + 1];
            for (int i = 0; i < tooMany.length; i++) {
                tooMany[i] = UUID.randomUUID().toString();
            }
            add(operation, tooMany.length + " attachment ids", "attachmentIds",
                    () -> call.accept(NewMessage.assistant("x").attachments(tooMany)));
            add(operation, "null type", "type", () -> call.accept(NewMessage.assistant("x").type(null)));
            add(operation, "null media", "media", () -> call.accept(NewMessage.assistant("x").media(null)));
            add(operation, "null usage", "usage", () -> call.accept(NewMessage.assistant("x").usage(null)));
            jsonMap(operation, "metadata", m -> call.accept(NewMessage.assistant("x").metadata(m)));
            add(operation, "a blank media ref", "mediaRefs", () -> call.accept(NewMessage.assistant("x").media(Media.refs("s3://ok", " "))));
            add(operation, "a media ref with NUL", "mediaRefs", () -> call.accept(NewMessage.assistant("x").media(Media.refs("s3://a\0"))));
            add(operation, (Limits.MEDIA_REFS_MAX + 1) + " media refs", "mediaRefs", () -> call.accept(NewMessage.assistant("x")
                    .media(new Media(Collections.nCopies(Limits.MEDIA_REFS_MAX + 1, "s3://r"), null, null))));
            add(operation, "a media ref over the limit", "mediaRefs",
                    () -> call.accept(NewMessage.assistant("x").media(Media.refs("s".repeat(Limits.STORAGE_URI_MAX + 1)))));
            add(operation, "negative audio duration", "audioDurationMs",
                    () -> call.accept(NewMessage.assistant("x").media(Media.audio("s3://a.ogg", -1))));
            add(operation, "a duration without audio", "audioDurationMs",
                    () -> call.accept(NewMessage.assistant("x").media(new Media(List.of(), null, 5L))));
            add(operation, "a blank audio ref", "audioRef", () -> call.accept(NewMessage.assistant("x").media(Media.audio(" ", 1))));
            add(operation, "negative prompt tokens", "promptTokens",
                    () -> call.accept(NewMessage.assistant("x").usage(new TokenUsage("m", -1, 1))));
            add(operation, "Integer.MIN_VALUE completion tokens", "completionTokens",
                    () -> call.accept(NewMessage.assistant("x").usage(new TokenUsage("m", 1, Integer.MIN_VALUE))));
            add(operation, "a model name with NUL", "model", () -> call.accept(NewMessage.assistant("x").usage(TokenUsage.of("m\0", 1, 1))));
            add(operation, "a toolCallId on an assistant message", "toolCallId", () -> call.accept(
                    new NewMessage(Role.ASSISTANT, "x", null, null, Map.of(), List.of(), null, null, null, "call-1")));
            add(operation, "a blank toolCallId", "toolCallId", () -> call.accept(NewMessage.tool(" ", "x")));
        }

        /** Page requests a listing must refuse: negative and over-cap sizes, garbled and forged cursors. */
        void listing(String operation, int max, String listing, String scope, int keyParts, Consumer<PageRequest> call) {
            for (int limit : new int[] {0, -1, Integer.MIN_VALUE}) {
                add(operation, "limit " + limit, "limit", () -> call.accept(PageRequest.first(limit)));
                add(operation, "limit " + limit + " with a cursor", "limit", () -> call.accept(PageRequest.at("anything", limit)));
            }
            for (int limit : new int[] {max + 1, Integer.MAX_VALUE}) {
                add(operation, "limit " + limit, "limit", () -> call.accept(PageRequest.first(limit)));
                add(operation, "limit " + limit + " with a cursor", "limit", () -> call.accept(PageRequest.at("anything", limit)));
            }
            add(operation, "cursor null via at()", "cursor", () -> call.accept(PageRequest.at(null)));
            for (String blank : List.of("", " ", "\n")) {
                add(operation, "cursor " + describe(blank), "cursor", () -> call.accept(PageRequest.at(blank)));
            }
            for (String cursor : garbledCursors(listing, scope, keyParts)) {
                add(operation, "cursor " + describe(cursor), "cursor", () -> call.accept(PageRequest.at(cursor)));
            }
        }
    }

    /**
     * Cursors no store issued for {@code listing} within {@code scope}: junk, truncated, re-encoded,
     * and forged ones in the store's own format with a correct checksum but a bad version,
     * direction, key count or key.
     */
    static List<String> garbledCursors(String listing, String scope, int keyParts) {
        String id = UUID.randomUUID().toString();
        List<String> cursors = new ArrayList<>(List.of("garbage", "%%%%", "eyJ4IjoxfQ", "AAAAAAAAAAAAAAAA", "////",
                "🙂", "-1", "null", "x\0y", "\uD800", "A".repeat(100_000), "' OR '1'='1",
                Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1})));
        List<List<String>> badKeys = new ArrayList<>();
        switch (listing) {
            case "conversations", "archived-conversations" -> {
                badKeys.add(List.of("x", "1", id));
                badKeys.add(List.of("1", "x", id));
                badKeys.add(List.of("1", "99999999999999999999", ""));
                badKeys.add(List.of("1", "1", "' OR '1'='1"));
                badKeys.add(List.of("1", "1", "not-an-id"));
                badKeys.add(List.of("1", "1", id.toUpperCase(Locale.ROOT)));
            }
            case "facts" -> {
                badKeys.add(List.of("abc", id));
                for (String confidence : List.of("NaN", "Infinity", "-Infinity", "-0.5", "3.0")) {
                    badKeys.add(List.of(confidence, id));
                }
                badKeys.add(List.of("0.5", "' OR '1'='1"));
                badKeys.add(List.of("0.5", "not-an-id"));
            }
            case "branch", "path" -> {
                badKeys.add(List.of("not-an-id"));
                badKeys.add(List.of("' OR '1'='1"));
                badKeys.add(List.of(id.toUpperCase(Locale.ROOT)));
                badKeys.add(List.of(id));
            }
            default -> {
                badKeys.add(List.of("abc"));
                badKeys.add(List.of(""));
                badKeys.add(List.of("1.5"));
                badKeys.add(List.of("99999999999999999999"));
                badKeys.add(List.of("' OR '1'='1"));
            }
        }
        String[] good = new String[keyParts];
        Arrays.fill(good, "1");
        if (listing.equals("branch") || listing.equals("path")) {
            good[0] = id;
        }
        cursors.add(forge("c2", listing, scope, "f", good));
        cursors.add(forge("c1", listing, scope, "x", good));
        String[] extra = Arrays.copyOf(good, keyParts + 1);
        extra[keyParts] = "1";
        cursors.add(forge("c1", listing, scope, "f", extra));
        cursors.add(forge("c1", listing, scope + "x", "f", good));
        String real = forge("c1", listing, scope, "f", good);
        cursors.add(real.substring(0, real.length() - 2));
        cursors.add(flipChecksum("c1", listing, scope, "f", good));
        for (List<String> key : badKeys) {
            cursors.add(forge("c1", listing, scope, "f", key.toArray(String[]::new)));
        }
        return cursors;
    }

    /** A cursor in the store's format (see the engine's Cursor) with a correct checksum. */
    static String forge(String version, String listing, String scope, String direction, String... key) {
        String body = String.join("\u001f", version, listing, fingerprint(scope), direction, String.join("\u001f", key));
        return Base64.getUrlEncoder().withoutPadding().encodeToString((body + "\u001f" + crc(body)).getBytes(StandardCharsets.UTF_8));
    }

    private static String flipChecksum(String version, String listing, String scope, String direction, String... key) {
        String body = String.join("\u001f", version, listing, fingerprint(scope), direction, String.join("\u001f", key));
        String crc = crc(body);
        String wrong = (crc.charAt(0) == '0' ? "1" : "0") + crc.substring(1);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((body + "\u001f" + wrong).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's scope field: the first 8 bytes of the scope's SHA-256, as the engine writes it. */
    private static String fingerprint(String scope) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < s.length() && shown < 40; i++, shown++) {
            char c = s.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1)))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (s.length() > 40) {
            out.append("… (").append(s.length()).append(" chars)");
        }
        return out.append('"').toString();
    }

    // ---------------------------------------------------------------- page size 0

    private void seedPager() {
        UserChats p = store.forUser(PAGER);
        for (int i = 0; i < PAGER_CONVERSATIONS; i++) {
            p.conversations().setArchived(p.conversations().create(NewConversation.titled("archived " + i)).id(), true);
            clock.tick();
        }
        String first = null;
        for (int i = 0; i < PAGER_CONVERSATIONS; i++) {
            String id = p.conversations().create(NewConversation.titled("c" + i)).id();
            first = first == null ? id : first;
            clock.tick();
        }
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 0; i < PAGER_MESSAGES; i++) {
            batch.add(i % 2 == 0 ? NewMessage.user("m" + i) : NewMessage.assistant("m" + i));
        }
        p.messages().appendAll(first, batch);
        for (int i = 0; i < PAGER_FACTS; i++) {
            p.facts().add(NewFact.of(FactCategory.FACT, "f" + i, (i % 10) / 10.0));
        }
    }

    /** A page request without a size means the listing's default (PageRequest javadoc), and changes nothing. */
    private void noPageSizeIsTheDefault() {
        UserChats p = store.forUser(PAGER);
        String conv = p.conversations().list(PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX)).items().stream()
                .filter(c -> c.messageCount() > 0).findFirst().orElseThrow().id();
        PageRequest unsized = PageRequest.first();
        assertThat(p.conversations().list(unsized)).as("list, no limit")
                .isEqualTo(p.conversations().list(PageRequest.first(Limits.CONVERSATIONS_PAGE_DEFAULT)));
        assertThat(p.conversations().list(unsized).items()).hasSize(Limits.CONVERSATIONS_PAGE_DEFAULT);
        assertThat(p.conversations().sidebar(unsized)).as("sidebar, no limit")
                .isEqualTo(p.conversations().sidebar(PageRequest.first(Limits.CONVERSATIONS_PAGE_DEFAULT)));
        assertThat(p.conversations().listArchived(unsized)).as("listArchived, no limit")
                .isEqualTo(p.conversations().listArchived(PageRequest.first(Limits.CONVERSATIONS_PAGE_DEFAULT)));
        assertThat(p.conversations().listArchived(unsized).items()).hasSize(Limits.CONVERSATIONS_PAGE_DEFAULT);
        assertThat(p.messages().newestFirst(conv, unsized)).as("newestFirst, no limit")
                .isEqualTo(p.messages().newestFirst(conv, PageRequest.first(Limits.MESSAGES_PAGE_DEFAULT)));
        assertThat(p.messages().newestFirst(conv, unsized).items()).hasSize(Limits.MESSAGES_PAGE_DEFAULT);
        assertThat(p.messages().oldestFirst(conv, unsized)).as("oldestFirst, no limit")
                .isEqualTo(p.messages().oldestFirst(conv, PageRequest.first(Limits.MESSAGES_PAGE_DEFAULT)));
        assertThat(p.messages().branch(conv, unsized)).as("branch, no limit")
                .isEqualTo(p.messages().branch(conv, PageRequest.first(Limits.MESSAGES_PAGE_DEFAULT)));
        String tip = p.messages().latest(conv, 1).items().get(0).id();
        assertThat(p.messages().path(tip, unsized)).as("path, no limit")
                .isEqualTo(p.messages().path(tip, PageRequest.first(Limits.MESSAGES_PAGE_DEFAULT)));
        assertThat(p.facts().list(FactQuery.all(), unsized)).as("facts, no limit")
                .isEqualTo(p.facts().list(FactQuery.all(), PageRequest.first(Limits.FACTS_PAGE_DEFAULT)));
        assertThat(p.facts().list(FactQuery.all(), unsized).items()).hasSize(Limits.FACTS_PAGE_DEFAULT);
        String next = p.messages().newestFirst(conv, PageRequest.first(3)).nextCursor();
        assertThat(p.messages().newestFirst(conv, PageRequest.at(next))).as("a cursor without a limit")
                .isEqualTo(p.messages().newestFirst(conv, PageRequest.at(next, Limits.MESSAGES_PAGE_DEFAULT)));
        assertThat(fullSnapshot()).as("reading without a limit changed nothing").isEqualTo(fullBaseline);
    }

    // ---------------------------------------------------------------- SQL injection as data

    private void injectionsRoundTrip(Backend backend) {
        store = backend.open(clock);
        Seeds.seedStore(store);
        for (String user : USERS) {
            Seeds.seed(store, user, clock);
        }
        StoreSnapshot before = StoreSnapshot.of(store, USERS, List.of(Seeds.QUERY));
        long conversationsBefore = store.admin().statistics().conversations();
        long messagesBefore = store.admin().statistics().messages();
        int stored = 0;
        for (String evil : SQL_INJECTIONS) {
            UserChats m = store.forUser(evil);
            assertThat(m.userId()).isEqualTo(evil);
            var c = m.conversations().create(new NewConversation(evil, evil, Map.of(evil, evil, "nested", Map.of(evil, List.of(evil))),
                    evil, evil, evil, false));
            var appended = m.messages().append(c.id(), NewMessage.user(evil).clientMessageId(evil)
                    .metadata(Map.of(evil, evil)).usage(TokenUsage.of(evil, 1, 2)).media(Media.refs(evil)));
            var fact = m.facts().add(NewFact.of(FactCategory.FACT, evil, 0.5).learnedFrom(c.id(), appended.message().id()));
            var file = m.attachments().create(NewAttachment.stored(evil, evil, 1, null, evil));
            m.attachments().markProcessing(file.id());
            m.attachments().markError(file.id(), evil);
            m.settings().put(evil, evil);
            m.providers().put(ProviderConfigSpec.of(evil).withApiKey(evil).withBaseUrl(evil).withModelPreferences(Map.of(evil, evil)));
            m.searchCache().put(evil, List.of(evil), Duration.ofHours(1));
            m.profile().upsert(new ProfileSpec("x" + evil.replace(" ", "").replace("@", "") + "@example.com", evil, true));
            m.profile().mergePreferences(Map.of(evil, evil));
            store.personas().upsert(PersonaSpec.of(evil, evil, evil).withCategory(evil).withGreeting(evil));
            store.settings().put(evil, evil);
            stored++;

            String what = "injection " + describe(evil);
            var read = m.conversations().get(c.id()).orElseThrow();
            assertThat(List.of(read.title(), read.personaName(), read.provider(), read.model(), read.systemPrompt(),
                    read.lastMessagePreview())).as(what + ": conversation fields").containsOnly(evil);
            assertThat(read.metadata()).as(what + ": metadata").isEqualTo(c.metadata());
            assertThat(m.messages().get(appended.message().id())).as(what + ": message").contains(appended.message());
            assertThat(m.messages().byClientMessageId(c.id(), evil)).as(what + ": by client message id").contains(appended.message());
            assertThat(m.messages().append(c.id(), NewMessage.user(evil).clientMessageId(evil).metadata(Map.of(evil, evil))
                    .usage(TokenUsage.of(evil, 1, 2)).media(Media.refs(evil))).replayed()).as(what + ": replay").isTrue();
            assertThat(m.facts().get(fact.id())).as(what + ": fact").contains(fact);
            var storedFile = m.attachments().get(file.id()).orElseThrow();
            assertThat(List.of(storedFile.name(), storedFile.mimeType(), storedFile.storageUri(), storedFile.errorText()))
                    .as(what + ": attachment fields").containsOnly(evil);
            assertThat(m.settings().get(evil)).as(what + ": setting").contains(evil);
            assertThat(m.settings().all()).as(what + ": only that setting").isEqualTo(Map.of(evil, evil));
            assertThat(m.providers().apiKey(evil)).as(what + ": API key").contains(evil);
            assertThat(m.providers().get(evil).orElseThrow().baseUrl()).as(what + ": base URL").isEqualTo(evil);
            assertThat(m.searchCache().get(evil)).as(what + ": cached search").contains(List.of(evil));
            assertThat(m.profile().get().orElseThrow().displayName()).as(what + ": display name").isEqualTo(evil);
            assertThat(m.profile().get().orElseThrow().preferences()).as(what + ": preferences").isEqualTo(Map.of(evil, evil));
            var persona = store.personas().get(evil).orElseThrow();
            assertThat(List.of(persona.name(), persona.displayName(), persona.systemInstructions(), persona.category(),
                    persona.greeting())).as(what + ": persona fields").containsOnly(evil);
            assertThat(store.personas().list(null, evil)).as(what + ": personas of that category").extracting("name")
                    .containsExactly(evil);
            assertThat(store.settings().get(evil)).as(what + ": store setting").contains(evil);
            assertThat(m.conversations().list(PageRequest.first()).items()).as(what + ": one conversation").hasSize(1);
            assertThat(m.messages().newestFirst(c.id(), PageRequest.first()).items()).as(what + ": one message").hasSize(1);
        }
        for (String evil : SQL_INJECTIONS) {
            assertThat(store.forUser(evil).conversations().list(PageRequest.first()).items())
                    .as("user %s still sees only their own conversation", describe(evil)).hasSize(1);
        }
        assertThat(store.admin().statistics().conversations()).as("every table is intact: conversations")
                .isEqualTo(conversationsBefore + stored);
        assertThat(store.admin().statistics().messages()).as("every table is intact: messages").isEqualTo(messagesBefore + stored);
        StoreSnapshot after = StoreSnapshot.of(store, USERS, List.of(Seeds.QUERY));
        assertThat(after.users()).as("the seeded users are untouched").isEqualTo(before.users());
        // a normal write still works on every table
        Seeds.seed(store, "after-injections", clock);
        assertThat(store.forUser("after-injections").conversations().list(PageRequest.first()).items()).hasSize(2);
    }
}

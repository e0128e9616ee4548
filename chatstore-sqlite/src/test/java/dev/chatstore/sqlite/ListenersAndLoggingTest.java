package dev.chatstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.chatstore.AppendOptions;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.Conversation;
import dev.chatstore.EncryptionKeys;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.PageRequest;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreListener;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.TextQuery;
import dev.chatstore.UserChats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store tells its listeners about every public call, once, under {@code <view>.<method>} with the kind of
 * exception it threw; about replays and conflicts; and a listener that throws never fails a call. It logs its
 * opening and closing at INFO (no keys), slow operations at WARN, and nothing at INFO per call. When one fails,
 * look at dev.chatstore.jdbc.internal.Instrumentation and ChatStoreEngine.
 */
class ListenersAndLoggingTest {
    @TempDir
    Path dir;

    @Test
    void everyPublicCallIsReportedOnceUnderItsOperationName() {
        Events events = new Events();
        try (SqliteChatStore store = SqliteChatStore.inMemoryBuilder().listener(events).build()) {
            assertThat(events.list).containsExactly("opened sqlite");
            UserChats chats = store.forUser("alice");
            Conversation c = chats.conversations().create(NewConversation.titled("Lisbon"));
            chats.messages().append(c.id(), NewMessage.user("Where should we eat?"));
            chats.messages().latest(c.id(), 10);                     // a default method calling newestFirst
            chats.search().text(TextQuery.of("eat"), PageRequest.first());
            store.personas().list(null, null);
            store.settings().put("motd", "hello");
            store.admin().statistics();
            chats.userId();                                          // accessors are no operations
            chats.messages();
        }
        assertThat(events.list).containsExactly("opened sqlite",
                "conversations.create success", "messages.append success", "messages.latest success",
                "search.text success", "personas.list success", "settings.put success", "admin.statistics success",
                "closed");
    }

    @Test
    void aFailedCallIsReportedWithTheKindOfItsException() {
        Events events = new Events();
        SqliteChatStore store = SqliteChatStore.inMemoryBuilder().listener(events).build();
        UserChats chats = store.forUser("alice");
        assertThatThrownBy(() -> chats.messages().get("not an id")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> chats.conversations().rename(UUID.randomUUID().toString(), "x"))
                .isInstanceOf(NotFoundException.class);
        store.close();
        assertThatThrownBy(() -> chats.conversations().list(PageRequest.first()))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(events.list).containsExactly("opened sqlite", "messages.get invalid_input",
                "conversations.rename not_found", "closed", "conversations.list unavailable");
    }

    @Test
    void replaysAndConflictsAreReported() {
        Events events = new Events();
        try (SqliteChatStore store = SqliteChatStore.inMemoryBuilder().listener(events).build()) {
            UserChats chats = store.forUser("alice");
            Conversation c = chats.conversations().create(NewConversation.titled("Lisbon"));
            NewMessage question = NewMessage.user("Where should we eat?").clientMessageId("req-1");
            chats.messages().append(c.id(), question);
            chats.messages().append(c.id(), question);
            chats.messages().appendAll(c.id(), List.of(question, NewMessage.user("And drink?").clientMessageId("req-2")));
            assertThatThrownBy(() -> chats.messages().append(c.id(), NewMessage.user("Other").clientMessageId("req-1")))
                    .isInstanceOf(IdempotencyConflictException.class);
            assertThatThrownBy(() -> chats.messages().appendAll(c.id(), List.of(NewMessage.user("late")),
                    AppendOptions.none().ifRevision(0))).isInstanceOf(ConcurrentUpdateException.class);
        }
        assertThat(events.list).containsExactly("opened sqlite", "conversations.create success",
                "messages.append success", "messages.append success", "replayed messages.append",
                "messages.appendAll success", "replayed messages.appendAll",
                "messages.append conflict", "conflict messages.append",
                "messages.appendAll conflict", "conflict messages.appendAll", "closed");
    }

    /** A listener throwing from every method: the calls succeed, the next listener hears all, one WARN is logged. */
    @Test
    void aThrowingListenerNeverBreaksAnOperation() {
        StoreListener throwing = new StoreListener() {
            @Override
            public void opened(StoreAdmin admin) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void operationCompleted(String operation, Duration took, Outcome outcome) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void replayed(String operation) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void closed() {
                throw new IllegalStateException("broken listener");
            }
        };
        Events events = new Events();
        try (LogCapture log = new LogCapture(Level.WARN)) {
            try (SqliteChatStore store = SqliteChatStore.inMemoryBuilder().listener(throwing).listener(events).build()) {
                UserChats chats = store.forUser("alice");
                Conversation c = chats.conversations().create(NewConversation.titled("Lisbon"));
                NewMessage question = NewMessage.user("Where should we eat?").clientMessageId("req-1");
                chats.messages().append(c.id(), question);
                assertThat(chats.messages().append(c.id(), question).replayed()).isTrue();
            }
            assertThat(log.lines(Level.WARN)).hasSize(1).allMatch(line -> line.startsWith(
                    "Instrumentation: Store listener " + throwing + " threw from opened; the store ignores it"));
        }
        assertThat(events.list).containsExactly("opened sqlite", "conversations.create success",
                "messages.append success", "messages.append success", "replayed messages.append", "closed");
    }

    /** INFO when the store opens (backend, file, schema, settings, no key) and closes; nothing at INFO per call. */
    @Test
    void openingAndClosingAreLoggedAtInfoWithoutKeys() {
        Path file = dir.resolve("chat.db");
        byte[] key = new byte[32];
        key[0] = 42;
        try (LogCapture log = new LogCapture(Level.INFO)) {
            try (SqliteChatStore store = SqliteChatStore.builder(file).readers(3).encryptionKeys(EncryptionKeys.of(key))
                    .build()) {
                int version = store.admin().schemaVersion();
                UserChats chats = store.forUser("alice");
                Conversation c = chats.conversations().create(NewConversation.titled("Lisbon"));
                chats.messages().append(c.id(), NewMessage.user("Where should we eat?"));
                List<String> opened = log.lines(Level.INFO).stream().filter(l -> l.startsWith("ChatStoreEngine")).toList();
                assertThat(opened).containsExactly("ChatStoreEngine: Opened chatstore on sqlite ("
                        + file.toAbsolutePath() + "), schema version " + version + "; synchronous=NORMAL,"
                        + " busyTimeout=PT10S, readers=3, readerWait=PT30S, walSizeLimit=67108864, checkpoints=AUTOMATIC,"
                        + " vectorCacheBytes=134217728, vectorIndexBytes=536870912, vectorIndexMinVectors=20000,"
                        + " personaCacheTtl=PT10M, maxInlineAttachmentBytes=65536, encryptionKeys=set,"
                        + " slowOperationThreshold=PT1S, listeners=0");
                assertThat(log.lines(Level.INFO)).as("migrations, then the opening; nothing per call")
                        .filteredOn(l -> !l.startsWith("MigrationRunner: Applied sqlite migration V")).hasSize(1);
            }
            assertThat(log.lines(Level.INFO)).last()
                    .isEqualTo("ChatStoreEngine: Closed chatstore on sqlite (" + file.toAbsolutePath() + ")");
        }
    }

    /** With a threshold of 1 ns every operation is slow: each is one WARN naming it, and the store works on. */
    @Test
    void aSlowOperationIsLoggedAtWarn() {
        try (LogCapture log = new LogCapture(Level.WARN);
             SqliteChatStore store = SqliteChatStore.inMemoryBuilder().slowOperationThreshold(Duration.ofNanos(1)).build()) {
            Conversation c = store.forUser("alice").conversations().create(NewConversation.titled("Lisbon"));
            assertThat(store.forUser("alice").conversations().get(c.id())).isPresent();

            assertThat(log.lines(Level.WARN)).hasSize(2).satisfies(lines -> {
                assertThat(lines.get(0)).matches("Instrumentation: Slow operation conversations\\.create: [0-9.]+ ms"
                        + " \\(threshold 0\\.000 ms\\), outcome success");
                assertThat(lines.get(1)).startsWith("Instrumentation: Slow operation conversations.get: ");
            });
        }
        try (LogCapture log = new LogCapture(Level.WARN);
             SqliteChatStore store = SqliteChatStore.inMemoryBuilder().slowOperationThreshold(Duration.ZERO).build()) {
            store.forUser("alice").conversations().create(NewConversation.titled("Lisbon"));
            assertThat(log.lines(Level.WARN)).as("zero: never slow").isEmpty();
        }
    }

    /** What a listener hears, in order. */
    private static final class Events implements StoreListener {
        final List<String> list = new CopyOnWriteArrayList<>();

        @Override
        public void opened(StoreAdmin admin) {
            list.add("opened " + admin.info().backend());
        }

        @Override
        public void operationCompleted(String operation, Duration took, Outcome outcome) {
            assertThat(took).isPositive();
            list.add(operation + " " + outcome.tagValue());
        }

        @Override
        public void replayed(String operation) {
            list.add("replayed " + operation);
        }

        @Override
        public void conflict(String operation) {
            list.add("conflict " + operation);
        }

        @Override
        public void retried(String operation) {
            list.add("retried " + operation);
        }

        @Override
        public void closed() {
            list.add("closed");
        }
    }
}

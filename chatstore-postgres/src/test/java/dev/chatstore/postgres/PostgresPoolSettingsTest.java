package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.FactQuery;
import dev.chatstore.ImportException;
import dev.chatstore.StoreExportOptions;
import dev.chatstore.StoreExportSummary;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.StoreImportReport;
import dev.chatstore.NewFact;
import dev.chatstore.NotFoundException;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import dev.chatstore.testkit.Concurrently;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store behaves the same whatever the application's pool defaults to: autocommit on or off,
 * isolation READ COMMITTED, REPEATABLE READ or SERIALIZABLE. chatstore begins, configures and
 * commits its own transactions. When one fails, look at {@code PostgresDatabase}.
 */
class PostgresPoolSettingsTest {

    static Stream<Arguments> pools() {
        List<Arguments> pools = new ArrayList<>();
        for (boolean autoCommit : new boolean[] {true, false}) {
            for (String isolation : List.of("TRANSACTION_READ_COMMITTED", "TRANSACTION_REPEATABLE_READ",
                    "TRANSACTION_SERIALIZABLE")) {
                pools.add(Arguments.of(autoCommit, isolation));
            }
        }
        return pools.stream();
    }

    private static PostgresChatStore open(boolean autoCommit, String isolation) {
        DataSource pool = TestPostgres.pool(autoCommit, isolation);
        return PostgresChatStore.builder(pool).schema(TestPostgres.freshSchema()).build();
    }

    @ParameterizedTest(name = "autoCommit={0}, {1}")
    @MethodSource("pools")
    void aFreshSchemaMigratesAndEveryWriteIsCommitted(boolean autoCommit, String isolation) {
        try (PostgresChatStore store = open(autoCommit, isolation);
             PostgresChatStore observer = PostgresChatStore.builder(TestPostgres.dataSource())
                     .schema(store.schema()).build()) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("kept"));
            alice.messages().append(c.id(), NewMessage.user("hi"));

            Conversation seen = observer.forUser("alice").conversations().get(c.id()).orElseThrow();
            assertThat(seen.messageCount()).as("a store on another pool sees the committed append").isEqualTo(1);
            assertThat(store.admin().schemaVersion()).isEqualTo(store.admin().latestSchemaVersion());
        }
    }

    @ParameterizedTest(name = "autoCommit={0}, {1}")
    @MethodSource("pools")
    void concurrentAppendsAndPatchesOfOneConversationAllSucceed(boolean autoCommit, String isolation)
            throws Exception {
        try (PostgresChatStore store = open(autoCommit, isolation)) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("busy"));
            int threads = 8;
            int each = 15;
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(() -> {
                    for (int i = 0; i < each; i++) {
                        alice.messages().append(c.id(), NewMessage.user("t" + thread + " m" + i));
                        alice.conversations().patchMetadata(c.id(), Map.of("t" + thread + "_" + i, i));
                    }
                    return null;
                });
            }
            runTogether(work);

            Conversation after = alice.conversations().get(c.id()).orElseThrow();
            assertThat(after.messageCount()).isEqualTo(threads * each);
            assertThat(after.metadata()).as("every patch survived").hasSize(threads * each);
            List<Long> seqs = alice.messages().oldestFirst(c.id(), PageRequest.first(200)).items().stream()
                    .map(Message::seq).toList();
            assertThat(seqs).as("gapless sequence").hasSize(threads * each)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, threads * each).boxed().toList());
        }
    }

    @ParameterizedTest(name = "autoCommit={0}, {1}")
    @MethodSource("pools")
    void racingDeletesOfOneMessageDeleteItOnceAndKeepTheCountersExact(boolean autoCommit, String isolation)
            throws Exception {
        try (PostgresChatStore store = open(autoCommit, isolation)) {
            UserChats alice = store.forUser("alice");
            for (int trial = 0; trial < 10; trial++) {
                Conversation c = alice.conversations().create(NewConversation.titled("trial " + trial));
                alice.messages().append(c.id(), NewMessage.user("q"));
                Message reply = alice.messages().append(c.id(), NewMessage.assistant("a")).message();
                List<Boolean> deleted = runTogether(List.of(
                        () -> alice.messages().delete(reply.id()),
                        () -> alice.messages().delete(reply.id()),
                        () -> alice.messages().delete(reply.id())));
                assertThat(deleted).as("trial %d: exactly one delete removed it", trial).containsOnlyOnce(true);
                Conversation after = alice.conversations().get(c.id()).orElseThrow();
                assertThat(after.messageCount()).as("trial %d: message count", trial).isEqualTo(1);
                assertThat(after.unreadCount()).as("trial %d: unread count", trial).isZero();
            }
        }
    }

    /**
     * Writes racing the delete of what they refer to: each either happens before the delete (and
     * the delete takes it along) or fails with NotFoundException; nothing else surfaces, and the
     * counters stay exact. Look at ConversationLedger.lock and the order lock-then-read.
     */
    @ParameterizedTest(name = "autoCommit={0}, {1}")
    @MethodSource("pools")
    void writesRacingADeleteOfWhatTheyReferToFailAsNotFoundOrComeFirst(boolean autoCommit, String isolation)
            throws Exception {
        try (PostgresChatStore store = open(autoCommit, isolation)) {
            UserChats alice = store.forUser("alice");
            for (int trial = 0; trial < 8; trial++) {
                Conversation c = alice.conversations().create(NewConversation.titled("t" + trial));
                Message question = alice.messages().append(c.id(), NewMessage.user("q")).message();
                Message answer = alice.messages().append(c.id(), NewMessage.assistant("a")).message();
                List<Throwable> outcomes = runTogether(List.<Callable<Throwable>>of(
                        () -> catchThrowable(() -> alice.messages().regenerate(answer.id(), NewMessage.assistant("b"))),
                        () -> catchThrowable(() -> alice.messages().editIntoBranch(question.id(), NewMessage.user("q2"))),
                        () -> catchThrowable(() -> alice.messages().selectBranch(answer.id())),
                        () -> catchThrowable(() -> alice.messages().editContent(answer.id(), "edited")),
                        () -> catchThrowable(() -> alice.profile().setActiveConversation(c.id())),
                        () -> catchThrowable(() -> alice.facts().add(NewFact.of(FactCategory.FACT, "f", 0.5)
                                .learnedFrom(c.id(), question.id()))),
                        () -> catchThrowable(() -> alice.messages().delete(question.id())),
                        () -> catchThrowable(() -> alice.conversations().delete(c.id()))));
                assertThat(outcomes).as("trial %d: success or NotFoundException, nothing else", trial)
                        .allSatisfy(t -> assertThat(t).satisfiesAnyOf(
                                x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(NotFoundException.class)));
                assertThat(alice.conversations().get(c.id())).as("trial %d: the conversation is gone", trial).isEmpty();
                assertThat(alice.profile().activeConversation()).isEmpty();
                assertThat(alice.facts().list(FactQuery.all(), PageRequest.first()).items())
                        .allSatisfy(f -> assertThat(f.sourceConversationId()).isNull());
            }
        }
    }

    /** An edit racing appends never leaves the preview of a message that is no longer the newest. */
    @ParameterizedTest(name = "autoCommit={0}, {1}")
    @MethodSource("pools")
    void anEditRacingAppendsKeepsThePreviewOfTheNewestMessage(boolean autoCommit, String isolation) throws Exception {
        try (PostgresChatStore store = open(autoCommit, isolation)) {
            UserChats alice = store.forUser("alice");
            for (int trial = 0; trial < 10; trial++) {
                Conversation c = alice.conversations().create(NewConversation.titled("t" + trial));
                Message first = alice.messages().append(c.id(), NewMessage.user("first")).message();
                runTogether(List.<Callable<Object>>of(
                        () -> alice.messages().editContent(first.id(), "first, edited"),
                        () -> alice.messages().append(c.id(), NewMessage.assistant("second"))));
                Conversation after = alice.conversations().get(c.id()).orElseThrow();
                String newest = alice.messages().latest(c.id(), 1).items().get(0).content();
                assertThat(after.lastMessagePreview()).as("trial %d", trial).isEqualTo(newest);
            }
        }
    }

    @ParameterizedTest(name = "autoCommit={0}, {1}")
    @MethodSource("pools")
    void anExportIsOneSnapshotWhileTheUserWrites(boolean autoCommit, String isolation) throws Exception {
        try (PostgresChatStore store = open(autoCommit, isolation)) {
            UserChats alice = store.forUser("alice");
            for (int i = 0; i < 20; i++) {
                Conversation c = alice.conversations().create(NewConversation.titled("c" + i));
                alice.messages().append(c.id(), NewMessage.user("seed"));
            }
            AtomicBoolean exporting = new AtomicBoolean(true);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<Integer> writes = writer.submit(() -> {
                int n = 0;
                while (exporting.get()) {
                    Conversation c = alice.conversations().create(NewConversation.titled("w" + n));
                    alice.messages().appendAll(c.id(), List.of(NewMessage.user("x"), NewMessage.assistant("y")));
                    n++;
                }
                return n;
            });
            try {
                for (int run = 0; run < 5; run++) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    alice.exportTo(out);
                    assertConsistent(out.toString(StandardCharsets.UTF_8), run);
                }
            } finally {
                exporting.set(false);
                assertThat(writes.get(60, TimeUnit.SECONDS)).as("the writer wrote during the exports").isPositive();
                writer.shutdown();
            }
        }
    }

    @ParameterizedTest(name = "autoCommit={0}, {1}")
    @MethodSource("pools")
    void aStoreExportIsOneSnapshotAndImportsWholeWhileUsersWrite(boolean autoCommit, String isolation) throws Exception {
        try (PostgresChatStore store = open(autoCommit, isolation); PostgresChatStore copy = open(autoCommit, isolation)) {
            for (String user : List.of("alice", "bob")) {
                for (int i = 0; i < 10; i++) {
                    Conversation c = store.forUser(user).conversations().create(NewConversation.titled("c" + i));
                    store.forUser(user).messages().append(c.id(), NewMessage.user("seed"));
                }
            }
            AtomicBoolean exporting = new AtomicBoolean(true);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<Integer> writes = writer.submit(() -> {
                int n = 0;
                while (exporting.get()) {
                    UserChats user = store.forUser(n % 2 == 0 ? "alice" : "bob");
                    Conversation c = user.conversations().create(NewConversation.titled("w" + n));
                    user.messages().appendAll(c.id(), List.of(NewMessage.user("x"), NewMessage.assistant("y")));
                    n++;
                }
                return n;
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StoreExportSummary summary;
            try {
                summary = store.admin().exportStore(out, StoreExportOptions.defaults());
            } finally {
                exporting.set(false);
                assertThat(writes.get(60, TimeUnit.SECONDS)).as("the writer wrote during the export").isPositive();
                writer.shutdown();
            }
            assertStoreExportConsistent(out.toString(StandardCharsets.UTF_8));
            copy.admin().importStore(new ByteArrayInputStream(out.toByteArray()), StoreImportOptions.defaults());
            assertThat(copy.admin().checksums().userChecksums()).as("the import holds the export")
                    .isEqualTo(summary.userChecksums());
        }
    }

    @ParameterizedTest(name = "autoCommit={0}, {1}")
    @MethodSource("pools")
    void racingImportsOfOneFileImportEachUserOnce(boolean autoCommit, String isolation) throws Exception {
        try (PostgresChatStore store = open(autoCommit, isolation); PostgresChatStore target = open(autoCommit, isolation)) {
            for (String user : List.of("alice", "bob", "carol")) {
                for (int i = 0; i < 5; i++) {
                    Conversation c = store.forUser(user).conversations().create(NewConversation.titled("c" + i));
                    store.forUser(user).messages().appendAll(c.id(), List.of(NewMessage.user("q"), NewMessage.assistant("a")));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.admin().exportStore(out, StoreExportOptions.defaults());
            byte[] file = out.toByteArray();
            List<Object> outcomes = runTogether(List.of(() -> attemptImport(target, file), () -> attemptImport(target, file)));
            assertThat(outcomes).as("one import wins; the other is refused, naming a line, or skips what the winner wrote")
                    .allSatisfy(o -> assertThat(o).isInstanceOfAny(StoreImportReport.class, ImportException.class));
            assertThat(outcomes).filteredOn(o -> o instanceof StoreImportReport report && report.users() == 3).hasSize(1);
            assertThat(target.admin().checksums()).as("every user once").isEqualTo(store.admin().checksums());
        }
    }

    private static Object attemptImport(PostgresChatStore target, byte[] file) {
        try {
            return target.admin().importStore(new ByteArrayInputStream(file), StoreImportOptions.defaults());
        } catch (ImportException e) {
            assertThat(e.line()).isPositive();
            return e;
        }
    }

    /** Every message row of a store export belongs to an exported conversation whose message count matches. */
    private static void assertStoreExportConsistent(String export) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> counted = new HashMap<>();
        Map<String, Long> exported = new HashMap<>();
        for (String line : export.split("\n")) {
            JsonNode record = json.readTree(line);
            JsonNode row = record.get("row");
            switch (record.path("table").asText()) {
                case "conversation" -> counted.put(row.get("id").asText(), row.get("message_count").asLong());
                case "message" -> exported.merge(row.get("conversation_id").asText(), 1L, Long::sum);
                default -> { }
            }
        }
        assertThat(counted.keySet()).as("every exported message's conversation is exported").containsAll(exported.keySet());
        counted.forEach((id, count) -> assertThat(exported.getOrDefault(id, 0L))
                .as("conversation %s's message count matches its exported messages", id).isEqualTo(count));
    }

    /** Every exported message belongs to an exported conversation whose message count matches. */
    private static void assertConsistent(String export, int run) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> counted = new HashMap<>();
        Map<String, Long> exported = new HashMap<>();
        for (String line : export.split("\n")) {
            JsonNode record = json.readTree(line);
            switch (record.get("type").asText()) {
                case "conversation" -> counted.put(record.get("id").asText(), record.get("messageCount").asLong());
                case "message" -> exported.merge(record.get("conversationId").asText(), 1L, Long::sum);
                default -> { }
            }
        }
        assertThat(counted.keySet()).as("run %d: every exported message's conversation is exported", run)
                .containsAll(exported.keySet());
        counted.forEach((id, count) -> assertThat(exported.getOrDefault(id, 0L))
                .as("run %d: conversation %s's message count matches its exported messages", run, id)
                .isEqualTo(count));
    }

    /** Runs the tasks at once; returns their results, failing if any task threw. */
    private static <T> List<T> runTogether(List<Callable<T>> tasks) {
        return Concurrently.values(Concurrently.run(Duration.ofSeconds(60),
                tasks.stream().<Concurrently.Task<T>>map(task -> thread -> task.call()).toList()));
    }
}

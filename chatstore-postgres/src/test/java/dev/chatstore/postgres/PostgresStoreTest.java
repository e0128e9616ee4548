package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Appended;
import dev.chatstore.Conversation;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MigrationException;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.StoreInfo;
import dev.chatstore.UserChats;
import dev.chatstore.jdbc.Migration;
import dev.chatstore.jdbc.MigrationRunner;
import java.time.Clock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** PostgreSQL-specific behaviour: schemas, migrations across concurrent stores, races under READ COMMITTED. */
class PostgresStoreTest {

    @Test
    void schemaMustBeALowercaseIdentifier() {
        for (String bad : new String[] {"", "Chat", "a-b", "x;drop table y", "1abc", "a".repeat(64)}) {
            assertThatThrownBy(() -> PostgresChatStore.builder(TestPostgres.dataSource()).schema(bad).build())
                    .as("schema %s", bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("schema");
        }
    }

    @Test
    void infoNamesTheBackendItsVersionTheSchemaAndTheExtensionsOnOffer() {
        String schema = TestPostgres.freshSchema();
        try (PostgresChatStore store = open(schema)) {
            StoreInfo info = store.admin().info();
            assertThat(info.backend()).isEqualTo("postgresql");
            assertThat(info.serverVersion()).as("server_version").matches("\\d+(\\.\\d+)?.*");
            assertThat(info.location()).isEqualTo("schema " + schema);
            assertThat(info.extensions()).as("pg_available_extensions always lists plpgsql").contains("plpgsql");
        }
    }

    @Test
    void storesInDifferentSchemasDoNotSeeEachOther() {
        try (PostgresChatStore a = open(TestPostgres.freshSchema()); PostgresChatStore b = open(TestPostgres.freshSchema())) {
            Conversation c = a.forUser("u").conversations().create(NewConversation.titled("in a"));
            assertThat(b.forUser("u").conversations().get(c.id())).isEmpty();
        }
    }

    @Test
    void storesOpeningOneNewSchemaAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        String schema = TestPostgres.freshSchema();
        List<Integer> applied = runConcurrently(6, () -> {
            PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource())
                    .schema(schema).migrateOnOpen(false).build();
            return store.admin().migrate().size();
        });
        try (PostgresChatStore store = open(schema)) {
            assertThat(applied.stream().mapToInt(Integer::intValue).sum()).as("every migration file, once")
                    .isEqualTo(MigrationRunner.loadMigrations("dev/chatstore/postgres/migrations").size());
            assertThat(store.admin().schemaVersion()).isEqualTo(store.admin().latestSchemaVersion());
        }
    }

    @Test
    void anEditedAppliedMigrationIsRefused() throws SQLException {
        String schema = TestPostgres.freshSchema();
        open(schema).close();
        execute("UPDATE " + schema + ".chatstore_schema_history SET checksum = checksum + 1 WHERE version = 1");
        assertThatThrownBy(() -> open(schema)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("V1__init.sql was changed after it was applied");
    }

    @Test
    void aDatabaseFromANewerVersionIsRefused() throws SQLException {
        String schema = TestPostgres.freshSchema();
        open(schema).close();
        execute("INSERT INTO " + schema + ".chatstore_schema_history VALUES (999, 'f', 'V999__f.sql', 0, 'x', 0, TRUE)");
        assertThatThrownBy(() -> open(schema)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("newer chatstore");
    }

    @Test
    void aMigrationThatFailsHalfwayLeavesNoPartialObjects() throws SQLException {
        String schema = TestPostgres.freshSchema();
        PostgresChatStore store = open(schema);
        List<Migration> files = new ArrayList<>(MigrationRunner.loadMigrations("dev/chatstore/postgres/migrations"));
        int next = files.get(files.size() - 1).version() + 1;
        files.add(new Migration(next, "broken", "V" + next + "__broken.sql",
                "CREATE TABLE ${schema}.half_done (x integer);\nINSERT INTO ${schema}.no_such_table VALUES (1);\n", 7));
        PostgresDialect dialect = new PostgresDialect(schema);
        MigrationRunner runner = new MigrationRunner(new PostgresDatabase(
                dev.chatstore.jdbc.ChatStoreEngine.configure(org.jdbi.v3.core.Jdbi.create(TestPostgres.dataSource()), dialect),
                TestPostgres.dataSource(), schema),
                dialect, Clock.systemUTC(), files);
        assertThatThrownBy(runner::migrate).isInstanceOf(MigrationException.class);
        assertThat(store.admin().schemaVersion()).isEqualTo(next - 1);
        try (Connection c = TestPostgres.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT to_regclass('" + schema + ".half_done') IS NULL")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("half_done was rolled back").isTrue();
        }
    }

    /**
     * A run applies every pending file of a fresh schema in one transaction, each file in one execute; when a file
     * fails, the files before it must still end up applied and the failed one (and those after it) leave nothing.
     */
    @Test
    void aFileThatFailsInARunOfSeveralLeavesTheFilesBeforeItAppliedAndNothingOfItself() throws SQLException {
        String schema = TestPostgres.freshSchema();
        List<Migration> files = new ArrayList<>(MigrationRunner.loadMigrations("dev/chatstore/postgres/migrations"));
        int next = files.get(files.size() - 1).version() + 1;
        files.add(new Migration(next, "broken", "V" + next + "__broken.sql",
                "CREATE TABLE ${schema}.half_done (x integer);\nINSERT INTO ${schema}.no_such_table VALUES (1);\n", 7));
        files.add(new Migration(next + 1, "after", "V" + (next + 1) + "__after.sql",
                "CREATE TABLE ${schema}.after_broken (x integer);\n", 8));
        PostgresDialect dialect = new PostgresDialect(schema);
        MigrationRunner runner = new MigrationRunner(new PostgresDatabase(
                dev.chatstore.jdbc.ChatStoreEngine.configure(org.jdbi.v3.core.Jdbi.create(TestPostgres.dataSource()), dialect),
                TestPostgres.dataSource(), schema),
                dialect, Clock.systemUTC(), files);
        assertThatThrownBy(runner::migrate).isInstanceOf(MigrationException.class)
                .hasMessageContaining("V" + next + "__broken.sql");
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema)
                .migrateOnOpen(false).build()) {
            assertThat(store.admin().schemaVersion()).as("every file before the broken one").isEqualTo(next - 1);
        }
        try (Connection c = TestPostgres.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('" + schema + ".half_done') IS NULL"
                     + " AND to_regclass('" + schema + ".after_broken') IS NULL")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("neither the broken file nor the one after it left anything").isTrue();
        }
    }

    @Test
    void concurrentIdempotentAppendsUnderReadCommittedYieldOneRow() throws Exception {
        try (PostgresChatStore store = open(TestPostgres.freshSchema())) {
            UserChats chats = store.forUser("racer");
            Conversation c = chats.conversations().create(NewConversation.titled("race"));
            List<Appended> results = runConcurrently(12,
                    () -> chats.messages().append(c.id(), NewMessage.user("once").clientMessageId("same")));
            Set<String> ids = new HashSet<>();
            results.forEach(r -> ids.add(r.message().id()));
            assertThat(ids).as("every caller got the same message").hasSize(1);
            assertThat(results.stream().filter(r -> !r.replayed()).count()).as("exactly one stored it").isEqualTo(1);
            assertThat(chats.conversations().get(c.id()).orElseThrow().messageCount()).isEqualTo(1);
        }
    }

    private static PostgresChatStore open(String schema) {
        return PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build();
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.chatstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.MigrationException;
import dev.chatstore.NewConversation;
import dev.chatstore.jdbc.Migration;
import dev.chatstore.jdbc.MigrationRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration runner on real SQLite files: history, checksums, locking, atomic failure. */
class SqliteMigrationTest {
    /** Versions may have gaps (a number reserved for a migration not yet merged), so files are counted. */
    private static final int MIGRATIONS = MigrationRunner.loadMigrations("dev/chatstore/sqlite/migrations").size();

    @TempDir
    Path dir;

    @Test
    void aNewDatabaseIsMigratedOnOpenAndRecordsEveryFileWithItsChecksum() throws SQLException {
        Path file = dir.resolve("new.db");
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            assertThat(store.admin().schemaVersion()).isEqualTo(store.admin().latestSchemaVersion()).isGreaterThanOrEqualTo(1);
        }
        List<Migration> known = MigrationRunner.loadMigrations("dev/chatstore/sqlite/migrations");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT version, script, checksum, success FROM chatstore_schema_history ORDER BY version")) {
            for (Migration m : known) {
                assertThat(rs.next()).as("history row for %s", m.script()).isTrue();
                assertThat(rs.getInt("version")).isEqualTo(m.version());
                assertThat(rs.getString("script")).isEqualTo(m.script());
                assertThat(rs.getInt("checksum")).isEqualTo(m.checksum());
                assertThat(rs.getBoolean("success")).isTrue();
            }
            assertThat(rs.next()).as("no history rows beyond the known files").isFalse();
        }
    }

    @Test
    void withoutMigrateOnOpenTheSchemaIsMigratedOnDemand() {
        try (SqliteChatStore store = SqliteChatStore.builder(dir.resolve("lazy.db")).migrateOnOpen(false).build()) {
            assertThat(store.admin().schemaVersion()).isZero();
            assertThat(store.admin().migrate()).as("every migration file").hasSize(MIGRATIONS);
            assertThat(store.admin().migrate()).as("a second run applies nothing").isEmpty();
            assertThat(store.forUser("u").conversations().create(NewConversation.titled("works")).title()).isEqualTo("works");
        }
    }

    @Test
    void anEditedAppliedMigrationIsRefusedWithAClearMessage() throws SQLException {
        Path file = dir.resolve("edited.db");
        SqliteChatStore.open(file).close();
        execute(file, "UPDATE chatstore_schema_history SET checksum = checksum + 1 WHERE version = 1");

        assertThatThrownBy(() -> SqliteChatStore.open(file))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("V1__init.sql was changed after it was applied");
    }

    @Test
    void aDatabaseMigratedByANewerVersionIsRefusedWithAClearMessage() throws SQLException {
        Path file = dir.resolve("newer.db");
        SqliteChatStore.open(file).close();
        execute(file, "INSERT INTO chatstore_schema_history VALUES (999, 'future', 'V999__future.sql', 0, 'x', 0, 1)");

        assertThatThrownBy(() -> SqliteChatStore.open(file))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("schema version 999")
                .hasMessageContaining("newer chatstore");
    }

    @Test
    void storesOpeningOneNewDatabaseAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        Path file = dir.resolve("race.db");
        int stores = 6;
        ExecutorService pool = Executors.newFixedThreadPool(stores);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> applied = new ArrayList<>();
            for (int i = 0; i < stores; i++) {
                Callable<Integer> open = () -> {
                    start.await();
                    try (SqliteChatStore store = SqliteChatStore.builder(file).migrateOnOpen(false).build()) {
                        return store.admin().migrate().size();
                    }
                };
                applied.add(pool.submit(open));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : applied) {
                total += f.get();
            }
            try (SqliteChatStore store = SqliteChatStore.open(file)) {
                assertThat(total).as("migrations applied across all stores").isEqualTo(MIGRATIONS);
                assertThat(store.admin().schemaVersion()).isEqualTo(store.admin().latestSchemaVersion());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMigrationThatFailsHalfwayLeavesThePreviousVersionAndNoPartialObjects() throws SQLException {
        Path file = dir.resolve("half.db");
        try (SqliteChatStore store = SqliteChatStore.builder(file).migrateOnOpen(false).build()) {
            List<Migration> files = new ArrayList<>(MigrationRunner.loadMigrations("dev/chatstore/sqlite/migrations"));
            int next = files.get(files.size() - 1).version() + 1;
            files.add(new Migration(next, "broken", "V" + next + "__broken.sql",
                    "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n", 42));
            MigrationRunner runner = new MigrationRunner(store.databaseForTests(), new SqliteDialect(), Clock.systemUTC(), files);

            assertThatThrownBy(runner::migrate).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("V" + next + "__broken.sql");
            assertThat(store.admin().schemaVersion()).isEqualTo(next - 1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the failed migration's first table was rolled back").isZero();
        }
    }

    /**
     * A run applies every pending file in one transaction; when a file fails, the files before it must still end up
     * applied (as when each file had a transaction of its own) and the failed one must leave nothing.
     */
    @Test
    void aFileThatFailsInARunOfSeveralLeavesTheFilesBeforeItAppliedAndNothingOfItself() throws SQLException {
        Path file = dir.resolve("run.db");
        try (SqliteChatStore store = SqliteChatStore.builder(file).migrateOnOpen(false).build()) {
            List<Migration> files = new ArrayList<>(MigrationRunner.loadMigrations("dev/chatstore/sqlite/migrations"));
            int next = files.get(files.size() - 1).version() + 1;
            files.add(new Migration(next, "broken", "V" + next + "__broken.sql",
                    "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n", 42));
            files.add(new Migration(next + 1, "after", "V" + (next + 1) + "__after.sql", "CREATE TABLE after_broken (x INTEGER);\n", 43));
            MigrationRunner runner = new MigrationRunner(store.databaseForTests(), new SqliteDialect(), Clock.systemUTC(), files);

            assertThatThrownBy(runner::migrate).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("V" + next + "__broken.sql");
            assertThat(store.admin().schemaVersion()).as("every file before the broken one").isEqualTo(next - 1);
            assertThat(store.admin().schemaHistory()).hasSize(MIGRATIONS);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('half_done', 'after_broken')")) {
            rs.next();
            assertThat(rs.getInt(1)).as("neither the broken file nor the one after it left anything").isZero();
        }
    }

    private static void execute(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package dev.chatstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.BackupProgress;
import dev.chatstore.BackupReport;
import dev.chatstore.Conversation;
import dev.chatstore.CorruptDatabaseException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MaintenanceReport;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.SearchHit;
import dev.chatstore.StoreHealth;
import dev.chatstore.TextQuery;
import dev.chatstore.UserChats;
import dev.chatstore.jdbc.MigrationRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's SQLite maintenance, backups and restores: health figures, integrity checks that find
 * damage, a VACUUM and a compacted copy after which full-text search still finds exactly the right
 * messages (both renumber rowids), and restores that refuse damaged files and occupied targets.
 */
class SqliteOperationsTest {
    @TempDir
    Path dir;

    /** Messages "word0" … numbered, every other one deleted so that rowids have gaps a VACUUM closes. */
    private static List<Message> messagesWithGaps(UserChats chats, int count) {
        return messagesWithGaps(chats, count, "word");
    }

    private static List<Message> messagesWithGaps(UserChats chats, int count, String word) {
        Conversation c = chats.conversations().create(NewConversation.titled("maintenance"));
        List<Message> kept = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message m = chats.messages().append(c.id(), NewMessage.user("filler " + i + " " + word + i)).message();
            if (i % 2 == 0) {
                chats.messages().delete(m.id());
            } else {
                kept.add(m);
            }
        }
        return kept;
    }

    /** Each kept message found by its own word, and only it. */
    private static void assertSearchFindsEach(UserChats chats, List<Message> kept, int count) {
        for (int i = 0; i < count; i++) {
            List<String> hits = chats.search().text(TextQuery.of("word" + i).onlyKinds(SearchHit.Kind.MESSAGE), PageRequest.first(5)).items().stream()
                    .map(SearchHit::id).toList();
            int n = i;
            List<String> expected = kept.stream().filter(m -> m.content().endsWith(" word" + n)).map(Message::id).toList();
            assertThat(hits).as("word%d", i).isEqualTo(expected);
        }
    }

    @Test
    void healthReportsTheStoreAndItsConnections() {
        SqliteChatStore store = SqliteChatStore.builder(dir.resolve("h.db")).readers(3).build();
        StoreHealth health = store.admin().health();
        assertThat(health.reachable()).isTrue();
        assertThat(health.healthy()).isTrue();
        assertThat(health.schemaVersion()).isEqualTo(store.admin().latestSchemaVersion());
        assertThat(health.roundTrip()).isPositive();
        assertThat(health.pool().max()).as("three readers and the writer").isEqualTo(4);
        assertThat(health.pool().active()).as("nothing runs now").isZero();
        assertThat(health.pool().idle()).isEqualTo(4);
        assertThat(health.pool().waiting()).isZero();
        assertThat(health.walBytes()).isNotNegative();
        store.close();
        StoreHealth closed = store.admin().health();
        assertThat(closed.reachable()).isFalse();
        assertThat(closed.problem()).contains("closed");

        SqliteChatStore memory = SqliteChatStore.inMemory();
        assertThat(memory.admin().health().walBytes()).as("in memory: no log").isEqualTo(-1);
        assertThat(memory.admin().health().pool().max()).isEqualTo(1);
        memory.close();
    }

    @Test
    void vacuumAndCompactedCopiesKeepFullTextSearchExact() {
        Path file = dir.resolve("v.db");
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            UserChats chats = store.forUser("u");
            List<Message> kept = messagesWithGaps(chats, 40);
            MaintenanceReport vacuum = store.admin().vacuum();
            assertThat(vacuum.ok()).isTrue();
            assertThat(vacuum.figures()).containsKeys("bytes_before", "bytes_after", "full_text_indexes_rebuilt");
            assertThat(vacuum.figures().get("full_text_indexes_rebuilt")).isPositive();
            assertSearchFindsEach(chats, kept, 40);
            assertThat(store.admin().checkIntegrity(true).ok()).isTrue();
            assertThat(store.admin().optimize().ok()).isTrue();
            assertThat(store.admin().checkpoint().ok()).isTrue();

            messagesWithGaps(chats, 10, "later");
            BackupReport compacted = store.admin().compactTo(dir.resolve("compact.db"));
            assertThat(compacted.schemaVersion()).isEqualTo(store.admin().latestSchemaVersion());
        }
        try (SqliteChatStore copy = SqliteChatStore.open(dir.resolve("compact.db"))) {
            UserChats chats = copy.forUser("u");
            List<Message> kept = chats.messages().oldestFirst(
                    chats.conversations().list(PageRequest.first(10)).items().get(1).id(), PageRequest.first(100)).items();
            assertThat(kept).hasSize(20);
            assertSearchFindsEach(chats, kept, 40);
        }
    }

    @Test
    void aFullIntegrityCheckFindsAFullTextIndexOutOfStepWithItsRows() throws Exception {
        Path file = dir.resolve("i.db");
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            messagesWithGaps(store.forUser("u"), 30);
        }
        // An index out of step with its rows (as a VACUUM that renumbered rowids without a rebuild would leave it):
        // one message's words taken out of the index behind the store's back.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO message_fts (message_fts, rowid, content) "
                    + "SELECT 'delete', rowid, content FROM message ORDER BY rowid LIMIT 1");
        }
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            assertThat(store.admin().checkIntegrity(false).ok()).as("the pages are sound").isTrue();
            MaintenanceReport full = store.admin().checkIntegrity(true);
            assertThat(full.ok()).as("but the index points at the wrong rows").isFalse();
            assertThat(full.problems()).isNotEmpty();
            store.admin().vacuum();
            assertThat(store.admin().checkIntegrity(true).ok()).as("vacuum() rebuilt it").isTrue();
        }
    }

    @Test
    void aBackupIsCheckedAndReportsItsProgressAndARestoreBringsItBack() {
        Path file = dir.resolve("b.db");
        Path backup = dir.resolve("backup.db");
        List<Message> kept;
        List<long[]> progress = new ArrayList<>();
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            kept = messagesWithGaps(store.forUser("u"), 20);
            BackupReport report = store.admin().backupTo(backup, (done, total) -> progress.add(new long[] {done, total}));
            assertThat(report.file()).isEqualTo(backup.toAbsolutePath());
            assertThat(report.bytes()).isEqualTo(sizeOf(backup));
            assertThat(progress).isNotEmpty();
            assertThat(progress.get(progress.size() - 1)).satisfies(p -> assertThat(p[0]).isEqualTo(p[1]));
            assertThatThrownBy(() -> store.admin().backupTo(file, BackupProgress.NONE))
                    .as("the store's own file").isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> store.admin().backupTo(dir.resolve("missing/dir.db"), BackupProgress.NONE))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> SqliteChatStore.restore(backup, file, true))
                    .as("into the file of an open store").isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> SqliteChatStore.restore(backup, file, false))
                .as("over an existing file without replaceExisting").isInstanceOf(AlreadyExistsException.class);
        BackupReport restored = SqliteChatStore.restore(backup, dir.resolve("restored.db"), false);
        assertThat(restored.schemaVersion()).isPositive();
        try (SqliteChatStore store = SqliteChatStore.open(dir.resolve("restored.db"))) {
            assertSearchFindsEach(store.forUser("u"), kept, 20);
        }
        assertThat(dir.toFile().list()).as("no partial file left").noneMatch(n -> n.contains("chatstore-partial"));
    }

    @Test
    void aRestoreRefusesDamagedTruncatedAndForeignFilesAndLeavesTheTargetAsItWas() throws Exception {
        Path file = dir.resolve("src.db");
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            messagesWithGaps(store.forUser("u"), 200);
            store.admin().backupTo(dir.resolve("good.db"), BackupProgress.NONE);
        }
        byte[] good = Files.readAllBytes(dir.resolve("good.db"));
        Path truncated = Files.write(dir.resolve("truncated.db"), Arrays.copyOf(good, good.length / 2));
        byte[] damaged = good.clone();
        for (int i = good.length / 3; i < good.length / 3 + 4096; i++) {
            damaged[i] = (byte) 0x5A;
        }
        Path corrupt = Files.write(dir.resolve("damaged.db"), damaged);
        Path noise = Files.write(dir.resolve("noise.db"), "not a database at all".repeat(500).getBytes());
        Path foreign = dir.resolve("foreign.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        Path target = dir.resolve("target.db");
        Files.copy(dir.resolve("good.db"), target);
        byte[] before = Files.readAllBytes(target);
        for (Path bad : List.of(truncated, corrupt, noise, foreign)) {
            assertThatThrownBy(() -> SqliteChatStore.restore(bad, target, true)).as("%s", bad.getFileName())
                    .isInstanceOf(CorruptDatabaseException.class);
            assertThat(Files.readAllBytes(target)).as("the target after %s", bad.getFileName()).isEqualTo(before);
        }
        assertThatThrownBy(() -> SqliteChatStore.restore(dir.resolve("none.db"), target, true))
                .isInstanceOf(InvalidInputException.class);
        assertThat(dir.toFile().list()).noneMatch(n -> n.contains("chatstore-partial"));
    }

    @Test
    void aRestoredBackupOfAnOlderSchemaIsMigratedAndOneOfANewerSchemaIsRefused() throws Exception {
        Path old = dir.resolve("v13.db");
        try (SqliteChatStore store = SqliteChatStore.builder(old).migrateOnOpen(false).build()) {
            new MigrationRunner(store.databaseForTests(), new SqliteDialect(), java.time.Clock.systemUTC(),
                    MigrationRunner.loadMigrations("dev/chatstore/sqlite/migrations").subList(0, 12)).migrate();   // V1..V13 (no V11 on SQLite)
            assertThat(store.admin().schemaVersion()).isEqualTo(13);
        }
        BackupReport restored = SqliteChatStore.restore(old, dir.resolve("migrated.db"), false);
        try (SqliteChatStore store = SqliteChatStore.open(dir.resolve("migrated.db"))) {
            assertThat(restored.schemaVersion()).as("the restored file is migrated").isEqualTo(store.admin().latestSchemaVersion());
        }
        Path newer = dir.resolve("newer.db");
        Files.copy(dir.resolve("migrated.db"), newer);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + newer); Statement s = c.createStatement()) {
            s.execute("INSERT INTO chatstore_schema_history (version, description, script, checksum, installed_at,"
                    + " execution_ms, success) SELECT version + 100, description, script, checksum, installed_at, execution_ms,"
                    + " success FROM chatstore_schema_history ORDER BY version DESC LIMIT 1");
        }
        assertThatThrownBy(() -> SqliteChatStore.restore(newer, dir.resolve("never.db"), false))
                .isInstanceOf(dev.chatstore.MigrationException.class);
        assertThat(dir.resolve("never.db")).doesNotExist();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.chatstore.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's tool written against chatstore-api alone migrates a store and reads its history and counts. */
class AdminReportTest {
    @TempDir
    Path dir;

    @Test
    void migratesAnUnmigratedStoreThenReportsHistoryBackendAndCounts() {
        Path file = dir.resolve("ops.db");
        try (SqliteChatStore store = SqliteChatStore.builder(file).migrateOnOpen(false).build()) {
            int latest = store.admin().latestSchemaVersion();
            // Versions may have gaps (a number reserved for a migration not yet merged), so files are counted.
            int files = dev.chatstore.jdbc.MigrationRunner.loadMigrations("dev/chatstore/sqlite/migrations").size();
            assertThat(store.admin().schemaVersion()).as("not migrated yet").isZero();

            List<String> first = AdminReport.migrateAndReport(store);

            assertThat(first.get(0)).isEqualTo("applied " + files + " migration(s)");
            assertThat(first.get(1)).isEqualTo("schema version " + latest + " of " + latest);
            assertThat(first.subList(2, 2 + files)).as("one history line per migration, oldest first")
                    .allMatch(line -> line.matches("  V\\d+ .+ \\(V\\d+__\\w+\\.sql, checksum -?\\d+, installed .+Z\\)"))
                    .first().asString().startsWith("  V1 init (V1__init.sql");
            assertThat(first.get(2 + files)).startsWith("backend sqlite 3.").endsWith(" at " + file.toAbsolutePath());
            assertThat(first.get(3 + files)).isEqualTo("users 0, conversations 0, messages 0, active personas 0");

            var chats = store.forUser("alice");
            var c = chats.conversations().create(NewConversation.titled("t"));
            chats.messages().append(c.id(), NewMessage.user("hi"));
            List<String> second = AdminReport.migrateAndReport(store);
            assertThat(second.get(0)).as("a current store applies nothing").isEqualTo("applied 0 migration(s)");
            assertThat(second.get(3 + files)).isEqualTo("users 1, conversations 1, messages 1, active personas 0");
        }
    }
}

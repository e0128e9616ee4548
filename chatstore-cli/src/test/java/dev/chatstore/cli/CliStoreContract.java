package dev.chatstore.cli;

import static dev.chatstore.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import dev.chatstore.cli.CliRunner.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every subcommand, end to end, against a real store of one backend: the subclasses say how to name and open a fresh
 * store. When one fails, look first at the stderr the assertion message shows: it holds the command's one-line error.
 */
abstract class CliStoreContract {
    @TempDir
    Path dir;

    /** The URL and options (schema, sign-in) naming a fresh store of this backend; the same store on each call. */
    abstract List<String> store();

    /** The same store opened with the API, migrated, to seed and inspect it. */
    abstract ChatStore open();

    /** Whether the backend is SQLite (file maintenance and backups) rather than PostgreSQL. */
    abstract boolean sqlite();

    /** Two users, a conversation each with three messages. */
    void seed() {
        try (ChatStore store = open()) {
            for (String user : List.of("alice", "bob")) {
                UserChats chats = store.forUser(user);
                Conversation c = chats.conversations().create(NewConversation.titled("Hello " + user));
                chats.messages().append(c.id(), NewMessage.user("hi, I am " + user));
                chats.messages().append(c.id(), NewMessage.assistant("hello " + user));
                chats.messages().append(c.id(), NewMessage.user("bye"));
            }
        }
    }

    List<String> sqliteFile(String name) {
        return List.of("jdbc:sqlite:" + dir.resolve(name));
    }

    @Test
    void migrate_appliesEveryMigrationOnce_thenInfoValidateAndHealthAreOk() {
        JsonNode first = run("migrate", store(), "--json").exits(0).json();
        assertThat(first.get("applied").size()).as("migrations applied to a fresh store").isPositive();
        int latest = first.get("schemaVersion").asInt();
        JsonNode again = run("migrate", store(), "--json").exits(0).json();
        assertThat(again.get("applied").size()).as("nothing applied twice").isZero();

        Result text = run("migrate", store()).exits(0);
        assertThat(text.out()).contains("Schema is current: version " + latest);

        JsonNode info = run("info", store(), "--json").exits(0).json();
        assertThat(info.get("backend").asText()).isEqualTo(sqlite() ? "sqlite" : "postgresql");
        assertThat(info.get("schemaVersion").asInt()).isEqualTo(latest);
        assertThat(info.get("latestSchemaVersion").asInt()).isEqualTo(latest);
        assertThat(info.get("history").size()).isEqualTo(first.get("applied").size());
        assertThat(info.get("statistics").get("messages").asLong()).isZero();
        assertThat(run("info", store()).exits(0).out()).contains("(current)").contains("History:");

        JsonNode valid = run("validate", store(), "--json").exits(0).json();
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("pending").size()).isZero();
        assertThat(run("validate", store()).exits(0).out()).startsWith("Valid:");

        JsonNode health = run("health", store(), "--json").exits(0).json();
        assertThat(health.get("healthy").asBoolean()).isTrue();
        assertThat(health.get("schemaVersion").asInt()).isEqualTo(latest);
        assertThat(run("health", store()).exits(0).out()).startsWith("Healthy");
    }

    @Test
    void validateAndInfo_onAnUnmigratedStore_reportPendingMigrations_andMigrateNothing() {
        prepareEmptyStore();
        JsonNode validate = run("validate", store(), "--json").exits(Exit.SCHEMA).json();
        assertThat(validate.get("valid").asBoolean()).isFalse();
        assertThat(validate.get("schemaVersion").asInt()).isZero();
        int latest = validate.get("latestSchemaVersion").asInt();
        assertThat(validate.get("pending").size()).isEqualTo(latest);
        assertThat(run("validate", store()).exits(Exit.SCHEMA).out()).contains("Run chatstore migrate");

        JsonNode info = run("info", store(), "--json").exits(0).json();
        assertThat(info.get("schemaCurrent").asBoolean()).isFalse();
        assertThat(info.get("statistics").isNull()).isTrue();
        assertThat(run("info", store()).exits(0).out()).contains("pending: run chatstore migrate");

        run("stats", store()).exits(Exit.SCHEMA);
        Result export = run("export", store(), dir.resolve("x.jsonl").toString()).exits(Exit.SCHEMA);
        assertThat(export.err()).contains("run chatstore migrate first").hasLineCount(1);
        assertThat(dir.resolve("x.jsonl")).doesNotExist();

        JsonNode health = run("health", store(), "--json").exits(Exit.FAILED).json();
        assertThat(health.get("schemaCurrent").asBoolean()).isFalse();
        assertThat(run("validate", store(), "--json").exits(Exit.SCHEMA).json().get("schemaVersion").asInt())
                .as("info, validate and health migrated nothing").isZero();
    }

    /** Makes the store exist without any migration (an empty file, an empty schema). */
    abstract void prepareEmptyStore();

    @Test
    void stats_countsTheSeededData() {
        seed();
        JsonNode stats = run("stats", store(), "--json").exits(0).json();
        assertThat(stats.get("users").asLong()).isEqualTo(2);
        assertThat(stats.get("conversations").asLong()).isEqualTo(2);
        assertThat(stats.get("messages").asLong()).isEqualTo(6);
        assertThat(run("stats", store()).exits(0).out()).contains("2 users, 2 conversations, 6 messages");
    }

    @Test
    void check_onSqliteReportsOk_onPostgresIsUnsupported() {
        seed();
        if (sqlite()) {
            JsonNode quick = run("check", store(), "--json").exits(0).json();
            assertThat(quick.get("ok").asBoolean()).isTrue();
            assertThat(quick.get("operation").asText()).isEqualTo("quick_check");
            assertThat(run("check", store(), "--full").exits(0).out()).contains("ok");
        } else {
            Result r = run("check", store()).exits(Exit.UNSUPPORTED);
            assertThat(r.err()).startsWith("chatstore: ").hasLineCount(1);
            assertThat(run("check", store(), "--json").exits(Exit.UNSUPPORTED).json().get("exitCode").asInt())
                    .isEqualTo(Exit.UNSUPPORTED);
        }
    }

    @Test
    void vacuum_runs_andCheckpointIsSqliteOnly() {
        seed();
        JsonNode vacuum = run("vacuum", store(), "--json", "--optimize").exits(0).json();
        assertThat(vacuum.get("ok").asBoolean()).isTrue();
        assertThat(vacuum.get("operations").size()).isEqualTo(2);
        assertThat(run("vacuum", store()).exits(0).out()).contains("ok");
        if (sqlite()) {
            assertThat(run("vacuum", store(), "--checkpoint", "--json").exits(0).json().get("operations").size()).isEqualTo(2);
        } else {
            run("vacuum", store(), "--checkpoint").exits(Exit.UNSUPPORTED);
        }
    }

    @Test
    void purge_archivesDeletesAndRemovesOrphans_deletingOnlyLocalFiles() throws Exception {
        seed();
        Path local = Files.writeString(dir.resolve("upload.bin"), "bytes");
        try (ChatStore store = open()) {
            UserChats alice = store.forUser("alice");
            alice.attachments().create(NewAttachment.inline("a.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8)));
            alice.attachments().create(NewAttachment.stored("b.bin", "application/octet-stream", 5, null,
                    local.toUri().toString()));
            alice.attachments().create(NewAttachment.stored("c.bin", "application/octet-stream", 5, null,
                    "s3://bucket/c.bin"));
        }
        Thread.sleep(20);
        run("purge", store()).exits(Exit.USAGE);

        JsonNode cache = run("purge", store(), "--search-cache", "--json").exits(0).json();
        assertThat(cache.get("searchCacheEntriesDeleted").asLong()).isZero();

        JsonNode archive = run("purge", store(), "--archive-inactive", "0s", "--json").exits(0).json();
        assertThat(archive.get("conversationsArchived").asLong()).isEqualTo(2);
        Thread.sleep(20);
        JsonNode delete = run("purge", store(), "--delete-archived", "0d", "--json").exits(0).json();
        assertThat(delete.get("archivedConversationsDeleted").asLong()).isEqualTo(2);

        Result orphans = run("purge", store(), "--orphans-older-than", "0s", "--json").exits(Exit.FAILED);
        JsonNode report = orphans.json().get("orphanedAttachments");
        assertThat(report.get("deleted").asLong()).as("the inline one and the local file's").isEqualTo(2);
        assertThat(report.get("failed").asLong()).as("the s3: one is kept").isEqualTo(1);
        assertThat(report.get("failures").get(0).get("storageUri").asText()).isEqualTo("s3://bucket/c.bin");
        assertThat(local).doesNotExist();
        assertThat(run("purge", store(), "--orphans-older-than", "0s").exits(Exit.FAILED).out())
                .contains("kept s3://bucket/c.bin");
    }

    @Test
    void backup_ofSqliteIsWrittenWithProgress_onPostgresIsUnsupported() {
        seed();
        Path backup = dir.resolve("backup.db");
        if (sqlite()) {
            Result r = run("backup", store(), backup.toString(), "--json").exits(0);
            assertThat(r.json().get("bytes").asLong()).isPositive();
            assertThat(backup).exists();
            assertThat(r.err()).as("plain progress lines when not on a terminal").contains("backup ").contains("pages");
            assertThat(run("stats", List.of("jdbc:sqlite:" + backup), "--json").exits(0).json().get("messages").asLong())
                    .isEqualTo(6);
            assertThat(run("backup", store(), dir.resolve("compact.db").toString(), "--compact").exits(0).out())
                    .startsWith("Backup written to ");
        } else {
            Result r = run("backup", store(), backup.toString()).exits(Exit.UNSUPPORTED);
            assertThat(r.err()).startsWith("chatstore: ").hasLineCount(1);
            assertThat(backup).doesNotExist();
        }
    }

    // Export, import and copy.

    @Test
    void export_thenImport_intoAFreshSqliteFile_holdsTheSameData() throws Exception {
        seed();
        Path file = dir.resolve("store.jsonl");
        Result export = run("export", store(), file.toString(), "--json").exits(0);
        JsonNode summary = export.json();
        assertThat(summary.get("users").asLong()).isEqualTo(2);
        assertThat(summary.get("rows").get("message").asLong()).isEqualTo(6);
        assertThat(Files.readAllLines(file).get(0)).contains("\"format\":\"chatstore-export\"");
        assertThat(export.err()).as("progress").contains("export ");
        run("export", store(), file.toString()).exits(Exit.FAILED);
        run("export", store(), file.toString(), "--force").exits(0);

        List<String> target = sqliteFile("imported.db");
        JsonNode imported = run("import", target, file.toString(), "--json").exits(0).json();
        assertThat(imported.get("users").asLong()).isEqualTo(2);
        assertThat(imported.get("rows").get("message").asLong()).isEqualTo(6);
        assertThat(run("stats", target, "--json").exits(0).json().get("messages").asLong()).isEqualTo(6);
        JsonNode sourceTables = run("stats", store(), "--tables", "--json").exits(0).json();
        JsonNode targetTables = run("stats", target, "--tables", "--json").exits(0).json();
        assertThat(targetTables.get("userChecksums")).isEqualTo(sourceTables.get("userChecksums"));

        Result again = run("import", target, file.toString()).exits(Exit.BAD_INPUT);
        assertThat(again.err()).startsWith("chatstore: Line ");
        JsonNode skipped = run("import", target, file.toString(), "--skip-existing", "--json").exits(0).json();
        assertThat(skipped.get("skippedUsers").asLong()).isEqualTo(2);

        Path alice = dir.resolve("alice.jsonl");
        assertThat(run("export", store(), alice.toString(), "--user", "alice", "--json").exits(0).json()
                .get("users").asLong()).isEqualTo(1);
    }

    @Test
    void import_intoThisBackend_ofAnExportFromSqlite() {
        List<String> source = sqliteFile("source.db");
        run("migrate", source).exits(0);
        try (ChatStore store = dev.chatstore.sqlite.SqliteChatStore.open(dir.resolve("source.db"))) {
            Conversation c = store.forUser("carol").conversations().create(NewConversation.titled("x"));
            store.forUser("carol").messages().append(c.id(), NewMessage.user("hello"));
        }
        Path file = dir.resolve("carol.jsonl");
        run("export", source, file.toString()).exits(0);
        run("import", store(), file.toString()).exits(0);
        assertThat(run("stats", store(), "--json").exits(0).json().get("messages").asLong()).isEqualTo(1);
    }

    @Test
    void import_ofABadFile_namesTheLine_andOfAMissingFile_fails() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"format\":\"something else\"}\n");
        Result r = run("import", store(), bad.toString()).exits(Exit.BAD_INPUT);
        assertThat(r.err()).startsWith("chatstore: Line 1").hasLineCount(1);
        Result missing = run("import", store(), dir.resolve("missing.jsonl").toString(), "--json").exits(Exit.BAD_INPUT);
        assertThat(missing.json().get("error").asText()).contains("missing.jsonl");
    }

    @Test
    void copy_toSqliteAndBack_isVerified_andResumable() {
        seed();
        List<String> copy = sqliteFile("copy.db");
        List<String> args = new ArrayList<>(store());
        args.add(copy.get(0));
        Result r = run("copy", args, "--json").exits(0);
        JsonNode report = r.json();
        assertThat(report.get("verified").asBoolean()).isTrue();
        assertThat(report.get("imported").get("users").asLong()).isEqualTo(2);
        assertThat(report.get("exported").get("rows").get("message").asLong()).isEqualTo(6);
        assertThat(r.err()).as("progress").contains("copy ");

        Result again = run("copy", args).exits(Exit.BAD_INPUT);
        assertThat(again.err()).startsWith("chatstore: ");
        JsonNode resumed = run("copy", args, "--resume", "--json").exits(0).json();
        assertThat(resumed.get("imported").get("skippedUsers").asLong()).isEqualTo(2);
        assertThat(run("copy", args, "--resume").exits(0).out()).startsWith("Copied ").contains("verified");
    }
}

package dev.chatstore.cli;

import static dev.chatstore.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.ChatStore;
import dev.chatstore.cli.CliRunner.Result;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every subcommand against a real SQLite file; and restore, which only SQLite has. */
class CliSqliteTest extends CliStoreContract {
    Path file() {
        return dir.resolve("chat.db");
    }

    @Override
    List<String> store() {
        return List.of("jdbc:sqlite:" + file());
    }

    @Override
    ChatStore open() {
        return SqliteChatStore.open(file());
    }

    @Override
    boolean sqlite() {
        return true;
    }

    @Override
    void prepareEmptyStore() {
        try {
            Files.createFile(file());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aMissingFile_isNotCreated_butReportedAsUnavailable() {
        for (String command : List.of("info", "validate", "health", "stats", "check", "vacuum")) {
            Result r = run(command, store()).exits(Exit.UNAVAILABLE);
            assertThat(r.err()).as(command).isEqualTo("chatstore: No database file " + file()
                    + " (chatstore migrate creates one)" + System.lineSeparator());
        }
        assertThat(file()).doesNotExist();
        JsonNode error = run("info", store(), "--json").exits(Exit.UNAVAILABLE).json();
        assertThat(error.get("ok").asBoolean()).isFalse();
        assertThat(error.get("exitCode").asInt()).isEqualTo(Exit.UNAVAILABLE);
    }

    @Test
    void restore_putsABackupInPlace_refusesToReplaceUnlessTold_andRefusesBadBackups() throws Exception {
        seed();
        Path backup = dir.resolve("backup.db");
        run("backup", store(), backup.toString(), "--quiet").exits(0);
        Path restored = dir.resolve("restored.db");

        JsonNode report = run("restore", backup.toString(), restored.toString(), "--json").exits(0).json();
        assertThat(report.get("file").asText()).isEqualTo(restored.toAbsolutePath().normalize().toString());
        assertThat(run("stats", List.of("jdbc:sqlite:" + restored), "--json").exits(0).json().get("messages").asLong())
                .isEqualTo(6);

        Result exists = run("restore", backup.toString(), "jdbc:sqlite:" + restored).exits(Exit.FAILED);
        assertThat(exists.err()).contains("--replace");
        assertThat(run("restore", backup.toString(), "jdbc:sqlite:" + restored, "--replace").exits(0).out())
                .startsWith("Restored ");

        run("restore", dir.resolve("missing.db").toString(), dir.resolve("x.db").toString()).exits(Exit.BAD_INPUT);
        Path garbage = Files.writeString(dir.resolve("garbage.db"), "not a database at all, not even close".repeat(200));
        Result bad = run("restore", garbage.toString(), dir.resolve("y.db").toString()).exits(Exit.BAD_INPUT);
        assertThat(bad.err()).startsWith("chatstore: ").hasLineCount(1);
        assertThat(dir.resolve("y.db")).doesNotExist();
        run("restore", backup.toString(), "jdbc:postgresql://localhost/x").exits(Exit.USAGE);
    }

    @Test
    void exportToStdout_writesTheExportThere_andTheSummaryToStderr() {
        seed();
        Result r = run("export", store(), "-", "--quiet").exits(0);
        assertThat(r.out()).startsWith("{\"format\":\"chatstore-export\"");
        assertThat(r.out().lines().count()).as("header, users, rows, end").isGreaterThan(8);
        assertThat(r.err()).startsWith("Exported 2 users");
    }
}

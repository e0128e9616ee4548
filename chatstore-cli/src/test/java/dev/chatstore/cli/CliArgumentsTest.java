package dev.chatstore.cli;

import static dev.chatstore.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.cli.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments: a usage message and exit code 2 (or the failure's own code), never a stack trace. */
class CliArgumentsTest {
    @TempDir
    Path dir;

    private String db() {
        return "jdbc:sqlite:" + dir.resolve("chat.db");
    }

    @Test
    void noSubcommand_isAUsageError() {
        Result r = run().exits(Exit.USAGE);
        assertThat(r.err()).contains("Missing subcommand").contains("Usage: chatstore");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownSubcommand_isAUsageError() {
        Result r = run("frobnicate", db()).exits(Exit.USAGE);
        assertThat(r.err()).contains("Unmatched argument").contains("Usage: chatstore");
    }

    @Test
    void aMissingUrl_isAUsageError_showingTheSubcommandsSynopsis() {
        Result r = run("info").exits(Exit.USAGE);
        assertThat(r.err()).contains("Missing required parameter").contains("Usage: chatstore info");
    }

    @Test
    void aUrlOfAnotherDatabase_isAUsageError() {
        Result r = run("info", "jdbc:mysql://localhost/chat").exits(Exit.USAGE);
        assertThat(r.err()).contains("not a store URL").contains("jdbc:sqlite:");
        run("stats", "chat.db").exits(Exit.USAGE);
        run("copy", db(), "postgres://x").exits(Exit.USAGE);
    }

    @Test
    void aBadDuration_isAUsageError() {
        Result r = run("purge", db(), "--archive-inactive", "7x").exits(Exit.USAGE);
        assertThat(r.err()).contains("'7x' is not a duration");
        run("purge", db(), "--delete-archived", "-3d").exits(Exit.USAGE);
    }

    @Test
    void anUnknownOption_isAUsageError_withJsonToo() {
        Result r = run("stats", db(), "--json", "--frobnicate").exits(Exit.USAGE);
        assertThat(r.err()).contains("Unknown option");
        assertThat(r.json().get("exitCode").asInt()).isEqualTo(Exit.USAGE);
    }

    @Test
    void aNonexistentFile_isReportedInOneLine() {
        Result imp = run("import", db(), dir.resolve("nope.jsonl").toString()).exits(Exit.BAD_INPUT);
        assertThat(imp.err()).isEqualTo("chatstore: No readable file " + dir.resolve("nope.jsonl") + System.lineSeparator());
        run("info", db()).exits(Exit.UNAVAILABLE);
        run("restore", dir.resolve("nope.db").toString(), dir.resolve("x.db").toString()).exits(Exit.BAD_INPUT);
        run("info", "jdbc:sqlite:" + dir.resolve("no/such/dir/chat.db")).exits(Exit.UNAVAILABLE);
        run("migrate", "jdbc:sqlite:" + dir.resolve("no/such/dir/chat.db")).exits(Exit.UNAVAILABLE);
    }

    @Test
    void helpAndVersion_exitZero_andDocumentTheExitCodes() {
        Result help = run("--help").exits(0);
        assertThat(help.out()).contains("Exit codes:").contains("migrate").contains("copy").contains("CHATSTORE_DB_PASSWORD");
        assertThat(run("export", "--help").exits(0).out()).contains("--include-secrets").contains("Exit codes:");
        assertThat(run("help", "purge").exits(0).out()).contains("--orphans-older-than");
        assertThat(run("--version").exits(0).out()).startsWith("chatstore ");
    }
}

package dev.chatstore.cli;

import static dev.chatstore.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.ChatStore;
import dev.chatstore.cli.CliRunner.Result;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every subcommand against the tests' PostgreSQL server (embedded, or the one {@code CHATSTORE_PG_URL} names), each
 * test in a schema of its own.
 */
class CliPostgresTest extends CliStoreContract {
    private String schema;

    @BeforeEach
    void freshSchema() {
        schema = TestPostgres.freshSchema();
    }

    /** The server's JDBC URL and sign-in, as an operator gives them. */
    static List<String> server() {
        String external = System.getenv("CHATSTORE_PG_URL");
        if (external != null && !external.isBlank()) {
            return List.of(external);
        }
        return List.of("jdbc:postgresql://localhost:" + TestPostgres.embedded().getPort() + "/postgres",
                "--db-user", "postgres");
    }

    @Override
    List<String> store() {
        List<String> args = new ArrayList<>(server());
        args.add("--schema");
        args.add(schema);
        return args;
    }

    @Override
    ChatStore open() {
        return PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build();
    }

    @Override
    boolean sqlite() {
        return false;
    }

    @Override
    void prepareEmptyStore() {
        // A schema nothing was migrated into: the store's schema does not exist yet.
    }

    @Test
    void copy_fromSqlite_intoAFreshSchema_isVerified() {
        List<String> source = sqliteFile("source.db");
        run("migrate", source).exits(0);
        try (ChatStore store = dev.chatstore.sqlite.SqliteChatStore.open(dir.resolve("source.db"))) {
            var c = store.forUser("dave").conversations().create(dev.chatstore.NewConversation.titled("x"));
            store.forUser("dave").messages().append(c.id(), dev.chatstore.NewMessage.user("hello"));
        }
        List<String> args = new ArrayList<>(source);
        args.addAll(server());
        args.add("--target-schema");
        args.add(schema);
        JsonNode report = run("copy", args, "--json").exits(0).json();
        assertThat(report.get("verified").asBoolean()).isTrue();
        assertThat(run("stats", store(), "--json").exits(0).json().get("users").asLong()).isEqualTo(1);
    }

    @Test
    void anUnreachableServer_isReportedAsUnavailable_inOneLine() {
        Result r = run("info", List.of("jdbc:postgresql://127.0.0.1:1/postgres", "--db-user", "postgres")).exits(Exit.UNAVAILABLE);
        assertThat(r.err()).startsWith("chatstore: ").hasLineCount(1);
        assertThat(run("health", List.of("jdbc:postgresql://127.0.0.1:1/postgres"), "--json").exits(Exit.UNAVAILABLE)
                .json().get("reachable").asBoolean()).isFalse();
    }

    @Test
    void aWrongSchemaName_isAUsageError() {
        Result r = run("info", server(), "--schema", "Not-An-Identifier").exits(Exit.USAGE);
        assertThat(r.err()).contains("schema");
    }
}

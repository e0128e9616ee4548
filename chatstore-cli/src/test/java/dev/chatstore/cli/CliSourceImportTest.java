package dev.chatstore.cli;

import static dev.chatstore.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.Conversation;
import dev.chatstore.PageRequest;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import --from}: another product's database, named by its JDBC URL, into a store. */
class CliSourceImportTest {
    @TempDir
    Path dir;

    @Test
    void aPersonaChatDatabaseIsImported_andBadSourcesAreRefusedWithoutAStackTrace() throws Exception {
        Path source = dir.resolve("persona-chat.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE ai_influencers (id TEXT PRIMARY KEY, name TEXT UNIQUE NOT NULL, display_name TEXT NOT NULL,
                        avatar_url TEXT, description TEXT, category TEXT, system_instructions TEXT NOT NULL,
                        personality_traits TEXT, is_active TEXT DEFAULT 'active',
                        created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)""");
            s.execute("""
                    CREATE TABLE conversations (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, influencer_id TEXT NOT NULL,
                        created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                        UNIQUE(user_id, influencer_id))""");
            s.execute("""
                    CREATE TABLE messages (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, role TEXT NOT NULL,
                        content TEXT, message_type TEXT NOT NULL, media_urls TEXT, audio_url TEXT,
                        audio_duration_seconds INTEGER, token_count INTEGER, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)""");
            s.execute("INSERT INTO ai_influencers (id, name, display_name, system_instructions) VALUES"
                    + " ('inf-1', 'chef', 'Chef', 'Cook.')");
            s.execute("INSERT INTO conversations (id, user_id, influencer_id, created_at, updated_at) VALUES"
                    + " ('conv-1', 'user-7', 'inf-1', '2025-01-01 10:00:00', '2025-01-01 10:00:02')");
            s.execute("INSERT INTO messages (id, conversation_id, role, content, message_type, created_at) VALUES"
                    + " ('m-1', 'conv-1', 'user', 'What is for dinner?', 'TEXT', '2025-01-01 10:00:01'),"
                    + " ('m-2', 'conv-1', 'assistant', 'Soup.', 'TEXT', '2025-01-01 10:00:01'),"
                    + " ('m-3', 'conv-1', 'user', 'Again?', 'TEXT', '2025-01-01 10:00:02')");
        }
        Path store = dir.resolve("chat.db");
        List<String> target = List.of("jdbc:sqlite:" + store);

        JsonNode json = run("import", target, "jdbc:sqlite:" + source, "--from", "persona-chat", "--json")
                .exits(Exit.OK).noStackTrace().json();
        assertThat(json.get("users").asLong()).isEqualTo(1);
        try (SqliteChatStore imported = SqliteChatStore.open(store)) {
            List<Conversation> conversations = imported.forUser("user-7").conversations().list(PageRequest.first(10)).items();
            assertThat(conversations).hasSize(1);
            assertThat(imported.forUser("user-7").messages().oldestFirst(conversations.get(0).id(), PageRequest.first(10))
                    .items()).extracting(m -> m.content())
                    .as("same-second messages keep the source's order").containsExactly("What is for dinner?", "Soup.", "Again?");
            assertThat(imported.personas().get("chef")).isPresent();
        }
        run("import", target, "jdbc:sqlite:" + source, "--from", "persona-chat").exits(Exit.BAD_INPUT).noStackTrace();
        run("import", target, "jdbc:sqlite:" + source, "--from", "persona-chat", "--skip-existing").exits(Exit.OK);

        run("import", target, "jdbc:sqlite:" + source, "--from", "chatgpt").exits(Exit.USAGE).noStackTrace();
        run("import", target, source.toString(), "--from", "persona-chat").exits(Exit.USAGE).noStackTrace();
        CliRunner.Result missing = run("import", target, "jdbc:sqlite:" + dir.resolve("nothing.db"), "--from", "persona-chat")
                .exits(Exit.BAD_INPUT).noStackTrace();
        assertThat(dir.resolve("nothing.db")).as("a missing source is not created").doesNotExist();
        assertThat(missing.err()).contains("No database file");
        Path empty = dir.resolve("empty.db");
        DriverManager.getConnection("jdbc:sqlite:" + empty).close();
        run("import", target, "jdbc:sqlite:" + empty, "--from", "vector-chat").exits(Exit.BAD_INPUT).noStackTrace();
    }

}

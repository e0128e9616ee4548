package dev.chatstore.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.memory.repository.jdbc.JdbcChatMemoryRepository;
import org.springframework.ai.chat.memory.repository.jdbc.SqliteChatMemoryRepositoryDialect;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * Spring AI's chat memory as its users set it up to keep a whole history: a
 * {@link MessageWindowChatMemory} whose window ({@value #WINDOW} messages) is larger than any
 * conversation here, over {@link JdbcChatMemoryRepository} with Spring AI's own SQLite dialect
 * ({@link SqliteChatMemoryRepositoryDialect}) and SQLite schema ({@code schema-sqlite.sql} from
 * its jar), on a HikariCP pool over SQLite with chatstore's pragmas. Every {@code add} reads the
 * conversation's messages, then deletes them all and inserts them all again with the new one, in
 * one transaction. Thread-safe as far as Spring AI is.
 */
final class SpringAiBaseline implements AutoCloseable {
    static final int WINDOW = 1_000_000;
    private static final String SCHEMA = "org/springframework/ai/chat/memory/repository/jdbc/schema-sqlite.sql";

    private final HikariDataSource dataSource;
    private final ChatMemory memory;

    SpringAiBaseline(Path file) {
        this(file, WINDOW);
    }

    /** With a window of {@code window} messages. */
    SpringAiBaseline(Path file, int window) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(Sqlite.dataSource(file));
        config.setMaximumPoolSize(1);
        config.setPoolName("spring-ai-sqlite");
        this.dataSource = new HikariDataSource(config);
        JdbcChatMemoryRepository repository = JdbcChatMemoryRepository.builder()
                .dataSource(dataSource)
                .dialect(new SqliteChatMemoryRepositoryDialect())
                .build();
        this.memory = MessageWindowChatMemory.builder()
                .chatMemoryRepository(repository)
                .maxMessages(window)
                .build();
    }

    /** Creates Spring AI's SQLite schema in {@code file} (what its initialize-schema option runs). */
    static void createSchema(Path file) {
        String script;
        try (InputStream in = SpringAiBaseline.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("Spring AI's SQLite schema " + SCHEMA + " is not on the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> statements = new ArrayList<>();
        for (String statement : script.split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        Sqlite.delete(file);
        try (Connection c = Sqlite.connect(file)) {
            Sqlite.execute(c, statements.toArray(String[]::new));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create Spring AI's schema", e);
        }
    }

    /**
     * Fills {@code conversations} new conversations of {@code length} alternating user and
     * assistant messages the way {@code saveAll} writes them; returns their ids.
     */
    static List<String> fill(Path file, int conversations, int length) {
        List<String> ids = new ArrayList<>();
        long timestamp = 1_000_000;
        try (Connection c = Sqlite.connect(file)) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(new SqliteChatMemoryRepositoryDialect().getInsertMessageSql())) {
                for (int i = 0; i < conversations; i++) {
                    String id = Uuid7.next();
                    ids.add(id);
                    for (int seq = 1; seq <= length; seq++) {
                        insert.setString(1, id);
                        insert.setString(2, Texts.text(seq));
                        insert.setString(3, seq % 2 == 1 ? "USER" : "ASSISTANT");
                        insert.setLong(4, timestamp++);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot fill Spring AI's table", e);
        }
        return List.copyOf(ids);
    }

    /** Appends a user message to the conversation, the Spring AI way. */
    void add(String conversationId, String text) {
        memory.add(conversationId, new UserMessage(text));
    }

    /** One turn: the user's message, then the model's answer, each added as Spring AI's memory advisor adds it. */
    void turn(String conversationId, String question, String answer) {
        memory.add(conversationId, new UserMessage(question));
        memory.add(conversationId, new AssistantMessage(answer));
    }

    /** The conversation's length as Spring AI sees it. */
    int length(String conversationId) {
        return memory.get(conversationId).size();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

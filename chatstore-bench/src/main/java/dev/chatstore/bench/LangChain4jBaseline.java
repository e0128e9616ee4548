package dev.chatstore.bench;

import static dev.langchain4j.data.message.ChatMessageDeserializer.messagesFromJson;
import static dev.langchain4j.data.message.ChatMessageSerializer.messagesToJson;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LangChain4j's chat memory persisted the way its documentation shows: a
 * {@link MessageWindowChatMemory} (window of {@value #WINDOW} messages, larger than any
 * conversation here) over a {@link ChatMemoryStore} that keeps each memory's messages as one JSON
 * document ({@code ChatMessageSerializer.messagesToJson}) in one row per memory id, here a SQLite
 * table with chatstore's pragmas, each update committed on its own. Every {@code add} reads and
 * parses the whole JSON, then serializes and writes it all again. Thread-safe as far as
 * LangChain4j is (the store serializes on its one connection).
 */
final class LangChain4jBaseline implements ChatMemoryStore, AutoCloseable {
    static final int WINDOW = 1_000_000;

    private final Connection c;
    private final PreparedStatement select;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;
    private final Map<String, ChatMemory> memories = new ConcurrentHashMap<>();

    LangChain4jBaseline(Path file) {
        try {
            c = Sqlite.connect(file);
            Sqlite.execute(c, "CREATE TABLE IF NOT EXISTS chat_memory (memory_id TEXT NOT NULL PRIMARY KEY, messages TEXT NOT NULL)");
            select = c.prepareStatement("SELECT messages FROM chat_memory WHERE memory_id = ?");
            upsert = c.prepareStatement("""
                    INSERT INTO chat_memory (memory_id, messages) VALUES (?, ?)
                    ON CONFLICT (memory_id) DO UPDATE SET messages = excluded.messages""");
            delete = c.prepareStatement("DELETE FROM chat_memory WHERE memory_id = ?");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the LangChain4j store on " + file, e);
        }
    }

    @Override
    public synchronized List<ChatMessage> getMessages(Object memoryId) {
        try {
            select.setString(1, (String) memoryId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? messagesFromJson(rs.getString(1)) : new ArrayList<>();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void updateMessages(Object memoryId, List<ChatMessage> messages) {
        try {
            upsert.setString(1, (String) memoryId);
            upsert.setString(2, messagesToJson(messages));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void deleteMessages(Object memoryId) {
        try {
            delete.setString(1, (String) memoryId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The memory of {@code memoryId}, as a LangChain4j ChatMemoryProvider would hand it out. */
    ChatMemory memory(String memoryId) {
        return memories.computeIfAbsent(memoryId, id -> MessageWindowChatMemory.builder()
                .id(id)
                .maxMessages(WINDOW)
                .chatMemoryStore(this)
                .build());
    }

    /** Appends a user message to the memory, the LangChain4j way. */
    void add(String memoryId, String text) {
        memory(memoryId).add(UserMessage.from(text));
    }

    /** Fills {@code count} new memories of {@code length} alternating user and AI messages; returns their ids. */
    List<String> fill(int count, int length) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = Uuid7.next();
            List<ChatMessage> messages = new ArrayList<>(length);
            for (int seq = 1; seq <= length; seq++) {
                messages.add(seq % 2 == 1 ? UserMessage.from(Texts.text(seq)) : AiMessage.from(Texts.text(seq)));
            }
            updateMessages(id, messages);
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    @Override
    public synchronized void close() {
        try {
            select.close();
            upsert.close();
            delete.close();
            c.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.chatstore.imports;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The three source databases, built as their design documents give their schemas (SQLite files) and filled with
 * realistic rows: several users, same-second messages inserted in an order their ids do not sort in, unicode,
 * attachments, facts, settings.
 */
final class SourceFixtures {
    /** A message id that sorts before the user message it answers: only the insertion order puts it second. */
    static final String PERSONA_REPLY_ID = "0a000000-0000-4000-8000-000000000001";
    static final String PERSONA_QUESTION_ID = "fa000000-0000-4000-8000-000000000001";
    static final String ALICE = "2vxsx-fae-alice";
    static final String BOB = "rrkah-fqaaa-bob";
    static final String LONG_TEXT = "😀".repeat(150) + "x".repeat(100);

    private SourceFixtures() {
    }

    static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA foreign_keys = ON");
        }
        return c;
    }

    static void exec(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    static void insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }

    /** The AI-persona chat: the full schema (seed 001) plus the columns the overview (seed 000) names. */
    static Connection personaChat(Path dir) throws SQLException {
        Connection c = open(dir.resolve("yral_ai_chat.db"));
        exec(c, """
                CREATE TABLE ai_influencers (
                    id TEXT PRIMARY KEY,
                    name TEXT UNIQUE NOT NULL,
                    display_name TEXT NOT NULL,
                    avatar_url TEXT,
                    description TEXT,
                    category TEXT,
                    system_instructions TEXT NOT NULL,
                    personality_traits TEXT,
                    is_active TEXT CHECK(is_active IN ('active', 'coming soon', 'discontinued')) DEFAULT 'active',
                    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
                )""", """
                CREATE TABLE conversations (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL,
                    influencer_id TEXT NOT NULL,
                    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    FOREIGN KEY (influencer_id) REFERENCES ai_influencers(id) ON DELETE CASCADE,
                    UNIQUE(user_id, influencer_id)
                )""", """
                CREATE TABLE messages (
                    id TEXT PRIMARY KEY,
                    conversation_id TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
                    content TEXT,
                    message_type TEXT NOT NULL CHECK (message_type IN ('TEXT', 'IMAGE', 'MULTIMODAL', 'AUDIO')),
                    media_urls TEXT,
                    audio_url TEXT,
                    audio_duration_seconds INTEGER,
                    token_count INTEGER,
                    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE
                )""",
                "ALTER TABLE ai_influencers ADD COLUMN suggested_messages TEXT",
                "ALTER TABLE conversations ADD COLUMN metadata TEXT DEFAULT '{}'",
                "ALTER TABLE messages ADD COLUMN client_message_id TEXT");
        String persona = "INSERT INTO ai_influencers (id, name, display_name, avatar_url, description, category, "
                + "system_instructions, personality_traits, is_active, suggested_messages, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        insert(c, persona, "qilxb-aaaaa-aaaah-qaaaq-cai", "ahaan_sharma", "Ahaan Sharma", "https://cdn.example/ahaan.png",
                "Talks fitness and food", "Health", "You are Ahaan, an upbeat fitness coach.",
                "{\"energy\":\"high\",\"humor\":\"dry\"}", "active", "[\"What should I eat today?\",\"Plan my week\"]",
                "2024-12-01 09:00:00", "2024-12-02 09:00:00");
        insert(c, persona, "xkbqi-2qaaa-aaaah-qbpqq-cai", "meera_ai", "Meera ✨", null, null, "Astrology",
                "You are Meera, a gentle astrologer.", "calm, curious, kind", "coming soon", null,
                "2024-12-03 09:00:00", null);
        insert(c, persona, "ryjl3-tyaaa-aaaaa-aaaba-cai", "old_bot", "Old Bot", null, null, null,
                "You are retired.", "[\"terse\"]", "discontinued", "[]", "2024-01-01 00:00:00", "2024-01-01 00:00:00");
        String conversation = "INSERT INTO conversations (id, user_id, influencer_id, created_at, updated_at, metadata) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        insert(c, conversation, "11111111-1111-4111-8111-111111111111", ALICE, "qilxb-aaaaa-aaaah-qaaaq-cai",
                "2025-01-19 10:00:00", "2025-01-19 10:00:07", "{\"memories\":[\"likes running\"]}");
        insert(c, conversation, "22222222-2222-4222-8222-222222222222", ALICE, "xkbqi-2qaaa-aaaah-qbpqq-cai",
                "2025-01-18 08:00:00", "2025-01-18 08:00:00", null);
        insert(c, conversation, "33333333-3333-4333-8333-333333333333", BOB, "qilxb-aaaaa-aaaah-qaaaq-cai",
                "2025-01-20 12:00:00", "2025-01-20 12:00:00", "{}");
        String message = "INSERT INTO messages (id, conversation_id, role, content, message_type, media_urls, "
                + "audio_url, audio_duration_seconds, token_count, created_at, client_message_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String a1 = "11111111-1111-4111-8111-111111111111";
        // Same second, inserted question first; the reply's id sorts first.
        insert(c, message, PERSONA_QUESTION_ID, a1, "user", "Namaste! Kya haal hai? 🙏", "TEXT", null, null, null,
                null, "2025-01-19 10:00:00", "client-1");
        insert(c, message, PERSONA_REPLY_ID, a1, "assistant", "Sab badhiya! Aaj workout kiya? 💪", "TEXT", null, null,
                null, 42, "2025-01-19 10:00:00", null);
        insert(c, message, "b0000000-0000-4000-8000-000000000003", a1, "user", "Here is my lunch", "IMAGE",
                "[\"uploads/alice/lunch.jpg\",\"uploads/alice/lunch2.jpg\"]", null, null, null,
                "2025-01-19T10:00:05.123Z", "client-2");
        insert(c, message, "b0000000-0000-4000-8000-000000000004", a1, "user", "", "AUDIO", null,
                "uploads/alice/voice.ogg", 12, null, "2025-01-19 10:00:06.500", "client-3");
        insert(c, message, "b0000000-0000-4000-8000-000000000005", a1, "assistant", LONG_TEXT, "TEXT", null, null,
                null, 310, "2025-01-19 10:00:07", null);
        // Inserted last but written a second earlier than the lunch photo: time decides before insertion order.
        insert(c, message, "b0000000-0000-4000-8000-000000000006", a1, "user", "日本語もわかる？", "TEXT", null, null,
                null, null, "2025-01-19 10:00:04", "client-4");
        String b1 = "33333333-3333-4333-8333-333333333333";
        insert(c, message, "c0000000-0000-4000-8000-000000000001", b1, "user", "Hi coach", "TEXT", null, null, null,
                null, "2025-01-20 12:00:01", "client-1");
        insert(c, message, "c0000000-0000-4000-8000-000000000002", b1, "assistant", "Hey Bob! Ready to sweat?",
                "TEXT", null, null, null, 9, "2025-01-20 12:00:01", null);
        insert(c, message, "c0000000-0000-4000-8000-000000000003", b1, "user", "Let's go 🏃", "TEXT", null, null, null,
                5, "2025-01-20 12:00:02", "client-2");
        return c;
    }

    /** The SQLite chat with vector search (seed 003). */
    static Connection vectorChat(Path dir) throws SQLException {
        Connection c = open(dir.resolve("chat.db"));
        exec(c, """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY,
                    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
                    last_active DATETIME DEFAULT CURRENT_TIMESTAMP,
                    preferences TEXT DEFAULT '{}'
                )""", """
                CREATE TABLE chats (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    title TEXT NOT NULL,
                    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
                    updated_at DATETIME DEFAULT CURRENT_TIMESTAMP,
                    is_active BOOLEAN DEFAULT 0
                )""", """
                CREATE TABLE messages (
                    id TEXT PRIMARY KEY,
                    chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    content TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
                    timestamp DATETIME DEFAULT CURRENT_TIMESTAMP,
                    attachments TEXT DEFAULT '[]',
                    metadata TEXT DEFAULT '{}'
                )""", """
                CREATE TABLE attachments (
                    id TEXT PRIMARY KEY,
                    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    size INTEGER,
                    url TEXT,
                    data TEXT,
                    created_at DATETIME DEFAULT CURRENT_TIMESTAMP
                )""",
                "CREATE INDEX idx_chats_user_id ON chats (user_id)",
                "CREATE INDEX idx_messages_chat_id ON messages (chat_id)",
                "CREATE INDEX idx_attachments_message_id ON attachments (message_id)");
        String user = "INSERT INTO users (id, created_at, last_active, preferences) VALUES (?, ?, ?, ?)";
        insert(c, user, "user-123e4567-e89b-12d3-a456-426614174000", "2025-01-19 10:00:00", "2025-01-19 15:30:00",
                "{\"theme\":\"dark\",\"language\":\"en\"}");
        insert(c, user, "user-99", "2025-01-10 08:00:00", "2025-01-10 08:00:00", "{}");
        insert(c, user, "user-idle", "2025-01-01 00:00:00", null, null);
        String chat = "INSERT INTO chats (id, user_id, title, created_at, updated_at, is_active) VALUES (?, ?, ?, ?, ?, ?)";
        String u1 = "user-123e4567-e89b-12d3-a456-426614174000";
        insert(c, chat, "chat-python", u1, "Python Discussion", "2025-01-19 10:00:00", "2025-01-19 15:30:00", 1);
        insert(c, chat, "chat-trip", u1, "Trip to Kyōto 🗾", "2025-01-18 09:00:00", "2025-01-18 09:05:00", 0);
        insert(c, chat, "chat-empty", "user-99", "New Chat", "2025-01-10 08:00:00", "2025-01-10 08:00:00", 0);
        String msg = "INSERT INTO messages (id, chat_id, user_id, content, role, timestamp, attachments, metadata) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        insert(c, msg, "msg-z-question", "chat-python", u1, "What is Python?", "user", "2025-01-19 10:00:00",
                "[{\"id\":\"att-123\",\"type\":\"image/jpeg\"}]", "{}");
        insert(c, msg, "msg-a-answer", "chat-python", u1, "Python is a programming language.", "assistant",
                "2025-01-19 10:00:00", "[]", "{\"model\":\"gemini-2.5-flash\",\"temperature\":0.7}");
        insert(c, msg, "msg-m-followup", "chat-python", u1, "Show me a list comprehension", "user",
                "2025-01-19 15:30:00", "[{\"id\":\"att-ref-only\",\"type\":\"text/x-python\",\"name\":\"snippet.py\"},"
                        + "{\"id\":\"att-link\",\"type\":\"text/html\",\"name\":\"docs\",\"url\":\"https://docs.python.org\"}]",
                "{}");
        insert(c, msg, "msg-trip-1", "chat-trip", u1, "金閣寺はどう？", "user", "2025-01-18 09:05:00", null, null);
        String att = "INSERT INTO attachments (id, message_id, name, type, size, url, data, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        insert(c, att, "att-123", "msg-z-question", "screenshot.jpg", "image/jpeg", 5, null, "aGVsbG8=",
                "2025-01-19 10:00:00");
        insert(c, att, "att-456", "msg-a-answer", "diagram.png", "image/png", 524288,
                "https://files.example/diagram.png", null, "2025-01-19 10:00:00");
        return c;
    }

    /** The multi-provider assistant (seed 004), on SQLite as its document's default. */
    static Connection assistant(Path dir) throws SQLException {
        Connection c = open(dir.resolve("genzsmart.db"));
        exec(c, """
                CREATE TABLE conversations (
                    id VARCHAR(36) PRIMARY KEY,
                    title VARCHAR(255) NOT NULL DEFAULT 'New Conversation',
                    provider VARCHAR(50) NOT NULL,
                    model VARCHAR(100) NOT NULL,
                    system_prompt TEXT,
                    message_count INTEGER DEFAULT 0,
                    is_pinned BOOLEAN DEFAULT FALSE,
                    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
                )""", """
                CREATE TABLE messages (
                    id VARCHAR(36) PRIMARY KEY,
                    conversation_id VARCHAR(36) NOT NULL,
                    role VARCHAR(20) NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
                    content TEXT NOT NULL,
                    metadata JSON,
                    tokens INTEGER,
                    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE
                )""", """
                CREATE TABLE files (
                    id VARCHAR(36) PRIMARY KEY,
                    filename VARCHAR(255) NOT NULL,
                    original_name VARCHAR(255) NOT NULL,
                    mime_type VARCHAR(100) NOT NULL,
                    size INTEGER NOT NULL,
                    status VARCHAR(20) DEFAULT 'uploading' CHECK (status IN ('uploading', 'processing', 'ready', 'error')),
                    extracted_text TEXT,
                    word_count INTEGER,
                    storage_path VARCHAR(500) NOT NULL,
                    error_message TEXT,
                    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
                )""", """
                CREATE TABLE conversation_files (
                    conversation_id VARCHAR(36) NOT NULL,
                    file_id VARCHAR(36) NOT NULL,
                    attached_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    PRIMARY KEY (conversation_id, file_id),
                    FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE,
                    FOREIGN KEY (file_id) REFERENCES files(id) ON DELETE CASCADE
                )""", """
                CREATE TABLE message_attachments (
                    message_id VARCHAR(36) NOT NULL,
                    file_id VARCHAR(36) NOT NULL,
                    PRIMARY KEY (message_id, file_id),
                    FOREIGN KEY (message_id) REFERENCES messages(id) ON DELETE CASCADE,
                    FOREIGN KEY (file_id) REFERENCES files(id) ON DELETE CASCADE
                )""", """
                CREATE TABLE user_settings (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    key VARCHAR(100) UNIQUE NOT NULL,
                    value JSON NOT NULL,
                    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
                )""", """
                CREATE TABLE provider_configs (
                    provider_id VARCHAR(50) PRIMARY KEY,
                    api_key_encrypted TEXT,
                    base_url VARCHAR(500),
                    is_enabled BOOLEAN DEFAULT TRUE,
                    model_preferences JSON,
                    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
                )""", """
                CREATE TABLE memory_facts (
                    id VARCHAR(36) PRIMARY KEY,
                    conversation_id VARCHAR(36),
                    category VARCHAR(50) NOT NULL CHECK (category IN ('preference', 'fact', 'skill', 'goal')),
                    content TEXT NOT NULL,
                    confidence FLOAT DEFAULT 1.0 CHECK (confidence >= 0 AND confidence <= 1),
                    is_active BOOLEAN DEFAULT TRUE,
                    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE SET NULL
                )""", """
                CREATE TABLE search_cache (
                    id VARCHAR(36) PRIMARY KEY,
                    query_hash VARCHAR(64) UNIQUE NOT NULL,
                    query_text TEXT NOT NULL,
                    results JSON NOT NULL,
                    result_count INTEGER,
                    expires_at TIMESTAMP NOT NULL,
                    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
                )""");
        String conv = "INSERT INTO conversations (id, title, provider, model, system_prompt, message_count, is_pinned, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        insert(c, conv, "9b2c7a1e-1f7e-4c55-9d43-0c6f4a3b2a10", "Résumé review", "openai", "gpt-4o",
                "You review CVs.", 99, 1, "2026-01-31 09:00:00.000000", "2026-01-31 09:10:00.250000");
        insert(c, conv, "5d0e8f62-6a3b-4b6e-8f0a-2d9c1e7b4c21", "New Conversation", "anthropic", "claude-sonnet",
                null, 0, 0, "2026-02-01 18:00:00", "2026-02-01 18:00:00");
        String msg = "INSERT INTO messages (id, conversation_id, role, content, metadata, tokens, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)";
        String c1 = "9b2c7a1e-1f7e-4c55-9d43-0c6f4a3b2a10";
        insert(c, msg, "f1000000-0000-4000-8000-000000000001", c1, "system", "Be concise.", null, null,
                "2026-01-31 09:00:00");
        insert(c, msg, "e1000000-0000-4000-8000-000000000002", c1, "user", "Please review my résumé 📄", "{}", 7,
                "2026-01-31 09:00:00");
        insert(c, msg, "d1000000-0000-4000-8000-000000000003", c1, "assistant", "Strong summary; tighten the bullets.",
                "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"usage\":{\"total\":120}}", 95, "2026-01-31 09:00:00");
        insert(c, msg, "c1000000-0000-4000-8000-000000000004", c1, "tool", "{\"matches\":3}", null, null,
                "2026-01-31 09:10:00.250000");
        String file = "INSERT INTO files (id, filename, original_name, mime_type, size, status, extracted_text, "
                + "word_count, storage_path, error_message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        insert(c, file, "aa000000-0000-4000-8000-000000000001", "aa01.pdf", "résumé.pdf", "application/pdf", 48213,
                "ready", "Jane Doe — Engineer", 3, "uploads/aa01.pdf", null, "2026-01-31 08:59:00");
        insert(c, file, "aa000000-0000-4000-8000-000000000002", "aa02.docx", "cover.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 1000, "error", null, null,
                "uploads/aa02.docx", "could not parse", "2026-01-31 08:59:30");
        insert(c, file, "aa000000-0000-4000-8000-000000000003", "aa03.txt", "notes.txt", "text/plain", 12,
                "uploading", null, null, "uploads/aa03.txt", null, "2026-02-01 18:00:00");
        insert(c, "INSERT INTO message_attachments (message_id, file_id) VALUES (?, ?)",
                "e1000000-0000-4000-8000-000000000002", "aa000000-0000-4000-8000-000000000001");
        insert(c, "INSERT INTO conversation_files (conversation_id, file_id, attached_at) VALUES (?, ?, ?)",
                c1, "aa000000-0000-4000-8000-000000000002", "2026-01-31 09:01:00");
        String fact = "INSERT INTO memory_facts (id, conversation_id, category, content, confidence, is_active, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        insert(c, fact, "fa000000-0000-4000-8000-000000000001", c1, "goal", "Wants a senior role in Zürich", 0.8, 1,
                "2026-01-31 09:05:00");
        insert(c, fact, "fa000000-0000-4000-8000-000000000002", null, "preference", "Prefers short answers", 1.0, 0,
                "2026-01-30 12:00:00");
        String setting = "INSERT INTO user_settings (key, value, updated_at) VALUES (?, ?, ?)";
        insert(c, setting, "theme", "\"dark\"", "2026-01-30 12:00:00");
        insert(c, setting, "default_provider", "{\"id\":\"openai\",\"temperature\":0.2}", "2026-01-30 12:00:01");
        insert(c, setting, "web_search", "true", "2026-01-30 12:00:02");
        String provider = "INSERT INTO provider_configs (provider_id, api_key_encrypted, base_url, is_enabled, "
                + "model_preferences, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        insert(c, provider, "openai", "gAAAAABl-fernet-token", null, 1, "{\"default\":\"gpt-4o\"}",
                "2026-01-30 12:00:00", "2026-01-30 12:00:00");
        insert(c, provider, "ollama", null, "http://localhost:11434", 0, null, "2026-01-30 12:00:00",
                "2026-01-30 13:00:00");
        String cache = "INSERT INTO search_cache (id, query_hash, query_text, results, result_count, expires_at, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        insert(c, cache, "ca000000-0000-4000-8000-000000000001", "h1", "Best  CV tips", "[{\"title\":\"CV tips\"}]",
                1, "2999-01-01 00:00:00", "2026-01-31 09:02:00");
        insert(c, cache, "ca000000-0000-4000-8000-000000000002", "h2", "zürich salaries", "[]", 0,
                "2026-01-01 00:00:00", "2025-12-31 00:00:00");
        return c;
    }
}

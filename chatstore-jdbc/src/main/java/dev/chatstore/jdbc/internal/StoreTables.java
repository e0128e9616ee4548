package dev.chatstore.jdbc.internal;

import static dev.chatstore.jdbc.ColumnType.BOOLEAN;
import static dev.chatstore.jdbc.ColumnType.BYTES;
import static dev.chatstore.jdbc.ColumnType.INTEGER;
import static dev.chatstore.jdbc.ColumnType.JSON;
import static dev.chatstore.jdbc.ColumnType.REAL;
import static dev.chatstore.jdbc.ColumnType.TEXT;
import static dev.chatstore.jdbc.ColumnType.TIMESTAMP;

import dev.chatstore.jdbc.ColumnType;
import dev.chatstore.jdbc.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tables of the store export format (version 1) and their columns: the one description the export, the import
 * and their SQL are made from, so that a column cannot be written and then forgotten by the import. A test compares it
 * with both backends' catalogs. Rows of a user are written, and imported, in {@link #USER_TABLES} order, which is
 * the order their foreign keys need. Immutable.
 */
public final class StoreTables {
    static final TableSpec PERSONA = table("persona", "id", TEXT, "name", TEXT, "display_name", TEXT,
            "avatar_url", TEXT, "description", TEXT, "category", TEXT, "system_instructions", TEXT,
            "personality_traits", JSON, "suggested_openers", JSON, "greeting", TEXT, "status", TEXT,
            "created_at", TIMESTAMP, "updated_at", TIMESTAMP);

    static final TableSpec CONVERSATION = table("conversation", "id", TEXT, "user_id", TEXT, "persona_id", TEXT,
            "title", TEXT, "metadata", JSON, "message_count", INTEGER, "last_seq", INTEGER,
            "last_message_at", TIMESTAMP, "activity_seq", INTEGER, "created_at", TIMESTAMP, "updated_at", TIMESTAMP,
            "provider", TEXT, "model", TEXT, "system_prompt", TEXT, "pinned", BOOLEAN, "archived", BOOLEAN,
            "last_message_preview", TEXT, "unread_count", INTEGER, "read_seq", INTEGER, "active_tip_id", TEXT,
            "external_key", TEXT, "revision", INTEGER);

    static final TableSpec MESSAGE = table("message", "id", TEXT, "conversation_id", TEXT, "user_id", TEXT,
            "seq", INTEGER, "role", TEXT, "content", TEXT, "metadata", JSON, "client_message_id", TEXT,
            "payload_hash", TEXT, "reply_to_id", TEXT, "created_at", TIMESTAMP, "parent_id", TEXT, "type", TEXT,
            "media_refs", JSON, "audio_ref", TEXT, "audio_duration_ms", INTEGER, "model_name", TEXT,
            "prompt_tokens", INTEGER, "completion_tokens", INTEGER, "tool_call_id", TEXT, "rating", TEXT,
            "mistake", BOOLEAN, "mistake_note", TEXT, "edited_at", TIMESTAMP, "tool_calls", JSON, "tool_name", TEXT,
            "reasoning", TEXT);

    static final TableSpec USER_PROFILE = table("user_profile", "user_id", TEXT, "email", TEXT,
            "display_name", TEXT, "active", BOOLEAN, "preferences", JSON, "active_conversation_id", TEXT,
            "created_at", TIMESTAMP, "updated_at", TIMESTAMP, "last_active_at", TIMESTAMP);

    static final TableSpec ATTACHMENT = table("attachment", "id", TEXT, "user_id", TEXT, "name", TEXT,
            "mime_type", TEXT, "size_bytes", INTEGER, "sha256", TEXT, "storage_uri", TEXT, "inline_data", BYTES,
            "status", TEXT, "error_text", TEXT, "extracted_text", TEXT, "word_count", INTEGER,
            "created_at", TIMESTAMP, "updated_at", TIMESTAMP);

    static final TableSpec MESSAGE_ATTACHMENT = table("message_attachment", "message_id", TEXT,
            "attachment_id", TEXT, "user_id", TEXT);

    static final TableSpec CONVERSATION_ATTACHMENT = table("conversation_attachment", "conversation_id", TEXT,
            "attachment_id", TEXT, "user_id", TEXT, "linked_at", TIMESTAMP, "explicit", BOOLEAN);

    static final TableSpec MEMORY_FACT = table("memory_fact", "id", TEXT, "user_id", TEXT, "category", TEXT,
            "content", TEXT, "confidence", REAL, "active", BOOLEAN, "source_conversation_id", TEXT,
            "source_message_id", TEXT, "created_at", TIMESTAMP, "updated_at", TIMESTAMP);

    static final TableSpec SETTING = table("setting", "user_id", TEXT, "key", TEXT, "value", JSON,
            "updated_at", TIMESTAMP);

    static final TableSpec PROVIDER_CONFIG = table("provider_config", "user_id", TEXT, "provider_id", TEXT,
            "base_url", TEXT, "enabled", BOOLEAN, "model_preferences", JSON, "api_key_ciphertext", BYTES,
            "api_key_iv", BYTES, "api_key_key_id", TEXT, "created_at", TIMESTAMP, "updated_at", TIMESTAMP);

    static final TableSpec SEARCH_CACHE = table("search_cache", "user_id", TEXT, "query_hash", TEXT, "query", TEXT,
            "results", JSON, "expires_at", TIMESTAMP, "created_at", TIMESTAMP);

    static final TableSpec EMBEDDING_MODEL = table("embedding_model", "user_id", TEXT, "model", TEXT,
            "dimension", INTEGER, "created_at", TIMESTAMP);

    static final TableSpec EMBEDDING = table("embedding", "user_id", TEXT, "model", TEXT, "kind", TEXT,
            "target_id", TEXT, "chunk_index", INTEGER, "message_id", TEXT, "fact_id", TEXT, "attachment_id", TEXT,
            "conversation_id", TEXT, "role", TEXT, "target_created_at", TIMESTAMP, "dimension", INTEGER, "norm", REAL,
            "created_at", TIMESTAMP, "updated_at", TIMESTAMP, "vector", BYTES, "chunk_text", TEXT);

    /** Store-wide tables, written before the first user. */
    static final List<TableSpec> STORE_TABLES = List.of(PERSONA);

    /** A user's tables in the order their rows are written and imported: referenced rows first. */
    static final List<TableSpec> USER_TABLES = List.of(CONVERSATION, MESSAGE, USER_PROFILE, ATTACHMENT,
            MESSAGE_ATTACHMENT, CONVERSATION_ATTACHMENT, MEMORY_FACT, SETTING, PROVIDER_CONFIG, SEARCH_CACHE,
            EMBEDDING_MODEL, EMBEDDING);

    public static final List<TableSpec> ALL = concat(STORE_TABLES, USER_TABLES);

    static final Map<String, TableSpec> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(TableSpec::name, Function.identity()));

    /** The columns of provider_config that hold a secret, written only on request. */
    static final Set<String> SECRET_COLUMNS = Set.of("api_key_ciphertext", "api_key_iv", "api_key_key_id");

    /**
     * Columns of the backends' tables that the format leaves out because they are derived: rebuilt from the rows
     * by the import (full-text vectors, the versions approximate search keeps).
     */
    public static final Set<String> DERIVED_COLUMNS = Set.of("conversation.title_search", "message.search",
            "memory_fact.search", "attachment.text_search", "embedding_model.version",
            "embedding.written_version");

    /** The key that orders a table's rows in the export (the primary key, or the link's two ids). */
    static List<String> orderKey(TableSpec table) {
        return switch (table.name()) {
            case "message" -> List.of("conversation_id", "seq");
            case "user_profile" -> List.of("user_id");
            case "message_attachment" -> List.of("message_id", "attachment_id");
            case "conversation_attachment" -> List.of("conversation_id", "attachment_id");
            case "setting" -> List.of("key");
            case "provider_config" -> List.of("provider_id");
            case "search_cache" -> List.of("query_hash");
            case "embedding_model" -> List.of("model");
            case "embedding" -> List.of("model", "kind", "target_id", "chunk_index");
            default -> List.of("id");
        };
    }

    private StoreTables() {
    }

    private static TableSpec table(String name, Object... namesAndTypes) {
        List<TableSpec.Column> columns = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            columns.add(new TableSpec.Column((String) namesAndTypes[i], (ColumnType) namesAndTypes[i + 1]));
        }
        return new TableSpec(name, columns);
    }

    private static List<TableSpec> concat(List<TableSpec> a, List<TableSpec> b) {
        List<TableSpec> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}

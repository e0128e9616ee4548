package dev.chatstore.imports;

import dev.chatstore.FactCategory;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-provider assistant. It has one user and names none, so every row goes to the owner the caller names.
 * Conversations keep title, provider, model, system prompt and pin (the stored {@code message_count} is recounted);
 * {@code files} become attachments at their {@code storage_path}; {@code conversation_files} are explicit
 * conversation links and {@code message_attachments} message links; memory facts, settings, provider configs (without
 * their API keys) and the search cache go to their tables. Stateless.
 */
final class AssistantConverter implements Converter {
    private static final SourceProduct PRODUCT = SourceProduct.ASSISTANT;

    @Override
    public void convert(SourceDb db, ExportWriter out, String owner) {
        db.requireTables(PRODUCT, "conversations", "messages", "files", "conversation_files", "message_attachments",
                "memory_facts", "user_settings", "provider_configs", "search_cache");
        requireReferences(db);
        out.beginUser(owner);
        UserLinks links = new UserLinks();
        conversations(db, out, links, owner);
        files(db, out, owner);
        db.query("SELECT cf.conversation_id, cf.file_id, cf.attached_at FROM conversation_files cf ORDER BY "
                + db.orderKey("cf"), rs -> {
                    String key = rs.getString("conversation_id") + "/" + rs.getString("file_id");
                    links.conversation(SourceIds.of(PRODUCT, "conversations", rs.getString("conversation_id")),
                            SourceIds.of(PRODUCT, "files", rs.getString("file_id")),
                            Timestamps.required(rs.getObject("attached_at"), "conversation_files", key, "attached_at"),
                            true);
                });
        links.write(out, owner);
        facts(db, out, owner);
        settings(db, out, owner);
        providers(db, out, owner);
        new SearchCacheRows().write(db, out, owner);
        out.endUser();
    }

    private static void requireReferences(SourceDb db) {
        db.requireNone("SELECT m.id FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id "
                + "WHERE c.id IS NULL", "messages: a message's conversation_id names no conversation");
        db.requireNone("SELECT x.file_id FROM conversation_files x LEFT JOIN files f ON f.id = x.file_id "
                + "LEFT JOIN conversations c ON c.id = x.conversation_id WHERE f.id IS NULL OR c.id IS NULL",
                "conversation_files: a link names no file or no conversation");
        db.requireNone("SELECT x.file_id FROM message_attachments x LEFT JOIN files f ON f.id = x.file_id "
                + "LEFT JOIN messages m ON m.id = x.message_id WHERE f.id IS NULL OR m.id IS NULL",
                "message_attachments: a link names no file or no message");
        db.requireNone("SELECT x.id FROM memory_facts x LEFT JOIN conversations c ON c.id = x.conversation_id "
                + "WHERE x.conversation_id IS NOT NULL AND c.id IS NULL",
                "memory_facts: a fact's conversation_id names no conversation");
    }

    private static void conversations(SourceDb db, ExportWriter out, UserLinks links, String owner) {
        UserConversations conversations = new UserConversations();
        String t = "conversations";
        db.query("SELECT c.id, c.title, c.provider, c.model, c.system_prompt, c.is_pinned, c.created_at, c.updated_at "
                + "FROM conversations c ORDER BY " + db.orderKey("c"), rs -> {
                    String sourceId = rs.getString("id");
                    String id = SourceIds.of(PRODUCT, t, sourceId);
                    Instant created = Timestamps.required(rs.getObject("created_at"), t, sourceId, "created_at");
                    Instant updated = Timestamps.parse(rs.getObject("updated_at"), t, sourceId, "updated_at");
                    Map<String, Object> extra = SourceIds.kept(sourceId) ? Map.of() : Map.of("id", sourceId);
                    var head = new UserConversations.Head(id, null, rs.getString("title"),
                            SourceJson.write(SourceValues.withSource(Map.of(), extra)), rs.getString("provider"),
                            rs.getString("model"), rs.getString("system_prompt"),
                            SourceValues.bool(rs.getObject("is_pinned"), false, t, sourceId, "is_pinned"),
                            created, updated == null ? created : updated);
                    conversations.add(head, ConversationThread.write(out, links, owner, id, messages(db, sourceId),
                            "messages"));
                });
        conversations.write(out, owner);
    }

    private static List<SourceMessage> messages(SourceDb db, String conversationId) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        db.query("SELECT x.message_id, x.file_id FROM message_attachments x JOIN messages m ON m.id = x.message_id "
                + "WHERE m.conversation_id = ? ORDER BY " + db.orderKey("x"), rs -> files.computeIfAbsent(
                        rs.getString("message_id"), k -> new ArrayList<>())
                .add(SourceIds.of(PRODUCT, "files", rs.getString("file_id"))), conversationId);
        List<SourceMessage> messages = new ArrayList<>();
        String t = "messages";
        db.query("SELECT m.id, m.role, m.content, m.metadata, m.tokens, m.created_at, " + db.orderKey("m")
                + " AS order_key FROM messages m WHERE m.conversation_id = ?", rs -> {
                    String sourceId = rs.getString("id");
                    Role role = SourceValues.role(rs.getString("role"), t, sourceId);
                    String content = SourceValues.required(rs.getString("content"), t, sourceId, "content");
                    Map<String, Object> metadata = SourceJson.object(rs.getString("metadata"), t, sourceId, "metadata");
                    Long tokens = SourceValues.longOrNull(rs.getObject("tokens"), t, sourceId, "tokens");
                    // The product keeps the answering model in the metadata; chatstore has a column for it.
                    String model = role == Role.ASSISTANT && metadata.get("model") instanceof String s ? s : null;
                    NewMessage message = SourceValues.checked(t, sourceId, () -> new NewMessage(role, content, null,
                            null, metadata, files.getOrDefault(sourceId, List.of()), null, null,
                            SourceValues.usage(role, tokens, model), null, null, null, null));
                    messages.add(new SourceMessage(SourceIds.of(PRODUCT, t, sourceId),
                            Timestamps.required(rs.getObject("created_at"), t, sourceId, "created_at"),
                            rs.getLong("order_key"), sourceId, message));
                }, conversationId);
        return messages;
    }

    private static void files(SourceDb db, ExportWriter out, String owner) {
        Attachments attachments = new Attachments();
        String t = "files";
        db.query("SELECT f.id, f.original_name, f.mime_type, f.size, f.status, f.extracted_text, f.word_count, "
                + "f.storage_path, f.error_message, f.created_at FROM files f ORDER BY " + db.orderKey("f"), rs -> {
                    String sourceId = rs.getString("id");
                    Instant created = Timestamps.required(rs.getObject("created_at"), t, sourceId, "created_at");
                    String status = rs.getString("status") == null ? "uploading" : rs.getString("status");
                    attachments.write(out, owner, SourceIds.of(PRODUCT, t, sourceId),
                            SourceValues.required(rs.getString("original_name"), t, sourceId, "original_name"),
                            SourceValues.required(rs.getString("mime_type"), t, sourceId, "mime_type"),
                            SourceValues.longOrNull(rs.getObject("size"), t, sourceId, "size"),
                            SourceValues.required(rs.getString("storage_path"), t, sourceId, "storage_path"), null,
                            status, rs.getString("error_message"), rs.getString("extracted_text"),
                            SourceValues.longOrNull(rs.getObject("word_count"), t, sourceId, "word_count"),
                            created, created);
                });
    }

    private static void facts(SourceDb db, ExportWriter out, String owner) {
        String t = "memory_facts";
        db.query("SELECT f.id, f.conversation_id, f.category, f.content, f.confidence, f.is_active, f.created_at "
                + "FROM memory_facts f ORDER BY " + db.orderKey("f"), rs -> {
                    String sourceId = rs.getString("id");
                    String category = SourceValues.required(rs.getString("category"), t, sourceId, "category");
                    SourceValues.checked(t, sourceId, () -> FactCategory.parse(category));
                    double confidence = rs.getObject("confidence") == null ? 1.0 : rs.getDouble("confidence");
                    if (!(confidence >= 0 && confidence <= 1)) {
                        throw SourceProblem.at(t, sourceId, "confidence", "not between 0 and 1: " + confidence);
                    }
                    String conversation = rs.getString("conversation_id");
                    Instant created = Timestamps.required(rs.getObject("created_at"), t, sourceId, "created_at");
                    out.row("memory_fact", new Row()
                            .text("id", SourceIds.of(PRODUCT, t, sourceId))
                            .text("user_id", owner)
                            .text("category", category)
                            .text("content", SourceValues.required(rs.getString("content"), t, sourceId, "content"))
                            .real("confidence", confidence)
                            .bool("active", SourceValues.bool(rs.getObject("is_active"), true, t, sourceId,
                                    "is_active"))
                            .text("source_conversation_id",
                                    conversation == null ? null : SourceIds.of(PRODUCT, "conversations", conversation))
                            .instant("created_at", created)
                            .instant("updated_at", created));
                });
    }

    private static void settings(SourceDb db, ExportWriter out, String owner) {
        String t = "user_settings";
        db.query("SELECT s.key, s.value, s.updated_at FROM user_settings s ORDER BY s.key", rs -> {
            String key = rs.getString("key");
            Object value = SourceJson.read(SourceValues.required(rs.getString("value"), t, key, "value"), t, key,
                    "value");
            out.row("setting", new Row()
                    .text("user_id", owner)
                    .text("key", key)
                    .json("value", SourceJson.write(value))
                    .instant("updated_at", Timestamps.required(rs.getObject("updated_at"), t, key, "updated_at")));
        });
    }

    /** The API key is encrypted with the product's own key, which chatstore cannot read: it is left out. */
    private static void providers(SourceDb db, ExportWriter out, String owner) {
        String t = "provider_configs";
        db.query("SELECT p.provider_id, p.base_url, p.is_enabled, p.model_preferences, p.created_at, p.updated_at "
                + "FROM provider_configs p ORDER BY p.provider_id", rs -> {
                    String id = rs.getString("provider_id");
                    Instant created = Timestamps.required(rs.getObject("created_at"), t, id, "created_at");
                    Instant updated = Timestamps.parse(rs.getObject("updated_at"), t, id, "updated_at");
                    out.row("provider_config", new Row()
                            .text("user_id", owner)
                            .text("provider_id", id)
                            .text("base_url", rs.getString("base_url"))
                            .bool("enabled", SourceValues.bool(rs.getObject("is_enabled"), true, t, id, "is_enabled"))
                            .json("model_preferences", SourceJson.write(SourceJson.object(
                                    rs.getString("model_preferences"), t, id, "model_preferences")))
                            .instant("created_at", created)
                            .instant("updated_at", updated == null ? created : updated));
                });
    }
}

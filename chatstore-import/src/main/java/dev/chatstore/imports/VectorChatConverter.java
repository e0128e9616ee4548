package dev.chatstore.imports;

import dev.chatstore.MessageType;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The SQLite chat with vector search: {@code users} become users with profiles (preferences, last active, the chat
 * marked {@code is_active} as the active conversation), {@code chats} conversations, {@code messages} messages
 * (their {@code metadata} as the message's metadata), and attachments both from the {@code attachments} table and
 * from the messages' JSON {@code attachments} arrays. The LanceDB embeddings are not in the database and are not
 * imported. Stateless.
 */
final class VectorChatConverter implements Converter {
    private static final SourceProduct PRODUCT = SourceProduct.VECTOR_CHAT;
    private static final String OCTET_STREAM = "application/octet-stream";

    /** A row of the attachments table. */
    private record Stored(String sourceId, String name, String type, Long size, String url, String data,
                          Instant createdAt) {
    }

    @Override
    public void convert(SourceDb db, ExportWriter out, String ownerUserId) {
        db.requireTables(PRODUCT, "users", "chats", "messages", "attachments");
        db.requireNone("SELECT c.id FROM chats c LEFT JOIN users u ON u.id = c.user_id WHERE u.id IS NULL",
                "chats: a chat's user_id names no user");
        db.requireNone("SELECT m.id FROM messages m LEFT JOIN chats c ON c.id = m.chat_id WHERE c.id IS NULL",
                "messages: a message's chat_id names no chat");
        db.requireNone("SELECT m.id FROM messages m JOIN chats c ON c.id = m.chat_id WHERE m.user_id <> c.user_id",
                "messages: a message's user_id is not its chat's user");
        db.requireNone("SELECT a.id FROM attachments a LEFT JOIN messages m ON m.id = a.message_id WHERE m.id IS NULL",
                "attachments: an attachment's message_id names no message");
        TreeSet<String> users = new TreeSet<>();
        db.query("SELECT id FROM users", rs -> users.add(rs.getString(1)));
        for (String user : users) {
            convertUser(db, out, user);
        }
    }

    private void convertUser(SourceDb db, ExportWriter out, String user) {
        out.beginUser(user);
        UserConversations conversations = new UserConversations();
        UserLinks links = new UserLinks();
        Attachments attachments = new Attachments();
        String[] active = new String[1];
        Instant[] activeAt = new Instant[1];
        db.query("SELECT c.id, c.title, c.created_at, c.updated_at, c.is_active FROM chats c WHERE c.user_id = ? "
                + "ORDER BY " + db.orderKey("c"), rs -> {
                    String sourceId = rs.getString("id");
                    String id = SourceIds.of(PRODUCT, "chats", sourceId);
                    Instant created = Timestamps.required(rs.getObject("created_at"), "chats", sourceId, "created_at");
                    Instant updated = Timestamps.parse(rs.getObject("updated_at"), "chats", sourceId, "updated_at");
                    updated = updated == null ? created : updated;
                    if (SourceValues.bool(rs.getObject("is_active"), false, "chats", sourceId, "is_active")
                            && (activeAt[0] == null || !updated.isBefore(activeAt[0]))) {
                        active[0] = id;
                        activeAt[0] = updated;
                    }
                    Map<String, Object> extra = SourceIds.kept(sourceId) ? Map.of() : Map.of("id", sourceId);
                    var head = new UserConversations.Head(id, null, rs.getString("title"),
                            SourceJson.write(SourceValues.withSource(Map.of(), extra)), null, null, null, false,
                            created, updated);
                    List<SourceMessage> messages = messages(db, out, attachments, user, sourceId);
                    conversations.add(head, ConversationThread.write(out, links, user, id, messages, "messages"));
                }, user);
        db.query("SELECT u.created_at, u.last_active, u.preferences FROM users u WHERE u.id = ?", rs -> {
            Instant created = Timestamps.required(rs.getObject("created_at"), "users", user, "created_at");
            Instant lastActive = Timestamps.parse(rs.getObject("last_active"), "users", user, "last_active");
            out.row("user_profile", new Row()
                    .text("user_id", user)
                    .bool("active", true)
                    .json("preferences", SourceJson.write(SourceJson.object(rs.getString("preferences"), "users", user,
                            "preferences")))
                    .text("active_conversation_id", active[0])
                    .instant("created_at", created)
                    .instant("updated_at", lastActive != null && lastActive.isAfter(created) ? lastActive : created)
                    .instant("last_active_at", lastActive));
        }, user);
        conversations.write(out, user);
        links.write(out, user);
        out.endUser();
    }

    private static List<SourceMessage> messages(SourceDb db, ExportWriter out, Attachments attachments, String user,
                                                String chatId) {
        Map<String, List<Stored>> stored = new LinkedHashMap<>();
        db.query("SELECT a.id, a.message_id, a.name, a.type, a.size, a.url, a.data, a.created_at FROM attachments a "
                + "JOIN messages m ON m.id = a.message_id WHERE m.chat_id = ? ORDER BY " + db.orderKey("a"), rs -> {
                    String sourceId = rs.getString("id");
                    stored.computeIfAbsent(rs.getString("message_id"), k -> new ArrayList<>()).add(new Stored(sourceId,
                            rs.getString("name"), rs.getString("type"),
                            SourceValues.longOrNull(rs.getObject("size"), "attachments", sourceId, "size"),
                            rs.getString("url"), rs.getString("data"),
                            Timestamps.parse(rs.getObject("created_at"), "attachments", sourceId, "created_at")));
                }, chatId);
        List<SourceMessage> messages = new ArrayList<>();
        String t = "messages";
        db.query("SELECT m.id, m.content, m.role, m.timestamp, m.attachments, m.metadata, " + db.orderKey("m")
                + " AS order_key FROM messages m WHERE m.chat_id = ?", rs -> {
                    String sourceId = rs.getString("id");
                    Instant at = Timestamps.required(rs.getObject("timestamp"), t, sourceId, "timestamp");
                    LinkedHashSet<String> attachmentIds = new LinkedHashSet<>();
                    for (Stored a : stored.getOrDefault(sourceId, List.of())) {
                        attachmentIds.add(writeStored(out, attachments, user, a, at));
                    }
                    List<Object> entries = SourceJson.array(rs.getString("attachments"), t, sourceId, "attachments");
                    for (int i = 0; i < entries.size(); i++) {
                        attachmentIds.add(writeEntry(out, attachments, user, entries.get(i), sourceId, i, at));
                    }
                    Role role = SourceValues.role(rs.getString("role"), t, sourceId);
                    String content = SourceValues.required(rs.getString("content"), t, sourceId, "content");
                    Map<String, Object> metadata = SourceJson.object(rs.getString("metadata"), t, sourceId, "metadata");
                    NewMessage message = SourceValues.checked(t, sourceId, () -> new NewMessage(role, content, null,
                            null, metadata, List.copyOf(attachmentIds), MessageType.TEXT, null, null, null, null, null,
                            null));
                    messages.add(new SourceMessage(SourceIds.of(PRODUCT, t, sourceId), at, rs.getLong("order_key"),
                            sourceId, message));
                }, chatId);
        return messages;
    }

    private static String writeStored(ExportWriter out, Attachments attachments, String user, Stored a,
                                      Instant messageAt) {
        String id = SourceIds.of(PRODUCT, "attachments", a.sourceId());
        byte[] inline = a.data() == null ? null : base64(a.data(), a.sourceId());
        Instant created = a.createdAt() == null ? messageAt : a.createdAt();
        write(out, attachments, user, id, a.sourceId(), a.name() == null ? a.sourceId() : a.name(),
                a.type() == null ? OCTET_STREAM : a.type(), a.size(), a.url(), inline, created);
        return id;
    }

    /** An entry of a message's JSON array: an object naming at least an id, or the id alone. */
    private static String writeEntry(ExportWriter out, Attachments attachments, String user, Object entry,
                                     String messageId, int index, Instant messageAt) {
        Map<?, ?> fields = entry instanceof Map<?, ?> m ? m : Map.of("id", entry == null ? "" : entry);
        Object rawId = fields.get("id");
        String sourceId = rawId == null || rawId.toString().isEmpty() ? messageId + "#" + index : rawId.toString();
        String id = SourceIds.of(PRODUCT, "attachments", sourceId);
        if (attachments.written(id)) {
            return id;
        }
        Object size = fields.get("size");
        Object data = fields.get("data");
        write(out, attachments, user, id, sourceId, first(fields, sourceId, "name", "filename"),
                first(fields, OCTET_STREAM, "type", "mimeType", "mime_type"),
                size instanceof Number n ? n.longValue() : null, first(fields, null, "url"),
                data instanceof String s ? base64(s, sourceId) : null, messageAt);
        return id;
    }

    /**
     * Inline bytes when the source kept them, else the URL; an attachment with neither is kept as a row in status
     * 'error' whose storage URI names the source attachment, so its message still shows it.
     */
    private static void write(ExportWriter out, Attachments attachments, String user, String id, String sourceId,
                              String name, String type, Long size, String url, byte[] inline, Instant at) {
        boolean missing = inline == null && url == null;
        attachments.write(out, user, id, name, type, size,
                missing ? "urn:chatstore-import:" + PRODUCT.cliName() + ":attachment:" + sourceId : url, inline,
                missing ? "error" : "ready",
                missing ? "The source kept neither the bytes nor a URL of this attachment" : null, null, null, at, at);
    }

    private static String first(Map<?, ?> fields, String otherwise, String... keys) {
        for (String key : keys) {
            if (fields.get(key) instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return otherwise;
    }

    /** Standard Base64, line breaks allowed, after a {@code data:…;base64,} prefix if there is one. */
    private static byte[] base64(String data, String sourceId) {
        String text = data.startsWith("data:") && data.contains(",") ? data.substring(data.indexOf(',') + 1) : data;
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw SourceProblem.at("attachments", sourceId, "data", "not Base64");
        }
    }
}

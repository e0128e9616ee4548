package dev.chatstore.imports;

import dev.chatstore.NewMessage;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The AI-persona chat: {@code ai_influencers} become personas, each {@code conversations.user_id} (the user's
 * principal) a chatstore user, and a conversation is with the persona of its {@code influencer_id}.
 * {@code suggested_messages}, conversation {@code metadata} and {@code client_message_id} are read when the
 * database has them (the product added them in later versions). Stateless.
 */
final class PersonaChatConverter implements Converter {
    private static final SourceProduct PRODUCT = SourceProduct.PERSONA_CHAT;

    @Override
    public void convert(SourceDb db, ExportWriter out, String ownerUserId) {
        db.requireTables(PRODUCT, "ai_influencers", "conversations", "messages");
        db.requireNone("SELECT c.id FROM conversations c LEFT JOIN ai_influencers i ON i.id = c.influencer_id "
                + "WHERE i.id IS NULL", "conversations: a conversation's influencer_id names no ai_influencers row");
        db.requireNone("SELECT m.id FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id "
                + "WHERE c.id IS NULL", "messages: a message's conversation_id names no conversation");
        Map<String, String> personaNames = personas(db, out);
        TreeSet<String> users = new TreeSet<>();
        db.query("SELECT DISTINCT user_id FROM conversations", rs -> users.add(
                SourceValues.required(rs.getString(1), "conversations", "?", "user_id")));
        for (String user : users) {
            out.beginUser(user);
            UserConversations conversations = new UserConversations();
            UserLinks links = new UserLinks();
            db.query("SELECT c.id, c.influencer_id, c.created_at, c.updated_at, "
                    + db.optional("c", "conversations", "metadata") + " FROM conversations c WHERE c.user_id = ?",
                    rs -> {
                        String sourceId = rs.getString("id");
                        String id = SourceIds.of(PRODUCT, "conversations", sourceId);
                        Instant created = Timestamps.required(rs.getObject("created_at"), "conversations", sourceId,
                                "created_at");
                        Instant updated = Timestamps.parse(rs.getObject("updated_at"), "conversations", sourceId,
                                "updated_at");
                        Map<String, Object> metadata = SourceJson.object(rs.getString("metadata"), "conversations",
                                sourceId, "metadata");
                        Map<String, Object> extra = SourceIds.kept(sourceId) ? Map.of() : Map.of("id", sourceId);
                        var head = new UserConversations.Head(id, personaNames.get(rs.getString("influencer_id")),
                                null, SourceJson.write(SourceValues.withSource(metadata, extra)), null, null, null,
                                false, created, updated == null ? created : updated);
                        List<SourceMessage> messages = messages(db, sourceId);
                        conversations.add(head, ConversationThread.write(out, links, user, id, messages, "messages"));
                    }, user);
            conversations.write(out, user);
            links.write(out, user);
            out.endUser();
        }
    }

    /** Writes the personas; returns their names by source id. */
    private static Map<String, String> personas(SourceDb db, ExportWriter out) {
        Map<String, String> names = new HashMap<>();
        db.query("SELECT i.id, i.name, i.display_name, i.avatar_url, i.description, i.category, "
                + "i.system_instructions, i.personality_traits, i.is_active, i.created_at, i.updated_at, "
                + db.optional("i", "ai_influencers", "suggested_messages")
                + " FROM ai_influencers i ORDER BY i.name", rs -> {
                    String sourceId = rs.getString("id");
                    String t = "ai_influencers";
                    PersonaStatus status = status(rs.getString("is_active"), sourceId);
                    List<String> traits = traits(rs.getString("personality_traits"), sourceId);
                    List<String> openers = SourceValues.texts(SourceJson.array(rs.getString("suggested_messages"),
                            t, sourceId, "suggested_messages"));
                    PersonaSpec spec = SourceValues.checked(t, sourceId, () -> new PersonaSpec(rs(rs, "name"),
                            rs(rs, "display_name"), rs(rs, "avatar_url"), rs(rs, "description"), rs(rs, "category"),
                            rs(rs, "system_instructions"), traits, openers, null, status));
                    Instant created = Timestamps.required(rs.getObject("created_at"), t, sourceId, "created_at");
                    Instant updated = Timestamps.parse(rs.getObject("updated_at"), t, sourceId, "updated_at");
                    out.persona(new Row()
                            .text("id", SourceIds.of(PRODUCT, t, sourceId))
                            .text("name", spec.name())
                            .text("display_name", spec.displayName())
                            .text("avatar_url", spec.avatarUrl())
                            .text("description", spec.description())
                            .text("category", spec.category())
                            .text("system_instructions", spec.systemInstructions())
                            .json("personality_traits", SourceJson.write(spec.personalityTraits()))
                            .json("suggested_openers", SourceJson.write(spec.suggestedOpeners()))
                            .text("status", spec.status().wireName())
                            .instant("created_at", created)
                            .instant("updated_at", updated == null ? created : updated));
                    names.put(sourceId, spec.name());
                });
        return names;
    }

    private static List<SourceMessage> messages(SourceDb db, String conversationId) {
        List<SourceMessage> messages = new ArrayList<>();
        String t = "messages";
        db.query("SELECT m.id, m.role, m.content, m.message_type, m.media_urls, m.audio_url, "
                + "m.audio_duration_seconds, m.token_count, m.created_at, " + db.orderKey("m") + " AS order_key, "
                + db.optional("m", t, "client_message_id")
                + " FROM messages m WHERE m.conversation_id = ?", rs -> {
                    String sourceId = rs.getString("id");
                    Role role = SourceValues.role(rs.getString("role"), t, sourceId);
                    String content = rs.getString("content");
                    List<String> refs = SourceValues.texts(SourceJson.array(rs.getString("media_urls"), t, sourceId,
                            "media_urls"));
                    Long seconds = SourceValues.longOrNull(rs.getObject("audio_duration_seconds"), t, sourceId,
                            "audio_duration_seconds");
                    Long tokens = SourceValues.longOrNull(rs.getObject("token_count"), t, sourceId, "token_count");
                    NewMessage message = SourceValues.checked(t, sourceId, () -> new NewMessage(role,
                            content == null ? "" : content, rs(rs, "client_message_id"), null, Map.of(), List.of(),
                            SourceValues.messageType(rs(rs, "message_type"), t, sourceId),
                            SourceValues.media(refs, rs(rs, "audio_url"), seconds == null ? null : seconds * 1000),
                            SourceValues.usage(role, tokens, null), null, null, null, null));
                    messages.add(new SourceMessage(SourceIds.of(PRODUCT, t, sourceId),
                            Timestamps.required(rs.getObject("created_at"), t, sourceId, "created_at"),
                            rs.getLong("order_key"), sourceId, message));
                }, conversationId);
        return messages;
    }

    /** 'active', 'coming soon' (the schema's spelling) or 'coming_soon', 'discontinued'; NULL is active. */
    private static PersonaStatus status(String value, String sourceId) {
        if (value == null) {
            return PersonaStatus.ACTIVE;
        }
        String wire = value.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
        return SourceValues.checked("ai_influencers", sourceId, () -> PersonaStatus.parse(wire));
    }

    /**
     * Personality traits as a list: a JSON array as it is, a JSON object as "key: value" entries, other text as its
     * comma-separated parts.
     */
    private static List<String> traits(String text, String sourceId) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            Object json = SourceJson.read(trimmed, "ai_influencers", sourceId, "personality_traits");
            if (json instanceof List<?> list) {
                return SourceValues.texts(new ArrayList<>(list));
            }
            Map<String, Object> object = new LinkedHashMap<>();
            ((Map<?, ?>) json).forEach((k, v) -> object.put(k.toString(), v));
            List<String> entries = new ArrayList<>();
            object.forEach((k, v) -> entries.add(k + ": " + (v instanceof String s ? s : SourceJson.write(v))));
            return entries;
        }
        return Arrays.stream(trimmed.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String rs(java.sql.ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the statement selects " + column, e);
        }
    }
}

package dev.chatstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.ExportSummary;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.ToolCall;
import dev.chatstore.UserProfile;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.MessageHook;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Everything of one user at once: export as JSON Lines, streamed row by row from one read
 * transaction, and erasure in one write transaction. Thread-safe.
 */
final class UserData {
    enum Sql implements SqlStatement {
        EXPORT_CONVERSATIONS, EXPORT_MESSAGES, EXPORT_ATTACHMENTS, EXPORT_FACTS, EXPORT_SETTINGS, EXPORT_PROVIDERS, ERASE_SEARCH_CACHE, ERASE_EMBEDDINGS, ERASE_EMBEDDING_MODELS, ERASE_PROVIDERS, ERASE_SETTINGS, ERASE_EMAIL_CLAIMS, ERASE_PROFILE, ERASE_FACTS, ERASE_CONVERSATIONS, ERASE_ATTACHMENTS;

        @Override
        public String catalog() {
            return "userdata";
        }
    }

    /** Rows fetched per round trip while exporting: bounded memory however big the user is. */
    private static final int FETCH_SIZE = 500;

    private final StoreContext ctx;
    private final String userId;

    UserData(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
    }


    ExportSummary exportTo(OutputStream out) {
        Check.notNull("out", out);
        return ctx.readFor(userId, "export a user's data", h -> {
            try (JsonGenerator json = Json.lines(out)) {
                long profiles = new JdbcProfile(ctx, userId).find(h).map(p -> write(json, profile(p))).orElse(0L);
                long conversations = stream(h, Sql.EXPORT_CONVERSATIONS, json,
                        (rs, c) -> conversation(Rows.conversation(ctx.dialect).map(rs, c).conversation()));
                long messages = stream(h, Sql.EXPORT_MESSAGES, json, (rs, c) -> message(Rows.message(ctx.dialect, rs)));
                long attachments = stream(h, Sql.EXPORT_ATTACHMENTS, json, (rs, c) -> {
                    byte[] data = rs.getBytes("inline_data");
                    return attachment(Rows.attachment(ctx.dialect).map(rs, c), data);
                });
                long facts = stream(h, Sql.EXPORT_FACTS, json, (rs, c) -> fact(Rows.fact(ctx.dialect).map(rs, c)));
                long settings = stream(h, Sql.EXPORT_SETTINGS, json, (rs, c) -> record("setting",
                        "key", rs.getString("key"), "value", Json.readValue(rs.getString("value"))));
                long providers = stream(h, Sql.EXPORT_PROVIDERS, json, (rs, c) -> record("provider",
                        "providerId", rs.getString("provider_id"), "baseUrl", rs.getString("base_url"),
                        "enabled", rs.getBoolean("enabled"),
                        "modelPreferences", Json.read(rs.getString("model_preferences"))));
                json.flush();
                return new ExportSummary(profiles, conversations, messages, attachments, facts, settings, providers);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to write the export", e);
            }
        });
    }

    private long stream(Handle h, Sql statement, JsonGenerator json,
                        org.jdbi.v3.core.mapper.RowMapper<Map<String, Object>> toRecord) {
        long[] count = {0};
        h.createQuery(ctx.sql(statement))
                .bind("userId", userId)
                .setFetchSize(FETCH_SIZE)
                .map(toRecord)
                .forEach(record -> count[0] += write(json, record));
        return count[0];
    }

    private static long write(JsonGenerator json, Map<String, Object> record) {
        try {
            json.writeObject(record);
            json.writeRaw('\n');
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the export", e);
        }
    }

    private static Map<String, Object> toolCall(ToolCall call) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", call.id());
        fields.put("name", call.name());
        fields.put("arguments", call.arguments());
        return fields;
    }

    private static Map<String, Object> record(String type, Object... keysAndValues) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", type);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            record.put((String) keysAndValues[i], value instanceof Instant instant ? instant.toString() : value);
        }
        return record;
    }

    private static Map<String, Object> profile(UserProfile p) {
        return record("profile", "userId", p.userId(), "email", p.email(), "displayName", p.displayName(),
                "active", p.active(), "preferences", p.preferences(), "activeConversationId", p.activeConversationId(),
                "createdAt", p.createdAt(), "updatedAt", p.updatedAt(), "lastActiveAt", p.lastActiveAt());
    }

    private static Map<String, Object> conversation(Conversation c) {
        return record("conversation", "id", c.id(), "personaName", c.personaName(), "externalKey", c.externalKey(), "title", c.title(),
                "metadata", c.metadata(), "provider", c.provider(), "model", c.model(),
                "systemPrompt", c.systemPrompt(), "pinned", c.pinned(), "archived", c.archived(),
                "messageCount", c.messageCount(), "lastMessageAt", c.lastMessageAt(),
                "activeTipId", c.activeTipId(), "createdAt", c.createdAt(), "updatedAt", c.updatedAt());
    }

    private static Map<String, Object> message(Message m) {
        return record("message", "id", m.id(), "conversationId", m.conversationId(), "seq", m.seq(),
                "parentId", m.parentId(), "role", m.role().wireName(), "messageType", m.type().wireName(),
                "content", m.content(), "mediaRefs", m.media().refs(), "audioRef", m.media().audioRef(),
                "audioDurationMs", m.media().audioDurationMs(), "model", m.usage().model(),
                "promptTokens", m.usage().promptTokens(), "completionTokens", m.usage().completionTokens(),
                "toolCallId", m.toolCallId(),
                "toolCalls", m.toolCalls().stream().map(UserData::toolCall).toList(),
                "toolName", m.toolName(), "reasoning", m.reasoning(), "attachmentIds", m.attachmentIds(),
                "metadata", m.metadata(), "clientMessageId", m.clientMessageId(),
                "replyToId", m.replyToId(),
                "rating", m.feedback().rating() == null ? null : m.feedback().rating().wireName(),
                "mistake", m.feedback().mistake(), "mistakeNote", m.feedback().mistakeNote(),
                "createdAt", m.createdAt(), "editedAt", m.editedAt());
    }

    private static Map<String, Object> attachment(Attachment a, byte[] inlineData) {
        return record("attachment", "id", a.id(), "name", a.name(), "mimeType", a.mimeType(),
                "sizeBytes", a.sizeBytes(), "sha256", a.sha256(), "storageUri", a.storageUri(),
                "inlineDataBase64", inlineData == null ? null : Base64.getEncoder().encodeToString(inlineData),
                "status", a.status().wireName(), "errorText", a.errorText(), "extractedText", a.extractedText(),
                "wordCount", a.wordCount(), "createdAt", a.createdAt(), "updatedAt", a.updatedAt());
    }

    private static Map<String, Object> fact(MemoryFact f) {
        return record("fact", "id", f.id(), "category", f.category().wireName(), "content", f.content(),
                "confidence", f.confidence(), "active", f.active(),
                "sourceConversationId", f.sourceConversationId(), "sourceMessageId", f.sourceMessageId(),
                "createdAt", f.createdAt(), "updatedAt", f.updatedAt());
    }

    void erase() {
        ctx.writeFor(userId, "erase a user", h -> {
            for (Sql statement : List.of(Sql.ERASE_SEARCH_CACHE, Sql.ERASE_EMBEDDINGS, Sql.ERASE_EMBEDDING_MODELS, Sql.ERASE_PROVIDERS, Sql.ERASE_SETTINGS,
                    Sql.ERASE_EMAIL_CLAIMS, Sql.ERASE_PROFILE, Sql.ERASE_FACTS, Sql.ERASE_CONVERSATIONS, Sql.ERASE_ATTACHMENTS)) {
                h.createUpdate(ctx.sql(statement)).bind("userId", userId).execute();
            }
            for (MessageHook hook : ctx.hooks) {
                hook.userErased(h, userId);
            }
            return null;
        });
    }
}

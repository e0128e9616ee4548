package dev.chatstore.jdbc.internal;

import dev.chatstore.Attachment;
import dev.chatstore.AttachmentStatus;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.Feedback;
import dev.chatstore.Media;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.MessageType;
import dev.chatstore.Rating;
import dev.chatstore.Role;
import dev.chatstore.TokenUsage;
import dev.chatstore.jdbc.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;

/** Row mappers for the engine's SELECT column lists (see the .sql files). */
final class Rows {
    private Rows() {
    }

    /** A conversation with its position in the activity order. */
    record ConversationRow(Conversation conversation, long activitySeq) {
    }

    static RowMapper<ConversationRow> conversation(Dialect d) {
        return (rs, ctx) -> new ConversationRow(new Conversation(
                rs.getString("id"),
                rs.getString("user_id"),
                rs.getString("persona_id"),
                rs.getString("external_key"),
                rs.getString("title"),
                Json.read(rs.getString("metadata")),
                rs.getString("provider"),
                rs.getString("model"),
                rs.getString("system_prompt"),
                rs.getBoolean("pinned"),
                rs.getBoolean("archived"),
                rs.getLong("message_count"),
                rs.getLong("last_seq"),
                d.readInstant(rs, "last_message_at"),
                rs.getString("last_message_preview"),
                rs.getLong("unread_count"),
                rs.getString("active_tip_id"),
                rs.getLong("revision"),
                d.readInstant(rs, "created_at"),
                d.readInstant(rs, "updated_at")),
                rs.getLong("activity_seq"));
    }

    static RowMapper<Message> message(Dialect d) {
        return (rs, ctx) -> message(d, rs);
    }

    static Message message(Dialect d, ResultSet rs) throws SQLException {
        String rating = rs.getString("rating");
        return new Message(
                rs.getString("id"),
                rs.getString("conversation_id"),
                rs.getLong("seq"),
                rs.getString("parent_id"),
                Role.parse(rs.getString("role")),
                MessageType.parse(rs.getString("type")),
                rs.getString("content"),
                new Media(Json.readStrings(rs.getString("media_refs")), rs.getString("audio_ref"),
                        nullableLong(rs, "audio_duration_ms")),
                new TokenUsage(rs.getString("model_name"), nullableInt(rs, "prompt_tokens"),
                        nullableInt(rs, "completion_tokens")),
                rs.getString("tool_call_id"),
                Json.readToolCalls(rs.getString("tool_calls")),
                rs.getString("tool_name"),
                rs.getString("reasoning"),
                Json.readStrings(rs.getString("attachment_ids")),
                Json.read(rs.getString("metadata")),
                rs.getString("client_message_id"),
                rs.getString("reply_to_id"),
                new Feedback(rating == null ? null : Rating.parse(rating), rs.getBoolean("mistake"),
                        rs.getString("mistake_note")),
                d.readInstant(rs, "created_at"),
                d.readInstant(rs, "edited_at"));
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static RowMapper<Attachment> attachment(Dialect d) {
        return (rs, ctx) -> {
            Integer wordCount = nullableInt(rs, "word_count");
            return new Attachment(
                    rs.getString("id"),
                    rs.getString("user_id"),
                    rs.getString("name"),
                    rs.getString("mime_type"),
                    rs.getLong("size_bytes"),
                    rs.getString("sha256"),
                    rs.getString("storage_uri"),
                    rs.getBoolean("is_inline"),
                    AttachmentStatus.parse(rs.getString("status")),
                    rs.getString("error_text"),
                    rs.getString("extracted_text"),
                    wordCount,
                    d.readInstant(rs, "created_at"),
                    d.readInstant(rs, "updated_at"));
        };
    }

    static RowMapper<MemoryFact> fact(Dialect d) {
        return (rs, ctx) -> new MemoryFact(
                rs.getString("id"),
                rs.getString("user_id"),
                FactCategory.parse(rs.getString("category")),
                rs.getString("content"),
                rs.getDouble("confidence"),
                rs.getBoolean("active"),
                rs.getString("source_conversation_id"),
                rs.getString("source_message_id"),
                d.readInstant(rs, "created_at"),
                d.readInstant(rs, "updated_at"));
    }
}

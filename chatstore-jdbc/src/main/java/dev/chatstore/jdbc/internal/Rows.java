package dev.chatstore.jdbc.internal;

import dev.chatstore.Attachment;
import dev.chatstore.AttachmentStatus;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.Role;
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
                rs.getString("title"),
                Json.read(rs.getString("metadata")),
                rs.getLong("message_count"),
                d.readInstant(rs, "last_message_at"),
                d.readInstant(rs, "created_at"),
                d.readInstant(rs, "updated_at")),
                rs.getLong("activity_seq"));
    }

    static RowMapper<Message> message(Dialect d) {
        return (rs, ctx) -> message(d, rs);
    }

    static Message message(Dialect d, ResultSet rs) throws SQLException {
        return new Message(
                rs.getString("id"),
                rs.getString("conversation_id"),
                rs.getLong("seq"),
                Role.parse(rs.getString("role")),
                rs.getString("content"),
                Json.read(rs.getString("metadata")),
                rs.getString("client_message_id"),
                rs.getString("reply_to_id"),
                d.readInstant(rs, "created_at"));
    }

    static RowMapper<Attachment> attachment(Dialect d) {
        return (rs, ctx) -> {
            int words = rs.getInt("word_count");
            Integer wordCount = rs.wasNull() ? null : words;
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

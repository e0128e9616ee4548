package dev.chatstore.jdbc.internal;

import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.NotFoundException;
import dev.chatstore.jdbc.internal.Rows.ConversationRow;
import dev.chatstore.internal.Check;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The one owner of the conversation row's state that messages change: its sequence, counters, tip,
 * preview and read marker. Every write that changes a conversation's messages or counters first
 * calls {@link #lock} (PostgreSQL {@code FOR UPDATE}; SQLite's single IMMEDIATE writer) and only
 * then reads what it will change, so concurrent writers queue on the row instead of acting on
 * stale reads. Methods take the caller's transaction's handle. Thread-safe (stateless).
 */
final class ConversationLedger {
    enum Sql implements SqlStatement {
        FIND, EXISTS, LOCK, RECORD_APPEND, RECORD_DELETE, SET_TIP, REFRESH_PREVIEW, TOUCH, WRITE_METADATA, MARK_READ;

        @Override
        public String catalog() {
            return "ledger";
        }
    }

    /** The row's state as read under its lock. */
    record Locked(String id, long lastSeq, long readSeq, String tipId, String metadata, long revision) {
    }

    private final StoreContext ctx;
    private final RowMapper<ConversationRow> mapper;

    ConversationLedger(StoreContext ctx) {
        this.ctx = ctx;
        this.mapper = Rows.conversation(ctx.dialect);
    }

    /**
     * Locks the user's conversation for the rest of the transaction and reads its state.
     *
     * @throws NotFoundException if the user has no such conversation
     */
    Locked lock(Handle h, String userId, String conversationId) {
        // Plain JDBC: every write of messages starts here (see PositionalSql).
        return ctx.jdbc(h, Sql.LOCK, (statement, sql) -> {
            sql.set(statement, "id", conversationId).set(statement, "userId", userId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw notFound(conversationId);
                }
                return new Locked(conversationId, rs.getLong("last_seq"), rs.getLong("read_seq"),
                        rs.getString("active_tip_id"), rs.getString("metadata"), rs.getLong("revision"));
            }
        });
    }

    Optional<ConversationRow> find(Handle h, String userId, String conversationId) {
        return h.createQuery(ctx.sql(Sql.FIND))
                .bind("id", conversationId)
                .bind("userId", userId)
                .map(mapper).findOne();
    }

    /** The conversation as it is now; for reads after a write in the same transaction. */
    Conversation require(Handle h, String userId, String conversationId) {
        return find(h, userId, conversationId).orElseThrow(() -> notFound(conversationId)).conversation();
    }

    boolean exists(Handle h, String userId, String conversationId) {
        return h.createQuery(ctx.sql(Sql.EXISTS))
                .bind("id", conversationId)
                .bind("userId", userId)
                .mapTo(Integer.class).findOne().isPresent();
    }

    /** @throws NotFoundException if the user has no such conversation */
    void requireExists(Handle h, String userId, String conversationId) {
        if (!exists(h, userId, conversationId)) {
            throw notFound(conversationId);
        }
    }

    /**
     * Records appended messages: {@code lastSeq} is the highest sequence now used, {@code newest}
     * the last appended message's content and {@code tipId} its id.
     */
    void recordAppend(Handle h, String userId, Locked row, long lastSeq, long unread, String newest, String tipId,
                      Instant now) {
        ctx.jdbc(h, Sql.RECORD_APPEND, (statement, sql) -> {
            sql.set(statement, "id", row.id())
                    .set(statement, "userId", userId)
                    .set(statement, "lastSeq", lastSeq)
                    .set(statement, "added", lastSeq - row.lastSeq())
                    .set(statement, "unread", unread)
                    .set(statement, "preview", preview(newest))
                    .set(statement, "tipId", tipId)
                    .set(statement, "now", now);
            return statement.executeUpdate();
        });
    }

    /** Records that one message was deleted; the newest remaining message gives time and preview. */
    void recordDelete(Handle h, String userId, Locked row, boolean wasUnread, String tipId, Instant now) {
        h.createUpdate(ctx.sql(Sql.RECORD_DELETE))
                .bind("id", row.id())
                .bind("userId", userId)
                .bind("unread", wasUnread ? 1 : 0)
                .bind("tipId", tipId)
                .bind("now", now)
                .execute();
    }

    void setTip(Handle h, String userId, Locked row, String tipId, Instant now) {
        h.createUpdate(ctx.sql(Sql.SET_TIP))
                .bind("id", row.id())
                .bind("userId", userId)
                .bind("tipId", tipId)
                .bind("now", now)
                .execute();
    }

    /** After a message's content changed: the preview follows the newest message. */
    void refreshPreview(Handle h, String userId, Locked row) {
        h.createUpdate(ctx.sql(Sql.REFRESH_PREVIEW)).bind("id", row.id()).bind("userId", userId).execute();
    }

    /** A message changed in a way that touches nothing else on the conversation row: only its revision moves. */
    void touch(Handle h, String userId, Locked row) {
        h.createUpdate(ctx.sql(Sql.TOUCH)).bind("id", row.id()).bind("userId", userId).execute();
    }

    /**
     * Merges {@code patch} (valid metadata; a null value removes its key) into the metadata read under
     * the lock: concurrent patches queue on the row and each merges into the previous one's result.
     *
     * @throws dev.chatstore.InvalidInputException if the merged metadata is too large
     */
    void patchMetadata(Handle h, String userId, Locked row, Map<String, Object> patch) {
        Map<String, Object> merged = Check.metadata("patch", Json.mergePatch(Json.read(row.metadata()), patch));
        h.createUpdate(ctx.sql(Sql.WRITE_METADATA))
                .bind("id", row.id())
                .bind("userId", userId)
                .bind("metadata", Json.write(merged))
                .bind("now", ctx.now())
                .execute();
    }

    void markRead(Handle h, String userId, Locked row, Instant now) {
        h.createUpdate(ctx.sql(Sql.MARK_READ)).bind("id", row.id()).bind("userId", userId).bind("now", now).execute();
    }

    /** The first {@link Limits#PREVIEW_LENGTH} code points, as SQL's substr counts them. */
    static String preview(String content) {
        int codePoints = content.codePointCount(0, content.length());
        return codePoints <= Limits.PREVIEW_LENGTH ? content
                : content.substring(0, content.offsetByCodePoints(0, Limits.PREVIEW_LENGTH));
    }

    static NotFoundException notFound(String conversationId) {
        return new NotFoundException("No conversation " + conversationId);
    }
}

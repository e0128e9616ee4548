package dev.chatstore.bench;

import dev.chatstore.Limits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.postgresql.util.PSQLException;

/**
 * The physical limit on PostgreSQL: what a careful programmer writes by hand in plain pgjdbc on
 * chatstore's own schema (migrated by chatstore, PostgreSQL 18 or newer), with chatstore's
 * transaction boundaries: one transaction per append on a dedicated connection with auto-commit
 * off, at the server's default isolation (READ COMMITTED, which is also what chatstore asks for),
 * the statement prepared once and reused, so pgjdbc prepares it on the server after
 * {@code prepareThreshold} uses.
 *
 * <p>An append is one statement and the commit. The statement updates the conversation row first
 * and inserts the message from what that update returns:
 * <pre>
 * WITH c AS (UPDATE conversation SET revision, last_seq, message_count, last_message_at,
 *                   last_message_preview, active_tip_id, activity_seq = nextval(…), updated_at
 *            WHERE user_id = ? AND id = ? RETURNING id, user_id, new.last_seq, old.active_tip_id)
 * INSERT INTO message (…, seq, parent_id, …) SELECT …, c.last_seq, c.active_tip_id, … FROM c
 * </pre>
 * The update locks the row before anything is read from it, and under READ COMMITTED a writer
 * that waited for the lock updates (and returns) the row as the other writer committed it, so the
 * sequence number and the parent (the old tip, {@code RETURNING old.…}, new in PostgreSQL 18) are
 * exact under concurrent appends, as chatstore's {@code SELECT … FOR UPDATE} makes them. Why one
 * statement and not two: the new tip is the new message, and {@code conversation.active_tip_id}
 * is a foreign key to it, checked at the end of each statement, so the update cannot come before
 * the insert as a statement of its own; the other order ({@code INSERT … SELECT … FROM
 * conversation … FOR UPDATE}, then the update) is correct too but costs one more round trip. In
 * one statement the foreign keys are checked once both rows are written. The message's
 * {@code search} tsvector is a stored generated column of the schema, so this side pays for the
 * full-text index as chatstore does. Columns with defaults that chatstore writes with the same
 * value ({@code type}, {@code metadata}, {@code mistake}) are left to their defaults; the preview
 * is cut in Java, as chatstore cuts it.
 *
 * <p>The unique key on {@code (user_id, conversation_id, client_message_id)} is what keeps a
 * retried request out, so a fresh message needs no read: a retry fails the statement, the
 * transaction is rolled back and the stored message's payload hash is read and compared.
 * {@link PostgresFixture} checks that both sides leave the same rows behind. Not thread-safe.
 */
final class RawPostgresLog implements AutoCloseable {
    private static final String CLIENT_ID_KEY = "message_conversation_id_client_message_id_key";

    private final Connection c;
    private final PreparedStatement append;
    private final PreparedStatement storedHash;

    /**
     * @param c a connection of its own, which this log closes
     * @param schema the schema chatstore migrated: a plain lowercase identifier
     */
    RawPostgresLog(Connection c, String schema) {
        this.c = c;
        String s = "\"" + schema + "\"";
        try {
            c.setAutoCommit(false);
            append = c.prepareStatement("WITH c AS ("
                    + "UPDATE " + s + ".conversation SET revision = revision + 1, last_seq = last_seq + 1, "
                    + "message_count = message_count + 1, last_message_at = ?, last_message_preview = ?, "
                    + "active_tip_id = ?, activity_seq = nextval('" + s + ".conversation_activity_seq'), updated_at = ? "
                    + "WHERE user_id = ? AND id = ? "
                    + "RETURNING new.id, new.user_id, new.last_seq, old.active_tip_id) "
                    + "INSERT INTO " + s + ".message (id, conversation_id, user_id, seq, parent_id, role, content, "
                    + "client_message_id, payload_hash, created_at) "
                    + "SELECT ?, c.id, c.user_id, c.last_seq, c.active_tip_id, 'user', ?, ?, ?, ? FROM c");
            storedHash = c.prepareStatement("SELECT payload_hash FROM " + s + ".message "
                    + "WHERE user_id = ? AND conversation_id = ? AND client_message_id = ?");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the raw PostgreSQL baseline on schema " + schema, e);
        }
    }

    /**
     * Appends one user message with an idempotency key, in one transaction.
     *
     * @return true if it was stored, false if a message with that client id was already there (a retry)
     * @throws IllegalStateException if the conversation is missing, the stored message with that client id has
     *         another payload, or the database fails
     */
    boolean append(String userId, String conversationId, String content, String clientMessageId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        String id = Uuid7.next();
        String hash = Texts.sha256("user\n" + content);
        try {
            int i = 0;
            append.setObject(++i, now);
            append.setString(++i, preview(content));
            append.setString(++i, id);
            append.setObject(++i, now);
            append.setString(++i, userId);
            append.setString(++i, conversationId);
            append.setString(++i, id);
            append.setString(++i, content);
            append.setString(++i, clientMessageId);
            append.setString(++i, hash);
            append.setObject(++i, now);
            if (append.executeUpdate() != 1) {
                throw new SQLException("No conversation " + conversationId + " of " + userId);
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            rollback();
            if (e instanceof PSQLException p && p.getServerErrorMessage() != null
                    && CLIENT_ID_KEY.equals(p.getServerErrorMessage().getConstraint())) {
                return replay(userId, conversationId, clientMessageId, hash);
            }
            throw new IllegalStateException("Raw PostgreSQL append failed", e);
        }
    }

    /** A retry: the stored message must have the same payload. */
    private boolean replay(String userId, String conversationId, String clientMessageId, String hash) {
        try {
            storedHash.setString(1, userId);
            storedHash.setString(2, conversationId);
            storedHash.setString(3, clientMessageId);
            String stored;
            try (ResultSet rs = storedHash.executeQuery()) {
                stored = rs.next() ? rs.getString(1) : null;
            }
            c.commit();
            if (!hash.equals(stored)) {
                throw new IllegalStateException("Client message id " + clientMessageId + " was used for another message");
            }
            return false;
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("Raw PostgreSQL replay check failed", e);
        }
    }

    /** The first {@link Limits#PREVIEW_LENGTH} code points, as chatstore keeps them. */
    private static String preview(String content) {
        return content.codePointCount(0, content.length()) <= Limits.PREVIEW_LENGTH ? content
                : content.substring(0, content.offsetByCodePoints(0, Limits.PREVIEW_LENGTH));
    }

    private void rollback() {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The original failure is what is reported.
        }
    }

    @Override
    public void close() {
        try {
            c.rollback();
            append.close();
            storedHash.close();
            c.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close the raw PostgreSQL baseline", e);
        }
    }
}

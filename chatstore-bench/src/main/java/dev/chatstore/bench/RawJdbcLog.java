package dev.chatstore.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The physical limit: what a careful programmer writes by hand in plain JDBC on chatstore's own
 * SQLite schema, with chatstore's connection settings and transaction boundaries. One connection
 * with auto-commit off (sqlite-jdbc begins every transaction IMMEDIATE), statements prepared once
 * and reused.
 *
 * <p>An append is one transaction of two statements: the message insert, which takes its sequence
 * number (and, on schemas with branches, its parent: the conversation's tip) from the conversation
 * row in the same statement, and the conversation update (counters, last-message time, activity
 * order; on schemas with branches also the preview and the tip). The unique key on
 * {@code (conversation_id, client_message_id)} is what keeps a retried request out, so a fresh
 * message needs no read. A batch is one transaction: one read of the conversation row, one JDBC
 * batch of inserts, one update.
 *
 * <p>The file's schema decides the statements: version 1 (no branches) or version 2 and later
 * ({@code message.parent_id}, {@code conversation.active_tip_id}, {@code last_message_preview}).
 * {@link AppendFixture} checks that both sides leave the same rows behind. Not thread-safe.
 */
final class RawJdbcLog implements AutoCloseable {
    /** Characters of the newest message kept as the conversation's preview (the texts here are ASCII). */
    static final int PREVIEW_CHARS = 200;

    private final Connection c;
    private final boolean branches;
    private final PreparedStatement insertNext;
    private final PreparedStatement recordAppend;
    private final PreparedStatement readHead;
    private final PreparedStatement insert;

    RawJdbcLog(Path file) {
        try {
            c = Sqlite.connect(file);
            branches = hasColumn(c, "conversation", "active_tip_id");
            c.setAutoCommit(false);
            String parentColumn = branches ? "parent_id, " : "";
            insertNext = c.prepareStatement("INSERT INTO message (id, conversation_id, user_id, seq, " + parentColumn
                    + "role, content, metadata, client_message_id, payload_hash, created_at) "
                    + "SELECT ?, id, user_id, last_seq + 1, " + (branches ? "active_tip_id, " : "")
                    + "'user', ?, '{}', ?, ?, ? FROM conversation WHERE id = ? AND user_id = ?");
            String revision = hasColumn(c, "conversation", "revision") ? "revision = revision + 1, " : "";
            recordAppend = c.prepareStatement("UPDATE conversation SET " + revision + "last_seq = last_seq + ?, "
                    + "message_count = message_count + ?, last_message_at = ?, "
                    + (branches ? "last_message_preview = ?, active_tip_id = ?, " : "")
                    + "activity_seq = (SELECT COALESCE(MAX(activity_seq), 0) + 1 FROM conversation WHERE user_id = ?), "
                    + "updated_at = ? WHERE id = ? AND user_id = ?");
            readHead = c.prepareStatement("SELECT last_seq" + (branches ? ", active_tip_id" : "")
                    + " FROM conversation WHERE id = ? AND user_id = ?");
            insert = c.prepareStatement("INSERT INTO message (id, conversation_id, user_id, seq, " + parentColumn
                    + "role, content, metadata, client_message_id, payload_hash, created_at) "
                    + "VALUES (?, ?, ?, ?, " + (branches ? "?, " : "") + "'user', ?, '{}', ?, ?, ?)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the raw JDBC baseline on " + file, e);
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pragma_table_info(?) WHERE name = ?")) {
            p.setString(1, table);
            p.setString(2, column);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Appends one user message with an idempotency key, in one transaction. */
    void append(String userId, String conversationId, String content, String clientMessageId) {
        long now = System.currentTimeMillis();
        String id = Uuid7.next();
        try {
            insertNext.setString(1, id);
            insertNext.setString(2, content);
            insertNext.setString(3, clientMessageId);
            insertNext.setString(4, Texts.sha256("user\n" + content));
            insertNext.setLong(5, now);
            insertNext.setString(6, conversationId);
            insertNext.setString(7, userId);
            if (insertNext.executeUpdate() != 1) {
                throw new SQLException("No conversation " + conversationId + " of " + userId);
            }
            recordAppend(userId, conversationId, 1, id, content, now);
            c.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("Raw append failed", e);
        }
    }

    /** Appends user messages without idempotency keys, in one transaction: one read, one JDBC batch, one update. */
    void appendBatch(String userId, String conversationId, List<String> contents) {
        long now = System.currentTimeMillis();
        try {
            readHead.setString(1, conversationId);
            readHead.setString(2, userId);
            long seq;
            String parent;
            try (ResultSet rs = readHead.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("No conversation " + conversationId + " of " + userId);
                }
                seq = rs.getLong(1);
                parent = branches ? rs.getString(2) : null;
            }
            for (String content : contents) {
                String id = Uuid7.next();
                int i = 0;
                insert.setString(++i, id);
                insert.setString(++i, conversationId);
                insert.setString(++i, userId);
                insert.setLong(++i, ++seq);
                if (branches) {
                    insert.setString(++i, parent);
                }
                insert.setString(++i, content);
                insert.setString(++i, null);
                insert.setString(++i, null);
                insert.setLong(++i, now);
                insert.addBatch();
                parent = id;
            }
            insert.executeBatch();
            recordAppend(userId, conversationId, contents.size(), parent, contents.get(contents.size() - 1), now);
            c.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("Raw batch append failed", e);
        }
    }

    private void recordAppend(String userId, String conversationId, int added, String tipId, String tipContent, long now)
            throws SQLException {
        int i = 0;
        recordAppend.setInt(++i, added);
        recordAppend.setInt(++i, added);
        recordAppend.setLong(++i, now);
        if (branches) {
            recordAppend.setString(++i, tipContent.length() <= PREVIEW_CHARS ? tipContent : tipContent.substring(0, PREVIEW_CHARS));
            recordAppend.setString(++i, tipId);
        }
        recordAppend.setString(++i, userId);
        recordAppend.setLong(++i, now);
        recordAppend.setString(++i, conversationId);
        recordAppend.setString(++i, userId);
        recordAppend.executeUpdate();
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
            c.commit();
            c.setAutoCommit(true);
            insertNext.close();
            recordAppend.close();
            readHead.close();
            insert.close();
            c.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close the raw JDBC baseline", e);
        }
    }
}

package dev.chatstore.jdbc.internal;

import dev.chatstore.Feedback;
import dev.chatstore.Message;
import dev.chatstore.NotFoundException;
import dev.chatstore.jdbc.JsonText;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Message rows: insert, read, page, edit and delete them, in the caller's transaction. Writes that
 * change a conversation's messages lock the conversation first ({@link ConversationLedger#lock});
 * this class only touches the message table. Thread-safe (stateless).
 */
final class MessageRows {
    enum Sql implements SqlStatement {
        INSERT, INSERT_UNLESS_REPLAY, BY_ID, CONVERSATION_OF, BY_CLIENT_MESSAGE_ID, BY_CLIENT_MESSAGE_IDS, IS_IN_CONVERSATION, FIND_REPLY, PAGE_AFTER, PAGE_BEFORE,
        EDIT_CONTENT, SET_FEEDBACK, REPARENT_CHILDREN, DELETE;

        @Override
        public String catalog() {
            return "message";
        }
    }

    /** A stored message with the fingerprint of the payload it was appended with (null without a client id). */
    record Stored(Message message, String payloadHash) {
    }

    private final StoreContext ctx;
    private final RowMapper<Message> mapper;

    MessageRows(StoreContext ctx) {
        this.ctx = ctx;
        this.mapper = Rows.message(ctx.dialect);
    }

    RowMapper<Message> mapper() {
        return mapper;
    }

    Optional<Message> find(Handle h, String userId, String messageId) {
        return h.createQuery(ctx.sql(Sql.BY_ID))
                .bind("id", messageId)
                .bind("userId", userId)
                .map(mapper).findOne();
    }

    /** @throws NotFoundException if the user has no such message */
    Message require(Handle h, String userId, String messageId) {
        return find(h, userId, messageId).orElseThrow(() -> notFound(messageId));
    }

    /** The conversation of the user's message, which never changes: what to lock before changing the message. */
    Optional<String> conversationOf(Handle h, String userId, String messageId) {
        return h.createQuery(ctx.sql(Sql.CONVERSATION_OF))
                .bind("id", messageId)
                .bind("userId", userId)
                .mapTo(String.class).findOne();
    }

    Optional<Stored> byClientMessageId(Handle h, String userId, String conversationId, String clientMessageId) {
        // Plain JDBC: every append with a client id asks (see PositionalSql).
        return ctx.jdbc(h, Sql.BY_CLIENT_MESSAGE_ID, (statement, sql) -> {
            sql.set(statement, "conversationId", conversationId)
                    .set(statement, "clientMessageId", clientMessageId)
                    .set(statement, "userId", userId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(Rows.message(ctx.dialect, rs), rs.getString("payload_hash")))
                        : Optional.<Stored>empty();
            }
        });
    }

    /** The stored messages with any of {@code clientMessageIds} in the conversation, by client id; one query. */
    Map<String, Stored> byClientMessageIds(Handle h, String userId, String conversationId,
                                           List<String> clientMessageIds) {
        if (clientMessageIds.isEmpty()) {
            return Map.of();
        }
        if (clientMessageIds.size() == 1) {
            // A single append: the plain seek, no JSON to build or unpack.
            return byClientMessageId(h, userId, conversationId, clientMessageIds.get(0))
                    .map(stored -> Map.of(clientMessageIds.get(0), stored)).orElse(Map.of());
        }
        Map<String, Stored> found = new HashMap<>();
        h.createQuery(ctx.sql(Sql.BY_CLIENT_MESSAGE_IDS))
                .bind("conversationId", conversationId)
                .bind("userId", userId)
                .bind("clientMessageIds", Json.writeStrings(clientMessageIds))
                .map((rs, c) -> new Stored(Rows.message(ctx.dialect, rs), rs.getString("payload_hash")))
                .forEach(stored -> found.put(stored.message().clientMessageId(), stored));
        return found;
    }

    boolean isInConversation(Handle h, String userId, String messageId, String conversationId) {
        return h.createQuery(ctx.sql(Sql.IS_IN_CONVERSATION))
                .bind("id", messageId)
                .bind("conversationId", conversationId)
                .bind("userId", userId)
                .mapTo(Integer.class).findOne().isPresent();
    }

    Optional<Message> findReply(Handle h, String userId, String messageId) {
        return h.createQuery(ctx.sql(Sql.FIND_REPLY))
                .bind("id", messageId)
                .bind("userId", userId)
                .map(mapper).findOne();
    }

    /** Up to {@code limit} messages past {@code seq}: newer ones oldest first, or older ones newest first. */
    List<Message> page(Handle h, String userId, String conversationId, long seq, boolean newer, int limit) {
        return h.createQuery(ctx.sql(newer ? Sql.PAGE_AFTER : Sql.PAGE_BEFORE))
                .bind("userId", userId)
                .bind("conversationId", conversationId)
                .bind("seq", seq)
                .bind("limit", limit)
                .map(mapper).list();
    }

    /**
     * Rows per multi-row INSERT of a batch, largest first; what is left after the smallest goes as a JDBC batch. A few
     * fixed sizes, so that each connection keeps a few statements: 200 rows of 24 parameters stay well under
     * SQLite's 32,766 parameters per statement.
     */
    private static final int[] ROWS_PER_STATEMENT = {200, 50, 10};

    /** The message INSERT with several rows, by row count. */
    private final Map<Integer, PositionalSql> insertRows = new ConcurrentHashMap<>();

    /** Inserts of {@code userId}'s new messages, sent together by {@link Inserts#execute}. */
    Inserts inserts(Handle h, String userId) {
        return new Inserts(h, userId);
    }

    /**
     * The message rows of one append, sent in plain JDBC (Jdbi's named binding of two dozen columns per row was most
     * of an append's own cost): one row as one statement, many as multi-row INSERTs. Used by one thread.
     */
    final class Inserts {
        private final Handle h;
        private final String userId;
        private final List<Stored> rows = new ArrayList<>();

        private Inserts(Handle h, String userId) {
            this.h = h;
            this.userId = userId;
        }

        /** @param payloadHash the payload's fingerprint, null without a client message id */
        void add(Message m, String payloadHash) {
            rows.add(new Stored(m, payloadHash));
        }

        void execute() {
            if (rows.isEmpty()) {
                return;
            }
            if (rows.size() == 1) {
                ctx.jdbc(h, Sql.INSERT, (statement, sql) -> {
                    bind(statement, sql, 0);
                    return statement.executeUpdate();
                });
                return;
            }
            int next = 0;
            for (int perStatement : ROWS_PER_STATEMENT) {
                PositionalSql many = insertRows.computeIfAbsent(perStatement, n -> ctx.positional(Sql.INSERT).withRows(n));
                for (; rows.size() - next >= perStatement; next += perStatement) {
                    int first = next;
                    ctx.jdbc(h, many, (statement, sql) -> {
                        for (int r = 0; r < perStatement; r++) {
                            bind(statement, sql.row(r), first + r);
                        }
                        return statement.executeUpdate();
                    });
                }
            }
            if (next < rows.size()) {
                int first = next;
                ctx.jdbc(h, Sql.INSERT, (statement, sql) -> {
                    for (int i = first; i < rows.size(); i++) {
                        bind(statement, sql, i);
                        statement.addBatch();
                    }
                    return statement.executeBatch().length;
                });
            }
        }

        /**
         * Inserts the one message added, which has a client message id, unless the conversation holds that client id
         * already.
         *
         * @return false if it did: a replay, nothing inserted
         */
        boolean executeUnlessReplay() {
            if (rows.size() != 1 || rows.get(0).message().clientMessageId() == null) {
                throw new IllegalStateException("One message with a client message id is inserted unless a replay");
            }
            return ctx.jdbc(h, Sql.INSERT_UNLESS_REPLAY, (statement, sql) -> {
                bind(statement, sql, 0);
                return statement.executeUpdate();
            }) == 1;
        }

        private void bind(PreparedStatement statement, PositionalSql sql, int i) throws SQLException {
            Message m = rows.get(i).message();
            sql.set(statement, "id", m.id())
                    .set(statement, "conversationId", m.conversationId())
                    .set(statement, "userId", userId)
                    .set(statement, "seq", m.seq())
                    .set(statement, "parentId", m.parentId())
                    .set(statement, "role", m.role().wireName())
                    .set(statement, "type", m.type().wireName())
                    .set(statement, "content", m.content())
                    .set(statement, "mediaRefs", Json.writeStrings(m.media().refs()))
                    .set(statement, "audioRef", m.media().audioRef())
                    .set(statement, "audioDurationMs", m.media().audioDurationMs())
                    .set(statement, "modelName", m.usage().model())
                    .set(statement, "promptTokens", m.usage().promptTokens())
                    .set(statement, "completionTokens", m.usage().completionTokens())
                    .set(statement, "toolCallId", m.toolCallId())
                    .set(statement, "toolCalls", Json.writeToolCalls(m.toolCalls()))
                    .set(statement, "toolName", m.toolName())
                    .set(statement, "reasoning", m.reasoning())
                    .set(statement, "metadata", Json.write(m.metadata()))
                    .set(statement, "clientMessageId", m.clientMessageId())
                    .set(statement, "payloadHash", rows.get(i).payloadHash())
                    .set(statement, "replyToId", m.replyToId())
                    .set(statement, "now", m.createdAt());
        }
    }

    /** @return whether the message was there to edit */
    boolean editContent(Handle h, String userId, String messageId, String content, Instant now) {
        return h.createUpdate(ctx.sql(Sql.EDIT_CONTENT))
                .bind("id", messageId)
                .bind("userId", userId)
                .bind("content", content)
                .bind("now", now)
                .execute() > 0;
    }

    /** @return whether the message was there */
    boolean setFeedback(Handle h, String userId, String messageId, Feedback feedback) {
        return h.createUpdate(ctx.sql(Sql.SET_FEEDBACK))
                .bind("id", messageId)
                .bind("userId", userId)
                .bind("rating", feedback.rating() == null ? null : feedback.rating().wireName())
                .bind("mistake", feedback.mistake())
                .bind("mistakeNote", feedback.mistakeNote())
                .execute() > 0;
    }

    /**
     * Deletes the message after moving its children up to its parent, so branches stay connected.
     *
     * @return whether this call deleted it
     */
    boolean delete(Handle h, String userId, Message message) {
        h.createUpdate(ctx.sql(Sql.REPARENT_CHILDREN))
                .bind("id", message.id())
                .bind("newParentId", message.parentId())
                .bind("userId", userId)
                .execute();
        return h.createUpdate(ctx.sql(Sql.DELETE)).bind("id", message.id()).bind("userId", userId).execute() > 0;
    }

    static NotFoundException notFound(String messageId) {
        return new NotFoundException("No message " + messageId);
    }
}

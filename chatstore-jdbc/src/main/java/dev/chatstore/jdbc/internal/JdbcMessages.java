package dev.chatstore.jdbc.internal;

import dev.chatstore.Appended;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.Messages;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.internal.Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * One user's messages. Appends lock only the conversation row (PostgreSQL {@code FOR UPDATE};
 * SQLite serializes writers anyway), so the sequence, the counters and the idempotency check are
 * exact under concurrency, and nothing else of the conversation is read or rewritten.
 * Thread-safe.
 */
final class JdbcMessages implements Messages {
    private final StoreContext ctx;
    private final String userId;
    private final RowMapper<Message> mapper;

    JdbcMessages(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
        this.mapper = Rows.message(ctx.dialect);
    }

    @Override
    public Appended append(String conversationId, NewMessage message) {
        Check.id("conversationId", conversationId);
        Check.notNull("message", message);
        return ctx.write("append a message", h -> appendAll(h, conversationId, List.of(message)).get(0));
    }

    @Override
    public List<Appended> appendAll(String conversationId, List<NewMessage> messages) {
        Check.id("conversationId", conversationId);
        Check.notNull("messages", messages);
        if (messages.size() > Limits.BATCH_MAX) {
            throw new InvalidInputException("messages", messages.size() + " exceeds the maximum batch of " + Limits.BATCH_MAX);
        }
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) == null) {
                throw new InvalidInputException("messages", "element " + i + " is null");
            }
        }
        if (messages.isEmpty()) {
            return List.of();
        }
        List<NewMessage> batch = List.copyOf(messages);
        return ctx.write("append messages", h -> appendAll(h, conversationId, batch));
    }

    /** A stored message with the fingerprint of the payload it was appended with. */
    private record Stored(Message message, String payloadHash) {
    }

    private List<Appended> appendAll(Handle h, String conversationId, List<NewMessage> batch) {
        long lastSeq = h.createQuery(ctx.conversationSql.get("lastSeqForWrite"))
                .bind("id", conversationId)
                .bind("userId", userId)
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> JdbcConversations.notFound(conversationId));
        Instant now = ctx.now();
        long seq = lastSeq;
        List<Appended> results = new ArrayList<>(batch.size());
        Map<String, Stored> inBatch = new HashMap<>();
        for (NewMessage m : batch) {
            String hash = null;
            if (m.clientMessageId() != null) {
                hash = payloadHash(m);
                Stored earlier = inBatch.containsKey(m.clientMessageId()) ? inBatch.get(m.clientMessageId())
                        : findByClientId(h, conversationId, m.clientMessageId()).orElse(null);
                if (earlier != null) {
                    if (!earlier.payloadHash().equals(hash)) {
                        throw new IdempotencyConflictException("clientMessageId " + m.clientMessageId()
                                + " was already used in conversation " + conversationId + " for a different message");
                    }
                    results.add(new Appended(earlier.message(), true));
                    continue;
                }
            }
            checkReferences(h, conversationId, m);
            Message stored = insert(h, conversationId, m, ++seq, hash, now);
            results.add(new Appended(stored, false));
            if (hash != null) {
                inBatch.put(m.clientMessageId(), new Stored(stored, hash));
            }
        }
        if (seq > lastSeq) {
            h.createUpdate(ctx.conversationSql.get("recordAppend"))
                    .bind("id", conversationId)
                    .bind("userId", userId)
                    .bind("lastSeq", seq)
                    .bind("added", seq - lastSeq)
                    .bind("now", now)
                    .execute();
        }
        return results;
    }

    private void checkReferences(Handle h, String conversationId, NewMessage m) {
        if (m.replyTo() != null && h.createQuery(ctx.messageSql.get("isInConversation"))
                .bind("id", m.replyTo())
                .bind("conversationId", conversationId)
                .mapTo(Integer.class).findOne().isEmpty()) {
            throw new NotFoundException("No message " + m.replyTo() + " in conversation " + conversationId + " to reply to");
        }
        for (String attachmentId : m.attachmentIds()) {
            if (h.createQuery(ctx.attachmentSql.get("exists"))
                    .bind("id", attachmentId)
                    .bind("userId", userId)
                    .mapTo(Integer.class).findOne().isEmpty()) {
                throw new NotFoundException("No attachment " + attachmentId);
            }
        }
    }

    private Message insert(Handle h, String conversationId, NewMessage m, long seq, String hash, Instant now) {
        String id = ctx.ids.next();
        h.createUpdate(ctx.messageSql.get("insert"))
                .bind("id", id)
                .bind("conversationId", conversationId)
                .bind("userId", userId)
                .bind("seq", seq)
                .bind("role", m.role().wireName())
                .bind("content", m.content())
                .bind("metadata", Json.write(m.metadata()))
                .bind("clientMessageId", m.clientMessageId())
                .bind("payloadHash", hash)
                .bind("replyToId", m.replyTo())
                .bind("now", now)
                .execute();
        for (String attachmentId : m.attachmentIds()) {
            h.createUpdate(ctx.messageSql.get("linkAttachment"))
                    .bind("messageId", id)
                    .bind("attachmentId", attachmentId)
                    .bind("userId", userId)
                    .execute();
            h.createUpdate(ctx.attachmentSql.get("linkConversation"))
                    .bind("conversationId", conversationId)
                    .bind("attachmentId", attachmentId)
                    .bind("userId", userId)
                    .bind("now", now)
                    .execute();
        }
        return new Message(id, conversationId, seq, m.role(), m.content(), m.metadata(), m.clientMessageId(),
                m.replyTo(), now);
    }

    private Optional<Stored> findByClientId(Handle h, String conversationId, String clientMessageId) {
        return h.createQuery(ctx.messageSql.get("byClientMessageId"))
                .bind("conversationId", conversationId)
                .bind("clientMessageId", clientMessageId)
                .bind("userId", userId)
                .map((rs, c) -> new Stored(Rows.message(ctx.dialect, rs), rs.getString("payload_hash")))
                .findOne();
    }

    /** SHA-256 of everything that makes two appends "the same message". */
    static String payloadHash(NewMessage m) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("role", m.role().wireName());
        payload.put("content", m.content());
        payload.put("replyTo", m.replyTo());
        payload.put("metadata", m.metadata());
        payload.put("attachments", m.attachmentIds().stream().sorted().toList());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.canonical(payload).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public Optional<Message> get(String messageId) {
        Check.id("messageId", messageId);
        return ctx.read("read a message", h -> h.createQuery(ctx.messageSql.get("byId"))
                .bind("id", messageId)
                .bind("userId", userId)
                .map(mapper).findOne());
    }

    @Override
    public Optional<Message> replyTo(String messageId) {
        Check.id("messageId", messageId);
        return ctx.read("find a reply", h -> h.createQuery(ctx.messageSql.get("replyTo"))
                .bind("id", messageId)
                .bind("userId", userId)
                .map(mapper).findOne());
    }

    @Override
    public Optional<Message> byClientMessageId(String conversationId, String clientMessageId) {
        Check.id("conversationId", conversationId);
        Check.text("clientMessageId", clientMessageId, Limits.CLIENT_MESSAGE_ID_MAX);
        return ctx.read("find a message by client id", h -> findByClientId(h, conversationId, clientMessageId))
                .map(Stored::message);
    }

    @Override
    public Page<Message> newestFirst(String conversationId, PageRequest page) {
        return page(conversationId, page, true);
    }

    @Override
    public Page<Message> oldestFirst(String conversationId, PageRequest page) {
        return page(conversationId, page, false);
    }

    private Page<Message> page(String conversationId, PageRequest page, boolean newestFirst) {
        Check.id("conversationId", conversationId);
        Check.notNull("page", page);
        int limit = Check.pageLimit("limit", page.limit(), Limits.MESSAGES_PAGE_DEFAULT, Limits.MESSAGES_PAGE_MAX);
        return ctx.read("read messages", h -> {
            requireConversation(h, conversationId);
            String listing = newestFirst ? "messages-newest-first" : "messages-oldest-first";
            return new Keyset<>(listing, conversationId, new SeqOrder(h, conversationId, newestFirst))
                    .page(page.cursor(), limit, 1);
        });
    }

    @Override
    public List<Message> after(String conversationId, long afterSeq, int limit) {
        Check.id("conversationId", conversationId);
        Check.nonNegative("afterSeq", afterSeq);
        int effective = Check.pageLimit("limit", limit, Limits.MESSAGES_PAGE_DEFAULT, Limits.MESSAGES_PAGE_MAX);
        return ctx.read("read messages", h -> {
            requireConversation(h, conversationId);
            return new SeqOrder(h, conversationId, false).fetch(true, afterSeq, effective);
        });
    }

    private void requireConversation(Handle h, String conversationId) {
        if (h.createQuery(ctx.conversationSql.get("exists"))
                .bind("id", conversationId)
                .bind("userId", userId)
                .mapTo(Integer.class).findOne().isEmpty()) {
            throw JdbcConversations.notFound(conversationId);
        }
    }

    /** A conversation's messages by sequence number, in either direction. */
    private final class SeqOrder implements Keyset.Source<Message, Long> {
        private final Handle h;
        private final String conversationId;
        private final boolean descending;

        SeqOrder(Handle h, String conversationId, boolean descending) {
            this.h = h;
            this.conversationId = conversationId;
            this.descending = descending;
        }

        @Override
        public List<Message> fetch(boolean inListingOrder, Long bound, int limit) {
            boolean down = inListingOrder == descending;
            return h.createQuery(ctx.messageSql.get(down ? "pageBefore" : "pageAfter"))
                    .bind("conversationId", conversationId)
                    .bind("seq", bound.longValue())
                    .bind("limit", limit)
                    .map(mapper).list();
        }

        @Override
        public Long keyOf(Message row) {
            return row.seq();
        }

        @Override
        public Long start() {
            return descending ? Long.MAX_VALUE : 0L;
        }

        @Override
        public List<String> encodeKey(Long key) {
            return List.of(key.toString());
        }

        @Override
        public Long decodeKey(Cursor cursor) {
            return cursor.longPart(0);
        }
    }

    @Override
    public boolean delete(String messageId) {
        Check.id("messageId", messageId);
        return ctx.write("delete a message", h -> {
            Optional<String> conversationId = h.createQuery(ctx.messageSql.get("conversationOf"))
                    .bind("id", messageId)
                    .bind("userId", userId)
                    .mapTo(String.class).findOne();
            if (conversationId.isEmpty()) {
                return false;
            }
            h.createQuery(ctx.conversationSql.get("lastSeqForWrite"))
                    .bind("id", conversationId.get())
                    .bind("userId", userId)
                    .mapTo(Long.class).findOne();
            int deleted = h.createUpdate(ctx.messageSql.get("delete")).bind("id", messageId).execute();
            if (deleted > 0) {
                h.createUpdate(ctx.conversationSql.get("recordDelete"))
                        .bind("id", conversationId.get())
                        .bind("now", ctx.now())
                        .execute();
            }
            return deleted > 0;
        });
    }
}

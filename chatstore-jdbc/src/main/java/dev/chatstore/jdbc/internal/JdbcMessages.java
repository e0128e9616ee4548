package dev.chatstore.jdbc.internal;

import dev.chatstore.Appended;
import dev.chatstore.Conversation;
import dev.chatstore.Feedback;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.Messages;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.JsonText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

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

    private SqlCatalog sql() {
        return ctx.sql("message");
    }

    private SqlCatalog conversationSql() {
        return ctx.sql("conversation");
    }

    @Override
    public Appended append(String conversationId, NewMessage message) {
        Check.id("conversationId", conversationId);
        Check.notNull("message", message);
        return ctx.write("append a message", h -> appendInTransaction(h, conversationId, List.of(message)).get(0));
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
        return ctx.write("append messages", h -> appendInTransaction(h, conversationId, batch));
    }

    /** A stored message with the fingerprint of the payload it was appended with. */
    private record Stored(Message message, String payloadHash) {
    }

    /** The conversation row's state that appends and deletes work from, read under its lock. */
    private record Locked(long lastSeq, long readSeq, String tipId) {
    }

    private Locked lock(Handle h, String conversationId) {
        return h.createQuery(conversationSql().get("lockForWrite"))
                .bind("id", conversationId)
                .bind("userId", userId)
                .map((rs, c) -> new Locked(rs.getLong("last_seq"), rs.getLong("read_seq"), rs.getString("active_tip_id")))
                .findOne()
                .orElseThrow(() -> JdbcConversations.notFound(conversationId));
    }

    /** Appends continuing the chosen branch. Must run in a write transaction. */
    List<Appended> appendInTransaction(Handle h, String conversationId, List<NewMessage> batch) {
        Locked locked = lock(h, conversationId);
        return appendLocked(h, conversationId, batch, locked, locked.tipId());
    }

    /**
     * Appends {@code batch} after {@code parentId}: the first message's parent, each later one's
     * parent the message before it. The last stored message becomes the tip. The rows go to the
     * database as one JDBC batch per table, so a large batch costs little more than its inserts.
     */
    private List<Appended> appendLocked(Handle h, String conversationId, List<NewMessage> batch, Locked locked,
                                        String parentId) {
        Instant now = ctx.now();
        long seq = locked.lastSeq();
        String parent = parentId;
        Message newest = null;
        long assistantMessages = 0;
        List<Appended> results = new ArrayList<>(batch.size());
        Map<String, Stored> inBatch = new HashMap<>();
        Set<String> insertedIds = new HashSet<>();
        Set<String> knownAttachments = new HashSet<>();
        PreparedBatch messageRows = h.prepareBatch(sql().get("insert"));
        PreparedBatch attachmentLinks = h.prepareBatch(sql().get("linkAttachment"));
        PreparedBatch conversationLinks = h.prepareBatch(ctx.sql("attachment").get("linkConversation"));
        for (NewMessage m : batch) {
            String hash = null;
            if (m.clientMessageId() != null) {
                hash = PayloadHash.of(m);
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
            checkReferences(h, conversationId, m, insertedIds, knownAttachments);
            newest = new Message(ctx.ids.next(), conversationId, ++seq, parent, m.role(), m.type(), m.content(),
                    m.media(), m.usage(), m.toolCallId(), m.metadata(), m.clientMessageId(), m.replyTo(),
                    Feedback.NONE, now, null);
            addRow(messageRows, newest, hash);
            for (String attachmentId : m.attachmentIds()) {
                attachmentLinks.bind("messageId", newest.id()).bind("attachmentId", attachmentId)
                        .bind("userId", userId).add();
                conversationLinks.bind("conversationId", conversationId).bind("attachmentId", attachmentId)
                        .bind("userId", userId).bind("now", now).add();
            }
            insertedIds.add(newest.id());
            parent = newest.id();
            if (m.role() == Role.ASSISTANT) {
                assistantMessages++;
            }
            results.add(new Appended(newest, false));
            if (hash != null) {
                inBatch.put(m.clientMessageId(), new Stored(newest, hash));
            }
        }
        if (newest == null) {
            return results;
        }
        // Messages first: the links' foreign keys need them.
        messageRows.execute();
        if (attachmentLinks.size() > 0) {
            attachmentLinks.execute();
            conversationLinks.execute();
        }
        h.createUpdate(conversationSql().get("recordAppend"))
                .bind("id", conversationId)
                .bind("userId", userId)
                .bind("lastSeq", seq)
                .bind("added", seq - locked.lastSeq())
                .bind("unread", assistantMessages)
                .bind("preview", preview(newest.content()))
                .bind("tipId", newest.id())
                .bind("now", now)
                .execute();
        return results;
    }

    /** The first {@link Limits#PREVIEW_LENGTH} code points, as SQL's substr counts them. */
    static String preview(String content) {
        int codePoints = content.codePointCount(0, content.length());
        return codePoints <= Limits.PREVIEW_LENGTH ? content
                : content.substring(0, content.offsetByCodePoints(0, Limits.PREVIEW_LENGTH));
    }

    /** Reply-to and attachments must be the user's; a reply may point at a message earlier in the same batch. */
    private void checkReferences(Handle h, String conversationId, NewMessage m, Set<String> insertedIds,
                                 Set<String> knownAttachments) {
        if (m.replyTo() != null && !insertedIds.contains(m.replyTo()) && !isInConversation(h, m.replyTo(), conversationId)) {
            throw new NotFoundException("No message " + m.replyTo() + " in conversation " + conversationId + " to reply to");
        }
        for (String attachmentId : m.attachmentIds()) {
            if (!knownAttachments.contains(attachmentId) && h.createQuery(ctx.sql("attachment").get("exists"))
                    .bind("id", attachmentId)
                    .bind("userId", userId)
                    .mapTo(Integer.class).findOne().isEmpty()) {
                throw new NotFoundException("No attachment " + attachmentId);
            }
            knownAttachments.add(attachmentId);
        }
    }

    private boolean isInConversation(Handle h, String messageId, String conversationId) {
        return h.createQuery(sql().get("isInConversation"))
                .bind("id", messageId)
                .bind("conversationId", conversationId)
                .mapTo(Integer.class).findOne().isPresent();
    }

    private void addRow(PreparedBatch rows, Message m, String hash) {
        rows.bind("id", m.id())
                .bind("conversationId", m.conversationId())
                .bind("userId", userId)
                .bind("seq", m.seq())
                .bind("parentId", m.parentId())
                .bind("role", m.role().wireName())
                .bind("type", m.type().wireName())
                .bind("content", m.content())
                .bindByType("mediaRefs", Json.writeStrings(m.media().refs()), JsonText.class)
                .bind("audioRef", m.media().audioRef())
                .bind("audioDurationMs", m.media().audioDurationMs())
                .bind("modelName", m.usage().model())
                .bind("promptTokens", m.usage().promptTokens())
                .bind("completionTokens", m.usage().completionTokens())
                .bind("toolCallId", m.toolCallId())
                .bind("metadata", Json.write(m.metadata()))
                .bind("clientMessageId", m.clientMessageId())
                .bind("payloadHash", hash)
                .bind("replyToId", m.replyToId())
                .bind("now", m.createdAt())
                .add();
    }

    private Optional<Stored> findByClientId(Handle h, String conversationId, String clientMessageId) {
        return h.createQuery(sql().get("byClientMessageId"))
                .bind("conversationId", conversationId)
                .bind("clientMessageId", clientMessageId)
                .bind("userId", userId)
                .map((rs, c) -> new Stored(Rows.message(ctx.dialect, rs), rs.getString("payload_hash")))
                .findOne();
    }

    @Override
    public Optional<Message> get(String messageId) {
        Check.id("messageId", messageId);
        return ctx.read("read a message", h -> find(h, messageId));
    }

    private Optional<Message> find(Handle h, String messageId) {
        return h.createQuery(sql().get("byId"))
                .bind("id", messageId)
                .bind("userId", userId)
                .map(mapper).findOne();
    }

    private Message require(Handle h, String messageId) {
        return find(h, messageId).orElseThrow(() -> notFound(messageId));
    }

    @Override
    public Optional<Message> findReply(String messageId) {
        Check.id("messageId", messageId);
        return ctx.read("find a reply", h -> h.createQuery(sql().get("replyTo"))
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
        int limit = Check.pageLimit(page, Limits.MESSAGES_PAGE_DEFAULT, Limits.MESSAGES_PAGE_MAX);
        return ctx.read("read messages", h -> {
            requireConversation(h, conversationId);
            String listing = newestFirst ? "messages-newest-first" : "messages-oldest-first";
            return new Keyset<>(listing, conversationId, new SeqOrder(h, conversationId, newestFirst))
                    .page(page.cursor(), limit, 1);
        });
    }

    @Override
    public Page<Message> after(String conversationId, long afterSeq, int limit) {
        Check.id("conversationId", conversationId);
        Check.nonNegative("afterSeq", afterSeq);
        int effective = Check.limit("limit", limit, Limits.MESSAGES_PAGE_MAX);
        return ctx.read("read messages", h -> {
            requireConversation(h, conversationId);
            return new Keyset<>("messages-oldest-first", conversationId, new SeqOrder(h, conversationId, false))
                    .pageFrom(true, afterSeq, effective);
        });
    }

    private void requireConversation(Handle h, String conversationId) {
        if (h.createQuery(conversationSql().get("exists"))
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
            return h.createQuery(sql().get(down ? "pageBefore" : "pageAfter"))
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
    public Message editContent(String messageId, String content) {
        Check.id("messageId", messageId);
        Check.anyText("content", content, Limits.CONTENT_MAX);
        return ctx.write("edit a message", h -> {
            Message message = require(h, messageId);
            h.createUpdate(sql().get("editContent"))
                    .bind("id", messageId)
                    .bind("userId", userId)
                    .bind("content", content)
                    .bind("now", ctx.now())
                    .execute();
            h.createUpdate(conversationSql().get("refreshPreview")).bind("id", message.conversationId()).execute();
            return require(h, messageId);
        });
    }

    @Override
    public Message setFeedback(String messageId, Feedback feedback) {
        Check.id("messageId", messageId);
        Check.notNull("feedback", feedback);
        return ctx.write("set feedback on a message", h -> {
            int updated = h.createUpdate(sql().get("setFeedback"))
                    .bind("id", messageId)
                    .bind("userId", userId)
                    .bind("rating", feedback.rating() == null ? null : feedback.rating().wireName())
                    .bind("mistake", feedback.mistake())
                    .bind("mistakeNote", feedback.mistakeNote())
                    .execute();
            if (updated == 0) {
                throw notFound(messageId);
            }
            return require(h, messageId);
        });
    }

    @Override
    public Appended regenerate(String assistantMessageId, NewMessage reply) {
        return appendSibling("regenerate a reply", "assistantMessageId", assistantMessageId, "reply", reply, Role.ASSISTANT);
    }

    @Override
    public Appended editIntoBranch(String userMessageId, NewMessage edited) {
        return appendSibling("edit a message into a branch", "userMessageId", userMessageId, "edited", edited, Role.USER);
    }

    /** Appends {@code message} with the same parent as {@code siblingId}, as the new tip. */
    private Appended appendSibling(String operation, String siblingArg, String siblingId, String messageArg,
                                   NewMessage message, Role role) {
        Check.id(siblingArg, siblingId);
        Check.notNull(messageArg, message);
        if (message.role() != role) {
            throw new InvalidInputException(messageArg, "must be a " + role.wireName() + " message, was " + message.role().wireName());
        }
        return ctx.write(operation, h -> {
            Message sibling = require(h, siblingId);
            if (sibling.role() != role) {
                throw new InvalidInputException(siblingArg, "is a " + sibling.role().wireName() + " message, not a "
                        + role.wireName() + " message");
            }
            Locked locked = lock(h, sibling.conversationId());
            return appendLocked(h, sibling.conversationId(), List.of(message), locked, sibling.parentId()).get(0);
        });
    }

    @Override
    public Conversation selectBranch(String messageId) {
        Check.id("messageId", messageId);
        return ctx.write("select a branch", h -> {
            Message tip = require(h, messageId);
            lock(h, tip.conversationId());
            h.createUpdate(conversationSql().get("setTip"))
                    .bind("id", tip.conversationId())
                    .bind("tipId", tip.id())
                    .bind("now", ctx.now())
                    .execute();
            return h.createQuery(conversationSql().get("byId"))
                    .bind("id", tip.conversationId())
                    .bind("userId", userId)
                    .map(Rows.conversation(ctx.dialect)).one().conversation();
        });
    }

    @Override
    public Page<Message> branch(String conversationId, PageRequest page) {
        Check.id("conversationId", conversationId);
        Check.notNull("page", page);
        int limit = Check.pageLimit(page, Limits.MESSAGES_PAGE_DEFAULT, Limits.MESSAGES_PAGE_MAX);
        return ctx.read("read a branch", h -> {
            Optional<String> tip = h.createQuery(conversationSql().get("byId"))
                    .bind("id", conversationId)
                    .bind("userId", userId)
                    .map((rs, c) -> Optional.ofNullable(rs.getString("active_tip_id")))
                    .findOne()
                    .orElseThrow(() -> JdbcConversations.notFound(conversationId));
            return ancestorsPage(h, conversationId, "branch", conversationId, tip.orElse(null), page.cursor(), limit);
        });
    }

    @Override
    public Page<Message> path(String messageId, PageRequest page) {
        Check.id("messageId", messageId);
        Check.notNull("page", page);
        int limit = Check.pageLimit(page, Limits.MESSAGES_PAGE_DEFAULT, Limits.MESSAGES_PAGE_MAX);
        return ctx.read("read a message path", h -> {
            Message start = require(h, messageId);
            return ancestorsPage(h, start.conversationId(), "path", messageId, messageId, page.cursor(), limit);
        });
    }

    /**
     * A page of the walk from {@code startId} to the root. The cursor names the last message
     * returned; the next page starts at its parent, so each page costs {@code limit} index lookups
     * however deep it is.
     */
    private Page<Message> ancestorsPage(Handle h, String conversationId, String listing, String scope, String startId,
                                        String cursorText, int limit) {
        String start = startId;
        if (cursorText != null) {
            String after = Cursor.decode(cursorText, listing, scope, 1).key().get(0);
            Check.id("cursor", after);
            start = h.createQuery(sql().get("parentOf"))
                    .bind("id", after)
                    .bind("conversationId", conversationId)
                    .map((rs, c) -> Optional.ofNullable(rs.getString(1)))
                    .findOne()
                    .orElseThrow(() -> new InvalidInputException("cursor", "points at a message that no longer exists"))
                    .orElse(null);
        }
        if (start == null) {
            return new Page<>(List.of(), null, null);
        }
        List<Message> rows = h.createQuery(sql().get("ancestors"))
                .bind("startId", start)
                .bind("conversationId", conversationId)
                .bind("limit", limit + 1)
                .map(mapper).list();
        List<Message> items = rows.subList(0, Math.min(limit, rows.size()));
        String next = rows.size() > limit
                ? new Cursor(listing, scope, true, List.of(items.get(items.size() - 1).id())).encode() : null;
        return new Page<>(items, next, null);
    }

    @Override
    public boolean delete(String messageId) {
        Check.id("messageId", messageId);
        return ctx.write("delete a message", h -> {
            Optional<Message> found = find(h, messageId);
            if (found.isEmpty()) {
                return false;
            }
            Message message = found.get();
            Locked locked = lock(h, message.conversationId());
            // Children move up to the deleted message's parent, so branches stay connected.
            h.createUpdate(sql().get("reparentChildren"))
                    .bind("id", messageId)
                    .bind("newParentId", message.parentId())
                    .execute();
            h.createUpdate(sql().get("delete")).bind("id", messageId).execute();
            boolean wasUnread = message.role() == Role.ASSISTANT && message.seq() > locked.readSeq();
            h.createUpdate(conversationSql().get("recordDelete"))
                    .bind("id", message.conversationId())
                    .bind("unread", wasUnread ? 1 : 0)
                    .bind("tipId", messageId.equals(locked.tipId()) ? message.parentId() : locked.tipId())
                    .bind("now", ctx.now())
                    .execute();
            return true;
        });
    }

    private static NotFoundException notFound(String messageId) {
        return new NotFoundException("No message " + messageId);
    }
}

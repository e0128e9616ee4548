package dev.chatstore.jdbc.internal;

import dev.chatstore.AppendOptions;
import dev.chatstore.AppendOutcome;
import dev.chatstore.Appended;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.Conversation;
import dev.chatstore.Feedback;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.Messages;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.PromptWindow;
import dev.chatstore.Role;
import dev.chatstore.WindowLimit;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.MessageHook;
import dev.chatstore.jdbc.internal.ConversationLedger.Locked;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * One user's messages: validates arguments and runs each operation in one transaction. Writes
 * lock the conversation row first ({@link ConversationLedger}) and only then read the message they
 * change. Appending is {@link MessageAppender}'s, branch walks are {@link BranchReader}'s, the
 * message table is {@link MessageRows}'. Thread-safe.
 */
final class JdbcMessages implements Messages {
    private final StoreContext ctx;
    private final String userId;

    JdbcMessages(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
    }

    @Override
    public Appended append(String conversationId, NewMessage message) {
        Check.id("conversationId", conversationId);
        Check.notNull("message", message);
        return ctx.writeFor(userId, "append a message", h -> ctx.appender.append(h, userId, conversationId, List.of(message)).get(0));
    }

    @Override
    public List<Appended> appendAll(String conversationId, List<NewMessage> messages) {
        Check.id("conversationId", conversationId);
        List<NewMessage> batch = checkBatch(messages);
        if (batch.isEmpty()) {
            return List.of();
        }
        return ctx.writeFor(userId, "append messages", h -> ctx.appender.append(h, userId, conversationId, batch));
    }

    @Override
    public AppendOutcome appendAll(String conversationId, List<NewMessage> messages, AppendOptions options) {
        Check.id("conversationId", conversationId);
        List<NewMessage> batch = checkBatch(messages);
        Check.notNull("options", options);
        return ctx.writeFor(userId, "append messages", h -> {
            Locked row = ctx.ledger.lock(h, userId, conversationId);
            OptionalLong expected = options.expectedRevision();
            if (expected.isPresent() && expected.getAsLong() != row.revision()) {
                throw new ConcurrentUpdateException("Conversation " + conversationId + " is at revision "
                        + row.revision() + ", not " + expected.getAsLong() + "; nothing was appended");
            }
            List<Appended> appended = batch.isEmpty() ? List.of()
                    : ctx.appender.appendAfter(h, userId, row, row.tipId(), batch);
            if (!options.metadataPatch().isEmpty()) {
                ctx.ledger.patchMetadata(h, userId, row, options.metadataPatch());
            }
            return new AppendOutcome(appended, ctx.ledger.require(h, userId, conversationId));
        });
    }

    private static List<NewMessage> checkBatch(List<NewMessage> messages) {
        Check.notNull("messages", messages);
        if (messages.size() > Limits.BATCH_MAX) {
            throw new InvalidInputException("messages", messages.size() + " exceeds the maximum batch of " + Limits.BATCH_MAX);
        }
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) == null) {
                throw new InvalidInputException("messages", "element " + i + " is null");
            }
        }
        return List.copyOf(messages);
    }

    @Override
    public Optional<Message> get(String messageId) {
        Check.id("messageId", messageId);
        return ctx.readFor(userId, "read a message", h -> ctx.messageRows.find(h, userId, messageId));
    }

    @Override
    public Optional<Message> findReply(String messageId) {
        Check.id("messageId", messageId);
        return ctx.readFor(userId, "find a reply", h -> ctx.messageRows.findReply(h, userId, messageId));
    }

    @Override
    public Optional<Message> byClientMessageId(String conversationId, String clientMessageId) {
        Check.id("conversationId", conversationId);
        Check.text("clientMessageId", clientMessageId, Limits.CLIENT_MESSAGE_ID_MAX);
        return ctx.readFor(userId, "find a message by client id",
                h -> ctx.messageRows.byClientMessageId(h, userId, conversationId, clientMessageId))
                .map(MessageRows.Stored::message);
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
        int limit = Check.pageLimit(page, Limits.MESSAGES_PAGE_DEFAULT, Limits.MESSAGES_PAGE_MAX);
        return ctx.readFor(userId, "read messages", h -> {
            ctx.ledger.requireExists(h, userId, conversationId);
            return seqOrder(h, conversationId, newestFirst).page(page.cursor(), limit, 1);
        });
    }

    @Override
    public Page<Message> after(String conversationId, long afterSeq, int limit) {
        Check.id("conversationId", conversationId);
        Check.nonNegative("afterSeq", afterSeq);
        int size = Check.limit("limit", limit, Limits.MESSAGES_PAGE_MAX);
        return ctx.readFor(userId, "read messages", h -> {
            ctx.ledger.requireExists(h, userId, conversationId);
            return seqOrder(h, conversationId, false).pageFrom(true, afterSeq, size);
        });
    }

    /** A conversation's messages by sequence number, newest or oldest first. */
    private Keyset<Message, Long> seqOrder(Handle h, String conversationId, boolean newestFirst) {
        String listing = newestFirst ? "messages-newest-first" : "messages-oldest-first";
        return new Keyset<>(listing, conversationId, new Keyset.Source<>() {
            @Override
            public List<Message> fetch(boolean inListingOrder, Long bound, int limit) {
                return ctx.messageRows.page(h, userId, conversationId, bound, inListingOrder != newestFirst, limit);
            }

            @Override
            public Long keyOf(Message row) {
                return row.seq();
            }

            @Override
            public Long start() {
                return newestFirst ? Long.MAX_VALUE : 0L;
            }

            @Override
            public List<String> encodeKey(Long key) {
                return List.of(key.toString());
            }

            @Override
            public Long decodeKey(Cursor cursor) {
                return cursor.longPart(0);
            }
        });
    }

    @Override
    public Message editContent(String messageId, String content) {
        Check.id("messageId", messageId);
        Check.anyText("content", content, Limits.CONTENT_MAX);
        return ctx.writeFor(userId, "edit a message", h -> {
            Locked row = lockConversationOf(h, messageId);
            if (!ctx.messageRows.editContent(h, userId, messageId, content, ctx.now())) {
                throw MessageRows.notFound(messageId);
            }
            ctx.ledger.refreshPreview(h, userId, row);
            Message edited = ctx.messageRows.require(h, userId, messageId);
            for (MessageHook hook : ctx.hooks) {
                hook.edited(h, userId, edited);
            }
            return edited;
        });
    }

    @Override
    public Message setFeedback(String messageId, Feedback feedback) {
        Check.id("messageId", messageId);
        Check.notNull("feedback", feedback);
        return ctx.writeFor(userId, "set feedback on a message", h -> {
            Locked row = lockConversationOf(h, messageId);
            if (!ctx.messageRows.setFeedback(h, userId, messageId, feedback)) {
                throw MessageRows.notFound(messageId);
            }
            ctx.ledger.touch(h, userId, row);
            return ctx.messageRows.require(h, userId, messageId);
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
        return ctx.writeFor(userId, operation, h -> {
            Locked row = lockConversationOf(h, siblingId);
            Message sibling = ctx.messageRows.require(h, userId, siblingId);
            if (sibling.role() != role) {
                throw new InvalidInputException(siblingArg, "is a " + sibling.role().wireName() + " message, not a "
                        + role.wireName() + " message");
            }
            return ctx.appender.appendAfter(h, userId, row, sibling.parentId(), List.of(message)).get(0);
        });
    }

    @Override
    public Conversation selectBranch(String messageId) {
        Check.id("messageId", messageId);
        return ctx.writeFor(userId, "select a branch", h -> {
            Locked row = lockConversationOf(h, messageId);
            Message tip = ctx.messageRows.require(h, userId, messageId);
            ctx.ledger.setTip(h, userId, row, tip.id(), ctx.now());
            return ctx.ledger.require(h, userId, row.id());
        });
    }

    @Override
    public Page<Message> branch(String conversationId, PageRequest page) {
        Check.id("conversationId", conversationId);
        int limit = Check.pageLimit(page, Limits.MESSAGES_PAGE_DEFAULT, Limits.MESSAGES_PAGE_MAX);
        return ctx.readFor(userId, "read a branch", h -> {
            Conversation c = ctx.ledger.require(h, userId, conversationId);
            return ctx.branches.ancestorsPage(h, userId, conversationId, "branch", conversationId, c.activeTipId(),
                    page.cursor(), limit);
        });
    }

    @Override
    public PromptWindow promptWindow(String conversationId, WindowLimit limit) {
        Check.id("conversationId", conversationId);
        Check.notNull("limit", limit);
        return ctx.readFor(userId, "read a prompt window",
                h -> ctx.windows.read(h, ctx.ledger.require(h, userId, conversationId), limit));
    }

    @Override
    public Page<Message> path(String messageId, PageRequest page) {
        Check.id("messageId", messageId);
        int limit = Check.pageLimit(page, Limits.MESSAGES_PAGE_DEFAULT, Limits.MESSAGES_PAGE_MAX);
        return ctx.readFor(userId, "read a message path", h -> {
            Message start = ctx.messageRows.require(h, userId, messageId);
            return ctx.branches.ancestorsPage(h, userId, start.conversationId(), "path", messageId, messageId, page.cursor(),
                    limit);
        });
    }

    @Override
    public boolean delete(String messageId) {
        Check.id("messageId", messageId);
        return ctx.writeFor(userId, "delete a message", h -> {
            Optional<String> conversationId = ctx.messageRows.conversationOf(h, userId, messageId);
            if (conversationId.isEmpty()) {
                return false;
            }
            Locked row = ctx.ledger.lock(h, userId, conversationId.get());
            // Read under the lock: a concurrent delete of the same message has committed by now.
            Optional<Message> found = ctx.messageRows.find(h, userId, messageId);
            if (found.isEmpty()) {
                return false;
            }
            ctx.attachmentLinks.unlinkWithMessage(h, userId, row.id(), messageId);
            if (!ctx.messageRows.delete(h, userId, found.get())) {
                return false;
            }
            Message message = found.get();
            boolean wasUnread = message.role() == Role.ASSISTANT && message.seq() > row.readSeq();
            String tip = messageId.equals(row.tipId()) ? message.parentId() : row.tipId();
            ctx.ledger.recordDelete(h, userId, row, wasUnread, tip, ctx.now());
            for (MessageHook hook : ctx.hooks) {
                hook.deleted(h, userId, message);
            }
            return true;
        });
    }

    /**
     * Locks the conversation of the user's message; afterwards the message can be read knowing no
     * other writer changes it before this transaction ends.
     *
     * @throws dev.chatstore.NotFoundException if the user has no such message
     */
    private Locked lockConversationOf(Handle h, String messageId) {
        String conversationId = ctx.messageRows.conversationOf(h, userId, messageId)
                .orElseThrow(() -> MessageRows.notFound(messageId));
        return ctx.ledger.lock(h, userId, conversationId);
    }
}

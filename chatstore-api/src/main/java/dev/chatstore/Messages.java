package dev.chatstore;

import java.util.List;
import java.util.Optional;

/**
 * One user's messages. Thread-safe. Appends are O(1): they never read or rewrite the rest of the
 * conversation. A null or malformed argument is an {@link InvalidInputException} and changes nothing.
 */
public interface Messages {

    /**
     * Appends a message in one transaction with the conversation's counters and attachment links.
     * With a {@code clientMessageId} seen before in this conversation, stores nothing and returns
     * the original (see {@link NewMessage}).
     *
     * @throws NotFoundException            if the conversation, the reply-to message or an attachment
     *                                      is not the user's (the reply-to message must be in the same conversation)
     * @throws IdempotencyConflictException if the {@code clientMessageId} was used with another payload
     */
    Appended append(String conversationId, NewMessage message);

    /**
     * Appends several messages, in order, in one transaction: all are stored or none.
     * Replays inside the batch behave as for {@link #append}.
     */
    List<Appended> appendAll(String conversationId, List<NewMessage> messages);

    /**
     * Appends several messages as {@link #appendAll(String, List)} does and, in the same transaction,
     * does what {@code options} asks: checks the conversation's revision after locking it, and patches
     * its metadata. {@code messages} may be empty (a conditional metadata patch). Everything is
     * stored or nothing is.
     *
     * @throws ConcurrentUpdateException if the conversation is no longer at the expected revision
     */
    AppendOutcome appendAll(String conversationId, List<NewMessage> messages, AppendOptions options);

    Optional<Message> get(String messageId);

    /** The newest message that replies to {@code messageId}, if any. */
    Optional<Message> findReply(String messageId);

    /** The message with {@code clientMessageId} in the conversation, if any. */
    Optional<Message> byClientMessageId(String conversationId, String clientMessageId);

    /**
     * Messages newest first. {@link Page#nextCursor()} leads to older messages.
     *
     * @throws NotFoundException     if the user has no such conversation
     * @throws InvalidInputException for a garbled or foreign cursor, or a limit over {@link Limits#MESSAGES_PAGE_MAX}
     */
    Page<Message> newestFirst(String conversationId, PageRequest page);

    /**
     * Messages oldest first. {@link Page#nextCursor()} leads to newer messages.
     *
     * @throws NotFoundException     if the user has no such conversation
     * @throws InvalidInputException for a garbled or foreign cursor, or a limit over {@link Limits#MESSAGES_PAGE_MAX}
     */
    Page<Message> oldestFirst(String conversationId, PageRequest page);

    /**
     * The newest {@code limit} messages (1 to {@link Limits#MESSAGES_PAGE_MAX}), newest first:
     * shorthand for the first {@link #newestFirst} page.
     */
    default Page<Message> latest(String conversationId, int limit) {
        return newestFirst(conversationId, PageRequest.first(limit));
    }

    /**
     * Up to {@code limit} messages (1 to {@link Limits#MESSAGES_PAGE_MAX}) with a sequence number
     * greater than {@code afterSeq}, oldest first: what a client that has seen up to {@code afterSeq}
     * is missing. The page's cursors are those of {@link #oldestFirst}: {@link Page#nextCursor()}
     * leads to newer messages, {@link Page#previousCursor()} back to {@code afterSeq} and before.
     *
     * @throws NotFoundException     if the user has no such conversation
     * @throws InvalidInputException if {@code afterSeq} is negative or {@code limit} is out of range
     */
    Page<Message> after(String conversationId, long afterSeq, int limit);

    /**
     * Replaces the content and records the edit time; everything else is kept. (To keep the old
     * text, use {@link #editIntoBranch} instead.)
     *
     * @throws NotFoundException if the user has no such message
     */
    Message editContent(String messageId, String content);

    /**
     * Sets (replaces) the user's feedback on a message; {@link Feedback#NONE} clears it.
     *
     * @throws NotFoundException if the user has no such message
     */
    Message setFeedback(String messageId, Feedback feedback);

    /**
     * Appends a new assistant reply as a sibling of {@code assistantMessageId} (same parent), and
     * makes it the tip of the chosen branch.
     *
     * @throws NotFoundException     if the user has no such message
     * @throws InvalidInputException if it is not an assistant message, or {@code reply} is not one
     */
    Appended regenerate(String assistantMessageId, NewMessage reply);

    /**
     * Appends {@code edited} as a sibling of {@code userMessageId} (same parent), starting a new
     * branch whose tip it becomes; the original stays on its own branch.
     *
     * @throws NotFoundException     if the user has no such message
     * @throws InvalidInputException if it is not a user message, or {@code edited} is not one
     */
    Appended editIntoBranch(String userMessageId, NewMessage edited);

    /**
     * Chooses the branch ending at {@code messageId}: reading follows it and new appends continue it.
     * By default the newest appended message is the tip.
     *
     * @throws NotFoundException if the user has no such message
     */
    Conversation selectBranch(String messageId);

    /**
     * The chosen branch of the conversation, from its tip towards the root, keyset-paged
     * ({@link Page#nextCursor()} leads to older messages; branch pages have no previous cursor).
     *
     * @throws NotFoundException if the user has no such conversation
     */
    Page<Message> branch(String conversationId, PageRequest page);

    /**
     * What to send to a model for the next turn: the conversation's system prompt and the newest
     * messages of its chosen branch, oldest first, within {@code limit}; tool results whose call is
     * older than the window are left out, so a call is never separated from its results. Reads one
     * snapshot; its cost grows with the window, not with the conversation.
     *
     * @throws NotFoundException     if the user has no such conversation
     * @throws InvalidInputException if {@code limit} is null, or its counter counts a negative number
     */
    PromptWindow promptWindow(String conversationId, WindowLimit limit);

    /**
     * The path from {@code messageId} to the root of its conversation, newest first, keyset-paged
     * like {@link #branch}.
     *
     * @throws NotFoundException if the user has no such message
     */
    Page<Message> path(String messageId, PageRequest page);

    /**
     * Deletes one message; the conversation's count, last-message time, preview and unread count
     * stay exact. Replies to it lose their reply-to link; its children move up to its parent.
     *
     * @return false if the user has no such message
     */
    boolean delete(String messageId);
}

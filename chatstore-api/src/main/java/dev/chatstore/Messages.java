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
     * @param conversationId the conversation to append to; the message continues its chosen branch
     * @param message        the message, not null
     * @return the stored message, or the original one for a replay ({@link Appended#replayed()})
     * @throws NotFoundException            if the conversation, the reply-to message or an attachment
     *                                      is not the user's (the reply-to message must be in the same conversation)
     * @throws IdempotencyConflictException if the {@code clientMessageId} was used with another payload
     * @throws InvalidInputException       if the id is not valid or {@code message} is null
     * @throws ConcurrentUpdateException   if concurrent transactions kept it from committing after the store's retries
     */
    Appended append(String conversationId, NewMessage message);

    /**
     * Appends several messages, in order, in one transaction: all are stored or none.
     * Replays inside the batch behave as for {@link #append}.
     *
     * @param conversationId the conversation to append to
     * @param messages       the messages, in order; at most {@link Limits#BATCH_MAX}, none null; may be empty
     * @return one outcome per message, in the order given
     * @throws InvalidInputException        if the id is not valid, or {@code messages} is null, holds null or is
     *                                      too long
     * @throws NotFoundException            as for {@link #append}
     * @throws IdempotencyConflictException as for {@link #append}, and if a {@code clientMessageId} is used twice
     *                                      in the batch with different payloads (then nothing is stored)
     */
    List<Appended> appendAll(String conversationId, List<NewMessage> messages);

    /**
     * Appends several messages as {@link #appendAll(String, List)} does and, in the same transaction,
     * does what {@code options} asks: checks the conversation's revision after locking it, and patches
     * its metadata. {@code messages} may be empty (a conditional metadata patch). Everything is
     * stored or nothing is.
     *
     * @param conversationId the conversation to append to
     * @param messages       the messages, in order; at most {@link Limits#BATCH_MAX}, none null; may be empty
     * @param options        the revision check and metadata patch, not null ({@link AppendOptions#none()} for neither)
     * @return each message's outcome and the conversation as the transaction left it
     * @throws ConcurrentUpdateException if the conversation is no longer at the expected revision
     * @throws NotFoundException            as for {@link #append}
     * @throws IdempotencyConflictException as for {@link #append}
     * @throws InvalidInputException        if an argument is null or not valid
     */
    AppendOutcome appendAll(String conversationId, List<NewMessage> messages, AppendOptions options);

    /**
     * The user's message with the id.
     *
     * @param messageId the message's id
     * @return the message, or empty if the user has no such message
     * @throws InvalidInputException if {@code messageId} is null or not a chatstore id (a lowercase UUID)
     */
    Optional<Message> get(String messageId);

    /**
     * The newest message that replies to {@code messageId}, if any.
     *
     * @param messageId the id of the message replied to
     * @return the newest message whose {@link Message#replyToId()} is {@code messageId}, or empty
     * @throws InvalidInputException if {@code messageId} is null or not a chatstore id
     */
    Optional<Message> findReply(String messageId);

    /**
     * The message with {@code clientMessageId} in the conversation, if any.
     *
     * @param conversationId  the conversation's id
     * @param clientMessageId the caller's idempotency key, non-blank, at most {@link Limits#CLIENT_MESSAGE_ID_MAX} chars
     * @return the message stored under that key, or empty
     * @throws InvalidInputException if an argument is null or not valid
     */
    Optional<Message> byClientMessageId(String conversationId, String clientMessageId);

    /**
     * Messages newest first. {@link Page#nextCursor()} leads to older messages.
     *
     * @param conversationId the conversation's id
     * @param page           which page; default size {@link Limits#MESSAGES_PAGE_DEFAULT}
     * @return the page, newest message first
     * @throws NotFoundException     if the user has no such conversation
     * @throws InvalidInputException for a garbled or foreign cursor, or a limit over {@link Limits#MESSAGES_PAGE_MAX}
     */
    Page<Message> newestFirst(String conversationId, PageRequest page);

    /**
     * Messages oldest first. {@link Page#nextCursor()} leads to newer messages.
     *
     * @param conversationId the conversation's id
     * @param page           which page; default size {@link Limits#MESSAGES_PAGE_DEFAULT}
     * @return the page, oldest message first
     * @throws NotFoundException     if the user has no such conversation
     * @throws InvalidInputException for a garbled or foreign cursor, or a limit over {@link Limits#MESSAGES_PAGE_MAX}
     */
    Page<Message> oldestFirst(String conversationId, PageRequest page);

    /**
     * The newest {@code limit} messages (1 to {@link Limits#MESSAGES_PAGE_MAX}), newest first:
     * shorthand for the first {@link #newestFirst} page.
     *
     * @param conversationId the conversation's id
     * @param limit          how many messages at most
     * @return the page, newest message first
     * @throws NotFoundException     if the user has no such conversation
     * @throws InvalidInputException if {@code limit} is out of range
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
     * @param conversationId the conversation's id
     * @param afterSeq       the highest sequence number the client has, 0 for none
     * @param limit          how many messages at most
     * @return the page, oldest message first
     * @throws NotFoundException     if the user has no such conversation
     * @throws InvalidInputException if {@code afterSeq} is negative or {@code limit} is out of range
     */
    Page<Message> after(String conversationId, long afterSeq, int limit);

    /**
     * Replaces the content and records the edit time; everything else is kept. (To keep the old
     * text, use {@link #editIntoBranch} instead.)
     *
     * @param messageId the message's id
     * @param content   the new text; may be empty, at most {@link Limits#CONTENT_MAX} chars
     * @return the message as changed
     * @throws NotFoundException if the user has no such message
     * @throws InvalidInputException if the id is not valid, or {@code content} is null, too long or not storable
     */
    Message editContent(String messageId, String content);

    /**
     * Sets (replaces) the user's feedback on a message; {@link Feedback#NONE} clears it.
     *
     * @param messageId the message's id
     * @param feedback  the feedback, not null
     * @return the message as changed
     * @throws NotFoundException if the user has no such message
     */
    Message setFeedback(String messageId, Feedback feedback);

    /**
     * Appends a new assistant reply as a sibling of {@code assistantMessageId} (same parent), and
     * makes it the tip of the chosen branch.
     *
     * @param assistantMessageId the assistant message to regenerate
     * @param reply              the new assistant message
     * @return the stored reply (or, for a replayed {@code clientMessageId}, the original)
     * @throws NotFoundException     if the user has no such message
     * @throws InvalidInputException if it is not an assistant message, or {@code reply} is not one
     */
    Appended regenerate(String assistantMessageId, NewMessage reply);

    /**
     * Appends {@code edited} as a sibling of {@code userMessageId} (same parent), starting a new
     * branch whose tip it becomes; the original stays on its own branch.
     *
     * @param userMessageId the user message to edit
     * @param edited        the edited user message
     * @return the stored message (or, for a replayed {@code clientMessageId}, the original)
     * @throws NotFoundException     if the user has no such message
     * @throws InvalidInputException if it is not a user message, or {@code edited} is not one
     */
    Appended editIntoBranch(String userMessageId, NewMessage edited);

    /**
     * Chooses the branch ending at {@code messageId}: reading follows it and new appends continue it.
     * By default the newest appended message is the tip.
     *
     * @param messageId the message to make the tip: any message of the conversation
     * @return the conversation with its new {@link Conversation#activeTipId()}
     * @throws NotFoundException if the user has no such message
     */
    Conversation selectBranch(String messageId);

    /**
     * The chosen branch of the conversation, from its tip towards the root, keyset-paged
     * ({@link Page#nextCursor()} leads to older messages; branch pages have no previous cursor).
     *
     * @param conversationId the conversation's id
     * @param page           which page; default size {@link Limits#MESSAGES_PAGE_DEFAULT}
     * @return the page, tip first
     * @throws NotFoundException if the user has no such conversation
     * @throws InvalidInputException for a garbled or foreign cursor, or a limit over {@link Limits#MESSAGES_PAGE_MAX}
     */
    Page<Message> branch(String conversationId, PageRequest page);

    /**
     * What to send to a model for the next turn: the conversation's system prompt and the newest
     * messages of its chosen branch, oldest first, within {@code limit}; tool results whose call is
     * older than the window are left out, so a call is never separated from its results. Reads one
     * snapshot; its cost grows with the window, not with the conversation.
     *
     * @param conversationId the conversation's id
     * @param limit          how many messages or tokens the window holds at most
     * @return the window
     * @throws NotFoundException     if the user has no such conversation
     * @throws InvalidInputException if {@code limit} is null, or its counter counts a negative number
     */
    PromptWindow promptWindow(String conversationId, WindowLimit limit);

    /**
     * The path from {@code messageId} to the root of its conversation, newest first, keyset-paged
     * like {@link #branch}.
     *
     * @param messageId the message to start from
     * @param page      which page; default size {@link Limits#MESSAGES_PAGE_DEFAULT}
     * @return the page, newest first
     * @throws NotFoundException if the user has no such message
     * @throws InvalidInputException for a garbled or foreign cursor, or a limit over {@link Limits#MESSAGES_PAGE_MAX}
     */
    Page<Message> path(String messageId, PageRequest page);

    /**
     * Deletes one message; the conversation's count, last-message time, preview and unread count
     * stay exact. Replies to it lose their reply-to link; its children move up to its parent.
     *
     * @param messageId the message's id
     * @return false if the user has no such message
     * @throws InvalidInputException if {@code messageId} is not a chatstore id
     */
    boolean delete(String messageId);
}

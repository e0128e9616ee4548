package dev.chatstore;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored message. Immutable snapshot.
 *
 * @param id              the message's id (a lowercase UUID the store assigned)
 * @param conversationId  the conversation it belongs to
 * @param seq             position in the conversation: 1, 2, 3 … assigned at append, never reused
 * @param parentId        the message before this one on its branch, or null for a first message
 * @param role            who wrote it
 * @param type            what it carries besides text
 * @param content         its text; may be empty
 * @param media           never null; {@link Media#NONE} when none
 * @param usage           never null; {@link TokenUsage#NONE} when unknown
 * @param toolCallId      the tool call a {@link Role#TOOL} message answers, or null
 * @param toolCalls       the tool calls an assistant message requests, in order; never null
 * @param toolName        the tool whose result a {@link Role#TOOL} message holds, or null
 * @param reasoning       the reasoning an assistant message came with, or null
 * @param attachmentIds   the attachments linked to the message, by id in ascending order; never null
 * @param metadata        free JSON metadata: null, String, Boolean, finite numbers, lists and
 *                        string-keyed maps of those; never null (empty when unset)
 * @param clientMessageId the caller's idempotency key, or null
 * @param replyToId       the message this one answers, or null
 * @param feedback        never null; {@link Feedback#NONE} when none
 * @param createdAt       when it was appended
 * @param editedAt        when the content was last edited, or null
 */
public record Message(
        String id,
        String conversationId,
        long seq,
        String parentId,
        Role role,
        MessageType type,
        String content,
        Media media,
        TokenUsage usage,
        String toolCallId,
        List<ToolCall> toolCalls,
        String toolName,
        String reasoning,
        List<String> attachmentIds,
        Map<String, Object> metadata,
        String clientMessageId,
        String replyToId,
        Feedback feedback,
        Instant createdAt,
        Instant editedAt) {
    /**
     * Copies the lists.
     *
     * @param id              the message's id
     * @param conversationId  the conversation it belongs to
     * @param seq             its position in the conversation
     * @param parentId        the message before it on its branch, or null
     * @param role            who wrote it
     * @param type            what it carries besides text
     * @param content         its text
     * @param media           the media it refers to
     * @param usage           the model and tokens it took
     * @param toolCallId      the tool call it answers, or null
     * @param toolCalls       the tool calls it requests, not null
     * @param toolName        the tool whose result it holds, or null
     * @param reasoning       the reasoning it came with, or null
     * @param attachmentIds   the ids of its linked attachments, not null
     * @param metadata        its metadata
     * @param clientMessageId the caller's idempotency key, or null
     * @param replyToId       the message it answers, or null
     * @param feedback        the user's feedback on it
     * @param createdAt       when it was appended
     * @param editedAt        when it was last edited, or null
     * @throws NullPointerException if {@code toolCalls} or {@code attachmentIds} is or holds null
     */
    public Message {
        toolCalls = List.copyOf(toolCalls);
        attachmentIds = List.copyOf(attachmentIds);
    }
}

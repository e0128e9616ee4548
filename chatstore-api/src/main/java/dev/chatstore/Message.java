package dev.chatstore;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored message. Immutable snapshot.
 *
 * @param seq             position in the conversation: 1, 2, 3 … assigned at append, never reused
 * @param parentId        the message before this one on its branch, or null for a first message
 * @param media           never null; {@link Media#NONE} when none
 * @param usage           never null; {@link TokenUsage#NONE} when unknown
 * @param feedback        never null; {@link Feedback#NONE} when none
 * @param metadata        free JSON metadata: null, String, Boolean, finite numbers, lists and
 *                        string-keyed maps of those; never null (empty when unset)
 * @param clientMessageId the caller's idempotency key, or null
 * @param replyToId       the message this one answers, or null
 * @param toolCallId      the tool call a {@link Role#TOOL} message answers, or null
 * @param toolCalls       the tool calls an assistant message requests, in order; never null
 * @param toolName        the tool whose result a {@link Role#TOOL} message holds, or null
 * @param reasoning       the reasoning an assistant message came with, or null
 * @param attachmentIds   the attachments linked to the message, by id in ascending order; never null
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
    public Message {
        toolCalls = List.copyOf(toolCalls);
        attachmentIds = List.copyOf(attachmentIds);
    }
}

package dev.chatstore;

import dev.chatstore.internal.Check;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A message to append. Validated on construction. Immutable; the builder-style methods return copies.
 *
 * <p>Two appends to one conversation with the same {@code clientMessageId} are one message: the
 * second returns the first (marked as a replay) when every other component is equal, and fails
 * with {@link IdempotencyConflictException} otherwise.
 *
 * @param content       the text; may be empty, at most {@link Limits#CONTENT_MAX} chars
 * @param attachmentIds attachments (of the same user) to link to the message and its conversation
 * @param type          what the message carries; default {@link MessageType#TEXT}
 * @param media         media references; default none
 * @param usage         model and token counts; default none
 * @param toolCallId    for {@link Role#TOOL} messages: the tool call answered; only allowed on tool messages
 */
public record NewMessage(
        Role role,
        String content,
        String clientMessageId,
        String replyTo,
        Map<String, Object> metadata,
        List<String> attachmentIds,
        MessageType type,
        Media media,
        TokenUsage usage,
        String toolCallId) {
    public NewMessage {
        Check.notNull("role", role);
        Check.anyText("content", content, Limits.CONTENT_MAX);
        Check.optionalText("clientMessageId", clientMessageId, Limits.CLIENT_MESSAGE_ID_MAX);
        Check.optionalId("replyTo", replyTo);
        metadata = Check.metadata("metadata", metadata == null ? Map.of() : metadata);
        attachmentIds = attachmentIds == null ? List.of()
                : attachmentIds.stream().map(id -> Check.id("attachmentIds", id)).distinct().toList();
        if (attachmentIds.size() > Limits.ATTACHMENTS_PER_MESSAGE_MAX) {
            throw new InvalidInputException("attachmentIds", attachmentIds.size() + " exceeds the maximum of "
                    + Limits.ATTACHMENTS_PER_MESSAGE_MAX);
        }
        type = type == null ? MessageType.TEXT : type;
        media = media == null ? Media.NONE : media;
        usage = usage == null ? TokenUsage.NONE : usage;
        Check.optionalText("toolCallId", toolCallId, Limits.TOOL_CALL_ID_MAX);
        if (toolCallId != null && role != Role.TOOL) {
            throw new InvalidInputException("toolCallId", "is only allowed on tool messages");
        }
    }

    public NewMessage(Role role, String content, String clientMessageId, String replyTo,
                      Map<String, Object> metadata, List<String> attachmentIds) {
        this(role, content, clientMessageId, replyTo, metadata, attachmentIds, null, null, null, null);
    }

    public static NewMessage of(Role role, String content) {
        return new NewMessage(role, content, null, null, Map.of(), List.of());
    }

    public static NewMessage user(String content) {
        return of(Role.USER, content);
    }

    public static NewMessage assistant(String content) {
        return of(Role.ASSISTANT, content);
    }

    public static NewMessage system(String content) {
        return of(Role.SYSTEM, content);
    }

    /** A tool's result for the tool call {@code toolCallId}. */
    public static NewMessage tool(String toolCallId, String content) {
        return new NewMessage(Role.TOOL, content, null, null, Map.of(), List.of(), null, null, null,
                Check.notNull("toolCallId", toolCallId));
    }

    public NewMessage clientMessageId(String id) {
        return new NewMessage(role, content, Check.notNull("clientMessageId", id), replyTo, metadata, attachmentIds,
                type, media, usage, toolCallId);
    }

    public NewMessage replyTo(String messageId) {
        return new NewMessage(role, content, clientMessageId, Check.notNull("replyTo", messageId), metadata,
                attachmentIds, type, media, usage, toolCallId);
    }

    public NewMessage metadata(Map<String, ?> newMetadata) {
        return new NewMessage(role, content, clientMessageId, replyTo, Check.metadata("metadata", newMetadata),
                attachmentIds, type, media, usage, toolCallId);
    }

    public NewMessage attachments(String... ids) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata,
                Arrays.asList(Check.notNull("attachmentIds", ids)), type, media, usage, toolCallId);
    }

    public NewMessage type(MessageType newType) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds,
                Check.notNull("type", newType), media, usage, toolCallId);
    }

    public NewMessage media(Media newMedia) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds, type,
                Check.notNull("media", newMedia), usage, toolCallId);
    }

    public NewMessage usage(TokenUsage newUsage) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds, type, media,
                Check.notNull("usage", newUsage), toolCallId);
    }
}

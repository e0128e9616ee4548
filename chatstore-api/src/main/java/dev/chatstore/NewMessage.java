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
 * @param toolCalls     for {@link Role#ASSISTANT} messages: the tool calls requested, in order, with distinct
 *                      ids; at most {@link Limits#TOOL_CALLS_PER_MESSAGE_MAX}; only allowed on assistant messages
 * @param toolName      for {@link Role#TOOL} messages: the name of the tool that answered, or null
 * @param reasoning     for {@link Role#ASSISTANT} messages: the reasoning ("thinking") a provider returned beside
 *                      the answer, or null; at most {@link Limits#CONTENT_MAX} chars
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
        String toolCallId,
        List<ToolCall> toolCalls,
        String toolName,
        String reasoning) {
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
        toolCalls = toolCalls == null ? List.of() : List.copyOf(Check.notNullElements("toolCalls", toolCalls));
        if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
            throw new InvalidInputException("toolCalls", "are only allowed on assistant messages");
        }
        if (toolCalls.size() > Limits.TOOL_CALLS_PER_MESSAGE_MAX) {
            throw new InvalidInputException("toolCalls", toolCalls.size() + " exceeds the maximum of "
                    + Limits.TOOL_CALLS_PER_MESSAGE_MAX);
        }
        if (toolCalls.stream().map(ToolCall::id).distinct().count() != toolCalls.size()) {
            throw new InvalidInputException("toolCalls", "must have distinct ids");
        }
        Check.optionalText("toolName", toolName, Limits.TOOL_NAME_MAX);
        if (toolName != null && role != Role.TOOL) {
            throw new InvalidInputException("toolName", "is only allowed on tool messages");
        }
        if (reasoning != null) {
            Check.anyText("reasoning", reasoning, Limits.CONTENT_MAX);
            if (role != Role.ASSISTANT) {
                throw new InvalidInputException("reasoning", "is only allowed on assistant messages");
            }
        }
    }

    public NewMessage(Role role, String content, String clientMessageId, String replyTo,
                      Map<String, Object> metadata, List<String> attachmentIds) {
        this(role, content, clientMessageId, replyTo, metadata, attachmentIds, null, null, null, null);
    }

    /** Without tool calls, tool name and reasoning. */
    public NewMessage(Role role, String content, String clientMessageId, String replyTo,
                      Map<String, Object> metadata, List<String> attachmentIds, MessageType type, Media media,
                      TokenUsage usage, String toolCallId) {
        this(role, content, clientMessageId, replyTo, metadata, attachmentIds, type, media, usage, toolCallId,
                null, null, null);
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

    /** The result of tool {@code toolName} for the tool call {@code toolCallId}. */
    public static NewMessage tool(String toolCallId, String toolName, String content) {
        return new NewMessage(Role.TOOL, content, null, null, Map.of(), List.of(), null, null, null,
                Check.notNull("toolCallId", toolCallId), null, Check.notNull("toolName", toolName), null);
    }

    public NewMessage clientMessageId(String id) {
        return new NewMessage(role, content, Check.notNull("clientMessageId", id), replyTo, metadata, attachmentIds,
                type, media, usage, toolCallId, toolCalls, toolName, reasoning);
    }

    public NewMessage replyTo(String messageId) {
        return new NewMessage(role, content, clientMessageId, Check.notNull("replyTo", messageId), metadata,
                attachmentIds, type, media, usage, toolCallId, toolCalls, toolName, reasoning);
    }

    public NewMessage metadata(Map<String, ?> newMetadata) {
        return new NewMessage(role, content, clientMessageId, replyTo, Check.metadata("metadata", newMetadata),
                attachmentIds, type, media, usage, toolCallId, toolCalls, toolName, reasoning);
    }

    public NewMessage attachments(String... ids) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata,
                Arrays.asList(Check.notNull("attachmentIds", ids)), type, media, usage, toolCallId, toolCalls, toolName, reasoning);
    }

    public NewMessage type(MessageType newType) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds,
                Check.notNull("type", newType), media, usage, toolCallId, toolCalls, toolName, reasoning);
    }

    public NewMessage media(Media newMedia) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds, type,
                Check.notNull("media", newMedia), usage, toolCallId, toolCalls, toolName, reasoning);
    }

    public NewMessage usage(TokenUsage newUsage) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds, type, media,
                Check.notNull("usage", newUsage), toolCallId, toolCalls, toolName, reasoning);
    }

    /** The tool calls an assistant message requests, in order. */
    public NewMessage toolCalls(ToolCall... calls) {
        return toolCalls(Arrays.asList(Check.notNull("toolCalls", calls)));
    }

    /** The tool calls an assistant message requests, in order. */
    public NewMessage toolCalls(List<ToolCall> calls) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds, type, media, usage,
                toolCallId, Check.notNull("toolCalls", calls), toolName, reasoning);
    }

    /** The reasoning ("thinking") an assistant message came with. */
    public NewMessage reasoning(String text) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds, type, media, usage,
                toolCallId, toolCalls, toolName, Check.notNull("reasoning", text));
    }
}

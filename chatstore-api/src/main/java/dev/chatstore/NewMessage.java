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
 * @param role          who writes it; not null
 * @param content       the text; may be empty, at most {@link Limits#CONTENT_MAX} chars
 * @param clientMessageId the caller's idempotency key (non-blank, at most {@link Limits#CLIENT_MESSAGE_ID_MAX}
 *                      chars), or null
 * @param replyTo       the id of the message (in the same conversation) this one answers, or null
 * @param metadata      free JSON metadata within {@link Limits#METADATA_MAX}; null is taken as empty
 * @param attachmentIds attachments (of the same user) to link to the message and its conversation, at most
 *                      {@link Limits#ATTACHMENTS_PER_MESSAGE_MAX}; duplicates count once; null is taken as none
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
    /**
     * Validates the components and fills in the defaults.
     *
     * @param role            who writes it
     * @param content         the text
     * @param clientMessageId the caller's idempotency key, or null
     * @param replyTo         the message answered, or null
     * @param metadata        the metadata, or null for none
     * @param attachmentIds   the attachments to link, or null for none
     * @param type            what it carries, or null for {@link MessageType#TEXT}
     * @param media           media references, or null for none
     * @param usage           model and token counts, or null for none
     * @param toolCallId      the tool call answered, or null
     * @param toolCalls       the tool calls requested, or null for none
     * @param toolName        the tool that answered, or null
     * @param reasoning       the reasoning, or null
     * @throws InvalidInputException naming the first component that is missing, not valid, too long or not
     *                               storable, or that the message's role does not allow
     */
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

    /**
     * A text message without media, usage or tool fields.
     *
     * @param role            who writes it
     * @param content         the text
     * @param clientMessageId the caller's idempotency key, or null
     * @param replyTo         the message answered, or null
     * @param metadata        the metadata, or null for none
     * @param attachmentIds   the attachments to link, or null for none
     * @throws InvalidInputException naming the first component that is missing or not valid
     */
    public NewMessage(Role role, String content, String clientMessageId, String replyTo,
                      Map<String, Object> metadata, List<String> attachmentIds) {
        this(role, content, clientMessageId, replyTo, metadata, attachmentIds, null, null, null, null);
    }

    /**
     * A message without tool calls, tool name and reasoning.
     *
     * @param role            who writes it
     * @param content         the text
     * @param clientMessageId the caller's idempotency key, or null
     * @param replyTo         the message answered, or null
     * @param metadata        the metadata, or null for none
     * @param attachmentIds   the attachments to link, or null for none
     * @param type            what it carries, or null for {@link MessageType#TEXT}
     * @param media           media references, or null for none
     * @param usage           model and token counts, or null for none
     * @param toolCallId      the tool call answered (tool messages only), or null
     * @throws InvalidInputException naming the first component that is missing or not valid
     */
    public NewMessage(Role role, String content, String clientMessageId, String replyTo,
                      Map<String, Object> metadata, List<String> attachmentIds, MessageType type, Media media,
                      TokenUsage usage, String toolCallId) {
        this(role, content, clientMessageId, replyTo, metadata, attachmentIds, type, media, usage, toolCallId,
                null, null, null);
    }

    /**
     * A plain text message without idempotency key, reply-to link, metadata or attachments.
     *
     * @param role    who wrote it, not null
     * @param content the text; may be empty
     * @return the message
     * @throws InvalidInputException if {@code role} or {@code content} is null, or the content is too long or not
     *                               storable
     */
    public static NewMessage of(Role role, String content) {
        return new NewMessage(role, content, null, null, Map.of(), List.of());
    }

    /**
     * A plain text message of the user.
     *
     * @param content the text; may be empty
     * @return the message
     * @throws InvalidInputException if {@code content} is null, too long or not storable
     */
    public static NewMessage user(String content) {
        return of(Role.USER, content);
    }

    /**
     * A plain text message of the assistant.
     *
     * @param content the text; may be empty
     * @return the message
     * @throws InvalidInputException if {@code content} is null, too long or not storable
     */
    public static NewMessage assistant(String content) {
        return of(Role.ASSISTANT, content);
    }

    /**
     * A system message: instructions to the model.
     *
     * @param content the text; may be empty
     * @return the message
     * @throws InvalidInputException if {@code content} is null, too long or not storable
     */
    public static NewMessage system(String content) {
        return of(Role.SYSTEM, content);
    }

    /**
     * A tool's result for the tool call {@code toolCallId}.
     *
     * @param toolCallId the {@link ToolCall#id()} answered, non-blank
     * @param content    the tool's result
     * @return the tool message
     * @throws InvalidInputException if an argument is null or not valid
     */
    public static NewMessage tool(String toolCallId, String content) {
        return new NewMessage(Role.TOOL, content, null, null, Map.of(), List.of(), null, null, null,
                Check.notNull("toolCallId", toolCallId));
    }

    /**
     * The result of tool {@code toolName} for the tool call {@code toolCallId}.
     *
     * @param toolCallId the {@link ToolCall#id()} answered, non-blank
     * @param toolName   the tool's name, non-blank
     * @param content    the tool's result
     * @return the tool message
     * @throws InvalidInputException if an argument is null or not valid
     */
    public static NewMessage tool(String toolCallId, String toolName, String content) {
        return new NewMessage(Role.TOOL, content, null, null, Map.of(), List.of(), null, null, null,
                Check.notNull("toolCallId", toolCallId), null, Check.notNull("toolName", toolName), null);
    }

    /**
     * A copy with an idempotency key: appending it again to the same conversation returns the stored message.
     *
     * @param id the key, non-blank, at most {@link Limits#CLIENT_MESSAGE_ID_MAX} chars
     * @return the copy
     * @throws InvalidInputException if {@code id} is null, blank, too long or not storable
     */
    public NewMessage clientMessageId(String id) {
        return new NewMessage(role, content, Check.notNull("clientMessageId", id), replyTo, metadata, attachmentIds,
                type, media, usage, toolCallId, toolCalls, toolName, reasoning);
    }

    /**
     * A copy that answers another message of the same conversation (see {@link Messages#findReply}).
     *
     * @param messageId the id of the message answered
     * @return the copy
     * @throws InvalidInputException if {@code messageId} is null or not a chatstore id
     */
    public NewMessage replyTo(String messageId) {
        return new NewMessage(role, content, clientMessageId, Check.notNull("replyTo", messageId), metadata,
                attachmentIds, type, media, usage, toolCallId, toolCalls, toolName, reasoning);
    }

    /**
     * A copy with other metadata.
     *
     * @param newMetadata the metadata, a JSON object within {@link Limits#METADATA_MAX}; not null
     * @return the copy
     * @throws InvalidInputException if {@code newMetadata} is null or not valid metadata
     */
    public NewMessage metadata(Map<String, ?> newMetadata) {
        return new NewMessage(role, content, clientMessageId, replyTo, Check.metadata("metadata", newMetadata),
                attachmentIds, type, media, usage, toolCallId, toolCalls, toolName, reasoning);
    }

    /**
     * A copy linking the attachments (duplicates count once).
     *
     * @param ids the attachments' ids, at most {@link Limits#ATTACHMENTS_PER_MESSAGE_MAX}
     * @return the copy
     * @throws InvalidInputException if {@code ids} is or holds null, holds an id that is not valid, or is too long
     */
    public NewMessage attachments(String... ids) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata,
                Arrays.asList(Check.notNull("attachmentIds", ids)), type, media, usage, toolCallId, toolCalls, toolName, reasoning);
    }

    /**
     * A copy with another type.
     *
     * @param newType what the message carries, not null
     * @return the copy
     * @throws InvalidInputException if {@code newType} is null
     */
    public NewMessage type(MessageType newType) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds,
                Check.notNull("type", newType), media, usage, toolCallId, toolCalls, toolName, reasoning);
    }

    /**
     * A copy with other media.
     *
     * @param newMedia the media, not null ({@link Media#NONE} for none)
     * @return the copy
     * @throws InvalidInputException if {@code newMedia} is null
     */
    public NewMessage media(Media newMedia) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds, type,
                Check.notNull("media", newMedia), usage, toolCallId, toolCalls, toolName, reasoning);
    }

    /**
     * A copy with another model and token counts.
     *
     * @param newUsage the usage, not null ({@link TokenUsage#NONE} for none)
     * @return the copy
     * @throws InvalidInputException if {@code newUsage} is null
     */
    public NewMessage usage(TokenUsage newUsage) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds, type, media,
                Check.notNull("usage", newUsage), toolCallId, toolCalls, toolName, reasoning);
    }

    /**
     * The tool calls an assistant message requests, in order.
     *
     * @param calls the calls, with distinct ids, at most {@link Limits#TOOL_CALLS_PER_MESSAGE_MAX}
     * @return the copy
     * @throws InvalidInputException if {@code calls} is or holds null, their ids repeat, there are too many, or this
     *                               is not an assistant message
     */
    public NewMessage toolCalls(ToolCall... calls) {
        return toolCalls(Arrays.asList(Check.notNull("toolCalls", calls)));
    }

    /**
     * The tool calls an assistant message requests, in order.
     *
     * @param calls the calls, with distinct ids, at most {@link Limits#TOOL_CALLS_PER_MESSAGE_MAX}
     * @return the copy
     * @throws InvalidInputException if {@code calls} is or holds null, their ids repeat, there are too many, or this
     *                               is not an assistant message
     */
    public NewMessage toolCalls(List<ToolCall> calls) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds, type, media, usage,
                toolCallId, Check.notNull("toolCalls", calls), toolName, reasoning);
    }

    /**
     * The reasoning ("thinking") an assistant message came with.
     *
     * @param text the reasoning, at most {@link Limits#CONTENT_MAX} chars
     * @return the copy
     * @throws InvalidInputException if {@code text} is null, too long or not storable, or this is not an assistant
     *                               message
     */
    public NewMessage reasoning(String text) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, attachmentIds, type, media, usage,
                toolCallId, toolCalls, toolName, Check.notNull("reasoning", text));
    }
}

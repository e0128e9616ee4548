package dev.chatstore;

import dev.chatstore.internal.Check;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A message to append. Validated on construction. Immutable; the builder-style methods return copies.
 *
 * <p>Two appends to one conversation with the same {@code clientMessageId} are one message: the
 * second returns the first (marked as a replay) when role, content, reply-to, metadata and
 * attachments are equal, and fails with {@link IdempotencyConflictException} otherwise.
 *
 * @param content       the text; may be empty, at most {@link Limits#CONTENT_MAX} chars
 * @param attachmentIds attachments (of the same user) to link to the message and its conversation
 */
public record NewMessage(
        Role role,
        String content,
        String clientMessageId,
        String replyTo,
        Map<String, Object> metadata,
        List<String> attachmentIds) {
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

    public static NewMessage tool(String content) {
        return of(Role.TOOL, content);
    }

    public NewMessage clientMessageId(String id) {
        return new NewMessage(role, content, Check.notNull("clientMessageId", id), replyTo, metadata, attachmentIds);
    }

    public NewMessage replyTo(String messageId) {
        return new NewMessage(role, content, clientMessageId, Check.notNull("replyTo", messageId), metadata, attachmentIds);
    }

    public NewMessage metadata(Map<String, ?> newMetadata) {
        return new NewMessage(role, content, clientMessageId, replyTo, Check.metadata("metadata", newMetadata), attachmentIds);
    }

    public NewMessage attachments(String... ids) {
        return new NewMessage(role, content, clientMessageId, replyTo, metadata, Arrays.asList(Check.notNull("attachmentIds", ids)));
    }
}

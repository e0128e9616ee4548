package dev.chatstore;

import java.time.Instant;
import java.util.Map;

/**
 * A stored message. Immutable snapshot.
 *
 * @param seq             position in the conversation: 1, 2, 3 … assigned at append, never reused
 * @param metadata        free JSON metadata: null, String, Boolean, finite numbers, lists and
 *                        string-keyed maps of those; never null (empty when unset)
 * @param clientMessageId the caller's idempotency key, or null
 * @param replyToId       the message this one answers, or null
 */
public record Message(
        String id,
        String conversationId,
        long seq,
        Role role,
        String content,
        Map<String, Object> metadata,
        String clientMessageId,
        String replyToId,
        Instant createdAt) {
}

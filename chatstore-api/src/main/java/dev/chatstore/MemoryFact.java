package dev.chatstore;

import java.time.Instant;

/**
 * Something learned about a user. Immutable snapshot.
 *
 * @param confidence          0..1
 * @param sourceConversationId where it was learned, or null (also after that conversation was deleted)
 * @param sourceMessageId      the message it was learned from, or null (also after that message was deleted)
 */
public record MemoryFact(
        String id,
        String userId,
        FactCategory category,
        String content,
        double confidence,
        boolean active,
        String sourceConversationId,
        String sourceMessageId,
        Instant createdAt,
        Instant updatedAt) {
}

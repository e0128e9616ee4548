package dev.chatstore;

import java.time.Instant;

/**
 * Something learned about a user. Immutable snapshot.
 *
 * @param id                   the fact's id
 * @param userId               the user it is about
 * @param category             what kind of thing it records
 * @param content              the fact, in words
 * @param confidence           how sure the application is of it, 0..1
 * @param active               false once it was deactivated (kept, but left out of {@link FactQuery#onlyActive()} lists)
 * @param sourceConversationId where it was learned, or null (also after that conversation was deleted)
 * @param sourceMessageId      the message it was learned from, or null (also after that message was deleted)
 * @param createdAt            when it was stored
 * @param updatedAt            when it was last changed
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

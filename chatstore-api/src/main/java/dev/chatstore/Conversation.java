package dev.chatstore;

import java.time.Instant;
import java.util.Map;

/**
 * A stored conversation. Immutable snapshot.
 *
 * @param personaId     the persona this conversation is with, or null
 * @param title         the title, or null
 * @param metadata      free JSON metadata, never null (empty when unset)
 * @param messageCount  the exact number of messages, kept in the same transaction as every append and delete
 * @param lastMessageAt time of the newest message, or null when there is none
 */
public record Conversation(
        String id,
        String userId,
        String personaId,
        String title,
        Map<String, Object> metadata,
        long messageCount,
        Instant lastMessageAt,
        Instant createdAt,
        Instant updatedAt) {
}

package dev.chatstore;

import java.time.Instant;

/**
 * What a chat sidebar shows of a conversation. Immutable snapshot.
 *
 * @param personaDisplayName the persona's display name, or null (no persona, or one the store does not know)
 */
public record ConversationSummary(
        String id,
        String title,
        String personaName,
        String personaDisplayName,
        boolean pinned,
        boolean archived,
        long messageCount,
        String lastMessagePreview,
        Instant lastMessageAt,
        long unreadCount) {
}

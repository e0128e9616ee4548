package dev.chatstore;

import java.time.Instant;

/**
 * What a chat sidebar shows of a conversation. Immutable snapshot.
 *
 * @param id                 the conversation's id
 * @param title              its title, or null
 * @param personaName        the name of the persona it is with, or null
 * @param personaDisplayName the persona's display name, or null (no persona, or one the store does not know)
 * @param pinned             whether the user pinned it
 * @param archived           whether the user archived it
 * @param messageCount       the number of its messages (all branches)
 * @param lastMessagePreview the first {@link Limits#PREVIEW_LENGTH} code points of the newest message, or null
 * @param lastMessageAt      time of the newest message, or null when there is none
 * @param unreadCount        assistant messages after the user's read marker (see {@link Conversations#markRead})
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

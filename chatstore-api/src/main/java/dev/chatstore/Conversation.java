package dev.chatstore;

import java.time.Instant;
import java.util.Map;

/**
 * A stored conversation. Immutable snapshot.
 *
 * @param id                 the conversation's id (a lowercase UUID the store assigned)
 * @param userId             the user it belongs to
 * @param personaName        the persona (by unique name) this conversation is with, or null
 * @param externalKey        the key it was created with by {@link Conversations#getOrCreateByExternalKey}, or null
 * @param title              the title, or null
 * @param metadata           free JSON metadata, never null (empty when unset)
 * @param provider           AI provider id, or null
 * @param model              model name, or null
 * @param systemPrompt       system prompt, or null
 * @param pinned             listed before unpinned conversations
 * @param archived           left out of the default list
 * @param messageCount       the exact number of messages (all branches), kept in the same transaction as every append and delete
 * @param lastSeq            the highest sequence number given to a message so far, 0 before the first; the next
 *                           append gets {@code lastSeq + 1} (numbers of deleted messages are never given again)
 * @param lastMessageAt      time of the newest message, or null when there is none
 * @param lastMessagePreview the first {@link Limits#PREVIEW_LENGTH} code points of the newest message, or null
 * @param unreadCount        assistant messages after the user's read marker (see {@link Conversations#markRead})
 * @param activeTipId        the newest message of the chosen branch (see {@link Messages#branch}), or null
 * @param revision           grows with every change to the conversation or to any of its messages (append,
 *                           edit, feedback, delete, branch choice, metadata, title …), in the same transaction;
 *                           equal revisions of one conversation mean nothing changed in between. See
 *                           {@link AppendOptions#ifRevision} to write only if nothing changed.
 * @param createdAt          when it was created
 * @param updatedAt          when it or one of its messages last changed
 */
public record Conversation(
        String id,
        String userId,
        String personaName,
        String externalKey,
        String title,
        Map<String, Object> metadata,
        String provider,
        String model,
        String systemPrompt,
        boolean pinned,
        boolean archived,
        long messageCount,
        long lastSeq,
        Instant lastMessageAt,
        String lastMessagePreview,
        long unreadCount,
        String activeTipId,
        long revision,
        Instant createdAt,
        Instant updatedAt) {
}

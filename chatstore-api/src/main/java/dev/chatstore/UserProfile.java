package dev.chatstore;

import java.time.Instant;
import java.util.Map;

/**
 * A user's profile. Immutable snapshot.
 *
 * @param userId               the application's id of the user
 * @param email                unique across users, or null
 * @param preferences          JSON preferences, never null
 * @param activeConversationId the user's current conversation, or null
 * @param lastActiveAt         the last {@link Profile#touch()}, or null
 */
public record UserProfile(
        String userId,
        String email,
        String displayName,
        boolean active,
        Map<String, Object> preferences,
        String activeConversationId,
        Instant createdAt,
        Instant updatedAt,
        Instant lastActiveAt) {
}

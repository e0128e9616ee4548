package dev.chatstore;

import java.time.Instant;
import java.util.Map;

/**
 * A user's profile. Immutable snapshot.
 *
 * @param userId               the application's id of the user
 * @param email                unique across users, or null
 * @param displayName          the name the application shows for the user, or null
 * @param active               whether the account is active (the application's flag; the store enforces nothing)
 * @param preferences          JSON preferences, never null
 * @param activeConversationId the user's current conversation, or null
 * @param createdAt            when the profile was created
 * @param updatedAt            when it was last changed
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

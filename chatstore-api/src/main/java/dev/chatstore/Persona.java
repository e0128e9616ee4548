package dev.chatstore;

import java.time.Instant;
import java.util.List;

/**
 * An AI character users chat with. Global, not per user. Immutable snapshot.
 *
 * @param id                a stable id, kept across updates
 * @param name              the unique name conversations refer to (their {@code personaName})
 * @param displayName       the name shown to users
 * @param avatarUrl         the URL of its picture, or null
 * @param description       what it is about, for users, or null
 * @param category          a grouping for catalogues, or null
 * @param systemInstructions the system prompt conversations with it start from
 * @param personalityTraits short trait words, in order
 * @param suggestedOpeners  conversation starters to offer the user, in order
 * @param greeting          the first assistant message of a new conversation, or null
 * @param status            whether new conversations can start with it
 * @param createdAt         when it was created
 * @param updatedAt         when it was last changed
 */
public record Persona(
        String id,
        String name,
        String displayName,
        String avatarUrl,
        String description,
        String category,
        String systemInstructions,
        List<String> personalityTraits,
        List<String> suggestedOpeners,
        String greeting,
        PersonaStatus status,
        Instant createdAt,
        Instant updatedAt) {
}

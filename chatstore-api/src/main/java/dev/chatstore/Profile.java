package dev.chatstore;

import java.util.Map;
import java.util.Optional;

/**
 * One user's profile. Every write creates the profile if it does not exist yet. Thread-safe.
 */
public interface Profile {

    /**
     * Creates or updates email, display name and active flag; preferences and the rest are kept.
     *
     * @throws AlreadyExistsException if another user has the email
     */
    UserProfile upsert(ProfileSpec profile);

    Optional<UserProfile> get();

    /**
     * Merges {@code patch} into the preferences atomically (JSON merge patch, RFC 7386: nested maps
     * merge, a null value removes the key), so concurrent patches all survive.
     */
    UserProfile mergePreferences(Map<String, ?> patch);

    UserProfile replacePreferences(Map<String, ?> preferences);

    /** Records activity now. */
    UserProfile touch();

    /**
     * Sets (or with null clears) the user's active conversation.
     *
     * @throws NotFoundException if the conversation is not the user's
     */
    UserProfile setActiveConversation(String conversationId);

    /** The active conversation, if set and still there. */
    Optional<Conversation> activeConversation();
}

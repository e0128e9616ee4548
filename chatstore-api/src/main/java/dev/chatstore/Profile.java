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
     * @param profile the email, display name and active flag, not null
     * @return the profile as stored
     * @throws AlreadyExistsException if another user has the email
     */
    UserProfile upsert(ProfileSpec profile);

    /** {@return the user's profile, or empty if nothing created it yet} */
    Optional<UserProfile> get();

    /**
     * Merges {@code patch} into the preferences atomically (JSON merge patch, RFC 7386: nested maps
     * merge, a null value removes the key), so concurrent patches all survive.
     *
     * @param patch the merge patch, not null
     * @return the profile as changed
     * @throws InvalidInputException if {@code patch} is null or not valid metadata, or the merged preferences are too
     *                               large or too deep
     */
    UserProfile mergePreferences(Map<String, ?> patch);

    /**
     * Replaces the preferences.
     *
     * @param preferences the new preferences, a JSON object within {@link Limits#METADATA_MAX}; empty to clear them
     * @return the profile as changed
     * @throws InvalidInputException if {@code preferences} is null or not valid metadata
     */
    UserProfile replacePreferences(Map<String, ?> preferences);

    /**
     * Records activity now.
     *
     * @return the profile, with {@link UserProfile#lastActiveAt()} set to now
     */
    UserProfile touch();

    /**
     * Sets (or with null clears) the user's active conversation.
     *
     * @param conversationId the conversation's id, or null
     * @return the profile as changed
     * @throws NotFoundException if the conversation is not the user's
     * @throws InvalidInputException if {@code conversationId} is not a chatstore id
     */
    UserProfile setActiveConversation(String conversationId);

    /** {@return the active conversation, if set and still there} */
    Optional<Conversation> activeConversation();
}

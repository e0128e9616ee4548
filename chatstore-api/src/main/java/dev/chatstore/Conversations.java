package dev.chatstore;

import java.util.Map;
import java.util.Optional;

/**
 * One user's conversations. Thread-safe. Arguments are never null unless stated; a null or
 * malformed argument is an {@link InvalidInputException} and changes nothing.
 */
public interface Conversations {

    /**
     * Creates a conversation (with the persona's greeting as its first message when asked for).
     *
     * @throws AlreadyExistsException       if it names a persona the user already has a conversation with
     * @throws PersonaUnavailableException  if it names a persona that is not active
     */
    Conversation create(NewConversation conversation);

    /**
     * Returns the user's conversation with {@code conversation.personaName()}, creating it from
     * {@code conversation} if there is none. Concurrent calls yield exactly one conversation.
     *
     * @throws InvalidInputException if no persona is named
     */
    Conversation getOrCreateForPersona(NewConversation conversation);

    /**
     * Returns the user's conversation with the external key {@code externalKey} (an id the
     * application or a framework uses for it, such as a chat memory id), creating it from
     * {@code conversation} with that key if there is none. Concurrent calls yield exactly one
     * conversation per user and key; the key stays with the conversation.
     *
     * @param externalKey non-blank, at most {@link Limits#EXTERNAL_KEY_MAX} chars
     * @throws AlreadyExistsException      if a new conversation would name a persona the user already
     *                                     has another conversation with
     * @throws PersonaUnavailableException if a new conversation would name a persona that is not active
     */
    Conversation getOrCreateByExternalKey(String externalKey, NewConversation conversation);

    /**
     * The user's conversation with the external key, if any.
     *
     * @throws InvalidInputException if the key is null, blank or too long
     */
    Optional<Conversation> findByExternalKey(String externalKey);

    Optional<Conversation> get(String conversationId);

    /**
     * The user's conversations that are not archived: pinned first, then most recent activity
     * (creation or last message) first.
     *
     * @throws InvalidInputException for a garbled or foreign cursor, or a limit over
     *                               {@link Limits#CONVERSATIONS_PAGE_MAX}
     */
    Page<Conversation> list(PageRequest page);

    /**
     * The conversations of {@link #list} that pass {@code filter}, in the same order and keyset-paged
     * the same way. A cursor is bound to the filter: it is accepted only with a filter holding the
     * same conditions (in any order), and {@link ConversationFilter#none()} shares the cursors of
     * {@link #list(PageRequest)}.
     *
     * @throws InvalidInputException for a null filter (naming {@code filter}), a cursor of another
     *                               listing, user or filter, or a limit over {@link Limits#CONVERSATIONS_PAGE_MAX}
     */
    Page<Conversation> list(PageRequest page, ConversationFilter filter);

    /** Archived conversations, in the same order as {@link #list}. */
    Page<Conversation> listArchived(PageRequest page);

    /** The archived conversations that pass {@code filter}; cursors as for {@link #list(PageRequest, ConversationFilter)}. */
    Page<Conversation> listArchived(PageRequest page, ConversationFilter filter);

    /**
     * The sidebar view of {@link #list}: title, persona display name, counts, preview, unread count.
     */
    Page<ConversationSummary> sidebar(PageRequest page);

    /** The sidebar view of {@link #list(PageRequest, ConversationFilter)}, sharing its cursors. */
    Page<ConversationSummary> sidebar(PageRequest page, ConversationFilter filter);

    /**
     * Sets the title (null clears it).
     *
     * @throws NotFoundException if the user has no such conversation
     */
    Conversation rename(String conversationId, String title);

    /**
     * Replaces the metadata.
     *
     * @throws NotFoundException if the user has no such conversation
     */
    Conversation replaceMetadata(String conversationId, Map<String, ?> metadata);

    /**
     * Merges {@code patch} into the metadata atomically (JSON merge patch, RFC 7386: nested maps
     * merge, a null value removes the key), so concurrent patches all survive.
     *
     * @throws NotFoundException if the user has no such conversation
     */
    Conversation patchMetadata(String conversationId, Map<String, ?> patch);

    /** Sets provider and model (null clears each). @throws NotFoundException if the user has no such conversation */
    Conversation setModel(String conversationId, String provider, String model);

    /** Sets the system prompt (null clears it). @throws NotFoundException if the user has no such conversation */
    Conversation setSystemPrompt(String conversationId, String systemPrompt);

    /** Pins or unpins. @throws NotFoundException if the user has no such conversation */
    Conversation setPinned(String conversationId, boolean pinned);

    /** Archives or unarchives. @throws NotFoundException if the user has no such conversation */
    Conversation setArchived(String conversationId, boolean archived);

    /**
     * Moves the user's read marker to the newest message: the unread count becomes 0.
     *
     * @throws NotFoundException if the user has no such conversation
     */
    Conversation markRead(String conversationId);

    /**
     * Token counts summed over the conversation's messages.
     *
     * @throws NotFoundException if the user has no such conversation
     */
    TokenTotals tokenTotals(String conversationId);

    /**
     * Deletes the conversation with its messages and attachment links, atomically. Attachments
     * themselves stay (see {@link Attachments#orphans(int)}); memory facts learned in it lose their source.
     *
     * @return false if the user has no such conversation
     */
    boolean delete(String conversationId);
}

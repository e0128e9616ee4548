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
     * @param conversation what to create, not null
     * @return the created conversation
     * @throws AlreadyExistsException       if it names a persona the user already has a conversation with
     * @throws PersonaUnavailableException  if it names a persona that is not active
     */
    Conversation create(NewConversation conversation);

    /**
     * Returns the user's conversation with {@code conversation.personaName()}, creating it from
     * {@code conversation} if there is none. Concurrent calls yield exactly one conversation.
     *
     * @param conversation what to create if the user has no conversation with its persona, not null
     * @return the existing or the created conversation
     * @throws InvalidInputException if no persona is named
     * @throws PersonaUnavailableException if a new conversation would name a persona that is not active
     */
    Conversation getOrCreateForPersona(NewConversation conversation);

    /**
     * Returns the user's conversation with the external key {@code externalKey} (an id the
     * application or a framework uses for it, such as a chat memory id), creating it from
     * {@code conversation} with that key if there is none. Concurrent calls yield exactly one
     * conversation per user and key; the key stays with the conversation.
     *
     * @param externalKey non-blank, at most {@link Limits#EXTERNAL_KEY_MAX} chars
     * @param conversation what to create if there is none with the key, not null
     * @return the existing or the created conversation
     * @throws AlreadyExistsException      if a new conversation would name a persona the user already
     *                                     has another conversation with
     * @throws PersonaUnavailableException if a new conversation would name a persona that is not active
     * @throws InvalidInputException      if the key is null, blank or too long, or {@code conversation} is null
     */
    Conversation getOrCreateByExternalKey(String externalKey, NewConversation conversation);

    /**
     * The user's conversation with the external key, if any.
     *
     * @param externalKey the key given to {@link #getOrCreateByExternalKey}
     * @return the conversation, or empty if the user has none with that key
     * @throws InvalidInputException if the key is null, blank or too long
     */
    Optional<Conversation> findByExternalKey(String externalKey);

    /**
     * The user's conversation with the id.
     *
     * @param conversationId the conversation's id
     * @return the conversation, or empty if the user has no such conversation
     * @throws InvalidInputException if {@code conversationId} is null or not a chatstore id (a lowercase UUID)
     */
    Optional<Conversation> get(String conversationId);

    /**
     * The user's conversations that are not archived: pinned first, then most recent activity
     * (creation or last message) first.
     *
     * @param page which page, e.g. {@link PageRequest#first()}; default size {@link Limits#CONVERSATIONS_PAGE_DEFAULT}
     * @return the page
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
     * @param page   which page
     * @param filter the conditions, e.g. on pinned or metadata; {@link ConversationFilter#none()} for none
     * @return the page
     * @throws InvalidInputException for a null filter (naming {@code filter}), a cursor of another
     *                               listing, user or filter, or a limit over {@link Limits#CONVERSATIONS_PAGE_MAX}
     */
    Page<Conversation> list(PageRequest page, ConversationFilter filter);

    /**
     * Archived conversations, in the same order as {@link #list}.
     *
     * @param page which page
     * @return the page
     * @throws InvalidInputException for a garbled or foreign cursor, or a limit over {@link Limits#CONVERSATIONS_PAGE_MAX}
     */
    Page<Conversation> listArchived(PageRequest page);

    /**
     * The archived conversations that pass {@code filter}; cursors as for {@link #list(PageRequest, ConversationFilter)}.
     *
     * @param page   which page
     * @param filter the conditions; {@link ConversationFilter#none()} for none
     * @return the page
     * @throws InvalidInputException for a null filter, a cursor of another listing, user or filter, or a limit over
     *                               {@link Limits#CONVERSATIONS_PAGE_MAX}
     */
    Page<Conversation> listArchived(PageRequest page, ConversationFilter filter);

    /**
     * The sidebar view of {@link #list}: title, persona display name, counts, preview, unread count.
     *
     * @param page which page; cursors are those of {@link #list(PageRequest)}
     * @return the page
     * @throws InvalidInputException for a garbled or foreign cursor, or a limit over {@link Limits#CONVERSATIONS_PAGE_MAX}
     */
    Page<ConversationSummary> sidebar(PageRequest page);

    /**
     * The sidebar view of {@link #list(PageRequest, ConversationFilter)}, sharing its cursors.
     *
     * @param page   which page
     * @param filter the conditions; {@link ConversationFilter#none()} for none
     * @return the page
     * @throws InvalidInputException for a null filter, a cursor of another listing, user or filter, or a limit over
     *                               {@link Limits#CONVERSATIONS_PAGE_MAX}
     */
    Page<ConversationSummary> sidebar(PageRequest page, ConversationFilter filter);

    /**
     * Sets the title (null clears it).
     *
     * @param conversationId the conversation's id
     * @param title          the new title (non-blank, at most {@link Limits#TITLE_MAX} chars), or null
     * @return the conversation as changed
     * @throws NotFoundException if the user has no such conversation
     * @throws InvalidInputException if the id is not valid, or the title is blank, too long or not storable
     */
    Conversation rename(String conversationId, String title);

    /**
     * Replaces the metadata.
     *
     * @param conversationId the conversation's id
     * @param metadata       the new metadata, a JSON object of at most {@link Limits#METADATA_MAX} chars; empty to
     *                       clear it
     * @return the conversation as changed
     * @throws NotFoundException if the user has no such conversation
     * @throws InvalidInputException if the id is not valid, or {@code metadata} is null or not valid metadata
     */
    Conversation replaceMetadata(String conversationId, Map<String, ?> metadata);

    /**
     * Merges {@code patch} into the metadata atomically (JSON merge patch, RFC 7386: nested maps
     * merge, a null value removes the key), so concurrent patches all survive.
     *
     * @param conversationId the conversation's id
     * @param patch          the merge patch, not null
     * @return the conversation as changed
     * @throws NotFoundException if the user has no such conversation
     * @throws InvalidInputException if the id is not valid, {@code patch} is null or not valid metadata, or the
     *                               result would be too large or too deep
     */
    Conversation patchMetadata(String conversationId, Map<String, ?> patch);

    /**
     * Sets provider and model (null clears each).
     *
     * @param conversationId the conversation's id
     * @param provider       the provider id (at most {@link Limits#PROVIDER_MAX} chars), or null
     * @param model          the model name (at most {@link Limits#MODEL_NAME_MAX} chars), or null
     * @return the conversation as changed
     * @throws NotFoundException if the user has no such conversation
     * @throws InvalidInputException if the id is not valid, or a name is blank, too long or not storable
     */
    Conversation setModel(String conversationId, String provider, String model);

    /**
     * Sets the system prompt (null clears it).
     *
     * @param conversationId the conversation's id
     * @param systemPrompt   the prompt (at most {@link Limits#SYSTEM_PROMPT_MAX} chars), or null
     * @return the conversation as changed
     * @throws NotFoundException if the user has no such conversation
     * @throws InvalidInputException if the id is not valid, or the prompt is blank, too long or not storable
     */
    Conversation setSystemPrompt(String conversationId, String systemPrompt);

    /**
     * Pins or unpins.
     *
     * @param conversationId the conversation's id
     * @param pinned         true to pin
     * @return the conversation as changed
     * @throws NotFoundException if the user has no such conversation
     */
    Conversation setPinned(String conversationId, boolean pinned);

    /**
     * Archives or unarchives.
     *
     * @param conversationId the conversation's id
     * @param archived       true to archive (it leaves {@link #list} for {@link #listArchived})
     * @return the conversation as changed
     * @throws NotFoundException if the user has no such conversation
     */
    Conversation setArchived(String conversationId, boolean archived);

    /**
     * Moves the user's read marker to the newest message: the unread count becomes 0.
     *
     * @param conversationId the conversation's id
     * @return the conversation as changed
     * @throws NotFoundException if the user has no such conversation
     */
    Conversation markRead(String conversationId);

    /**
     * Token counts summed over the conversation's messages.
     *
     * @param conversationId the conversation's id
     * @return the prompt and completion tokens of its messages; unknown counts add nothing
     * @throws NotFoundException if the user has no such conversation
     */
    TokenTotals tokenTotals(String conversationId);

    /**
     * Deletes the conversation with its messages and attachment links, atomically. Attachments
     * themselves stay (see {@link Attachments#orphans(int)}); memory facts learned in it lose their source.
     *
     * @param conversationId the conversation's id
     * @return false if the user has no such conversation
     * @throws InvalidInputException if {@code conversationId} is not a chatstore id
     */
    boolean delete(String conversationId);
}

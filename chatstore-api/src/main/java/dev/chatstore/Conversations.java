package dev.chatstore;

import java.util.Map;
import java.util.Optional;

/**
 * One user's conversations. Thread-safe. Arguments are never null unless stated; a null or
 * malformed argument is an {@link InvalidInputException} and changes nothing.
 */
public interface Conversations {

    /**
     * Creates a conversation.
     *
     * @throws AlreadyExistsException if it names a persona the user already has a conversation with
     */
    Conversation create(NewConversation conversation);

    /**
     * Returns the user's conversation with {@code conversation.personaId()}, creating it from
     * {@code conversation} if there is none. Concurrent calls yield exactly one conversation.
     *
     * @throws InvalidInputException if no persona is named
     */
    Conversation getOrCreateForPersona(NewConversation conversation);

    Optional<Conversation> get(String conversationId);

    /**
     * The user's conversations, most recent activity (creation or last message) first.
     *
     * @throws InvalidInputException for a garbled or foreign cursor, or a limit over
     *                               {@link Limits#CONVERSATIONS_PAGE_MAX}
     */
    Page<Conversation> list(PageRequest page);

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
     * Deletes the conversation with its messages and attachment links, atomically. Attachments
     * themselves stay (see {@link Attachments#orphans(int)}); memory facts learned in it lose their source.
     *
     * @return false if the user has no such conversation
     */
    boolean delete(String conversationId);
}

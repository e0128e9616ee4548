package dev.chatstore;

import java.util.List;
import java.util.Optional;

/**
 * One user's file attachments. Thread-safe. A null or malformed argument is an
 * {@link InvalidInputException} and changes nothing; an unknown id is a {@link NotFoundException}
 * for writes and an empty result for reads.
 */
public interface Attachments {

    /**
     * Registers a file in status {@code uploading}.
     *
     * @param attachment the file's metadata (and inline bytes), not null
     * @return the stored attachment, with its new id
     * @throws InvalidInputException if inline data exceeds the store's inline limit
     */
    Attachment create(NewAttachment attachment);

    /**
     * The user's attachment with the id.
     *
     * @param attachmentId the attachment's id
     * @return the attachment's metadata, or empty if the user has no such attachment
     * @throws InvalidInputException if {@code attachmentId} is null or not a chatstore id
     */
    Optional<Attachment> get(String attachmentId);

    /**
     * The inline bytes, if the attachment exists and is stored inline.
     *
     * @param attachmentId the attachment's id
     * @return a copy of the bytes; empty for an unknown attachment or one stored at a URI
     * @throws InvalidInputException if {@code attachmentId} is null or not a chatstore id
     */
    Optional<byte[]> inlineData(String attachmentId);

    /**
     * {@code uploading → processing}.
     *
     * @param attachmentId the attachment's id
     * @return the attachment as changed
     * @throws IllegalStateTransitionException from any other status
     * @throws NotFoundException if the user has no such attachment
     * @throws ConcurrentUpdateException if another caller changed its status meanwhile
     */
    Attachment markProcessing(String attachmentId);

    /**
     * {@code processing → ready}, with what was extracted.
     *
     * @param attachmentId  the attachment's id
     * @param extractedText the text extracted, or null
     * @param wordCount     words in it, or null
     * @return the attachment as changed
     * @throws InvalidInputException if the id is not valid, the text is blank, longer than
     *                               {@link Limits#EXTRACTED_TEXT_MAX} or not storable, or the word count is negative
     * @throws NotFoundException if the user has no such attachment
     * @throws IllegalStateTransitionException unless it is {@code processing}
     * @throws ConcurrentUpdateException if another caller changed its status meanwhile
     */
    Attachment markReady(String attachmentId, String extractedText, Integer wordCount);

    /**
     * {@code uploading | processing → error}, with why.
     *
     * @param attachmentId the attachment's id
     * @param errorText    why it failed: non-blank, at most {@link Limits#ERROR_TEXT_MAX} chars
     * @return the attachment as changed
     * @throws InvalidInputException if the id is not valid, or {@code errorText} is null, blank, too long or not
     *                               storable
     * @throws NotFoundException if the user has no such attachment
     * @throws IllegalStateTransitionException if it is already {@code ready} or {@code error}
     * @throws ConcurrentUpdateException if another caller changed its status meanwhile
     */
    Attachment markError(String attachmentId, String errorText);

    /**
     * Links the attachment to a conversation (idempotent). Such a link stays until the
     * conversation or the attachment is deleted, unlike the link an append makes between a
     * message's attachments and its conversation, which goes with the last message of the
     * conversation that links the file (see {@link #orphans}).
     *
     * @param attachmentId   the attachment's id
     * @param conversationId the conversation's id
     * @throws InvalidInputException if an id is null or not a chatstore id
     * @throws NotFoundException if the user has no such attachment or conversation
     */
    void linkToConversation(String attachmentId, String conversationId);

    /**
     * Attachments linked to the message, oldest first.
     *
     * @param messageId the message's id
     * @return the attachments, at most {@link Limits#ATTACHMENTS_LIST_MAX}; empty for an unknown message
     * @throws InvalidInputException if {@code messageId} is null or not a chatstore id
     */
    List<Attachment> listForMessage(String messageId);

    /**
     * Attachments linked to the conversation (directly or through its messages), oldest first.
     *
     * @param conversationId the conversation's id
     * @return the attachments, at most {@link Limits#ATTACHMENTS_LIST_MAX}; empty for an unknown conversation
     * @throws InvalidInputException if {@code conversationId} is null or not a chatstore id
     */
    List<Attachment> listForConversation(String conversationId);

    /**
     * Up to {@code limit} (1 to {@link Limits#ATTACHMENTS_LIST_MAX}) of the user's attachments linked
     * to no message and no conversation, oldest first: what a cleanup job may delete. A file
     * appended with messages becomes an orphan when the last of those messages is deleted, unless
     * it was also linked to a conversation with {@link #linkToConversation}.
     *
     * @param limit how many at most
     * @return the orphaned attachments, oldest first
     * @throws InvalidInputException if {@code limit} is out of range
     */
    List<Attachment> orphans(int limit);

    /**
     * Deletes the attachment and its links.
     *
     * @param attachmentId the attachment's id
     * @return false if the user has no such attachment
     * @throws InvalidInputException if {@code attachmentId} is null or not a chatstore id
     */
    boolean delete(String attachmentId);
}

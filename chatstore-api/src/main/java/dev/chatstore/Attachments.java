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
     * @throws InvalidInputException if inline data exceeds the store's inline limit
     */
    Attachment create(NewAttachment attachment);

    Optional<Attachment> get(String attachmentId);

    /** The inline bytes, if the attachment exists and is stored inline. */
    Optional<byte[]> inlineData(String attachmentId);

    /** {@code uploading → processing}. @throws IllegalStateTransitionException from any other status */
    Attachment markProcessing(String attachmentId);

    /**
     * {@code processing → ready}, with what was extracted.
     *
     * @param extractedText the text extracted, or null
     * @param wordCount     words in it, or null
     */
    Attachment markReady(String attachmentId, String extractedText, Integer wordCount);

    /** {@code uploading | processing → error}, with why. */
    Attachment markError(String attachmentId, String errorText);

    /**
     * Links the attachment to a conversation (idempotent). Such a link stays until the
     * conversation or the attachment is deleted, unlike the link an append makes between a
     * message's attachments and its conversation, which goes with the last message of the
     * conversation that links the file (see {@link #orphans}).
     */
    void linkToConversation(String attachmentId, String conversationId);

    /** Attachments linked to the message, oldest first. */
    List<Attachment> listForMessage(String messageId);

    /** Attachments linked to the conversation (directly or through its messages), oldest first. */
    List<Attachment> listForConversation(String conversationId);

    /**
     * Up to {@code limit} (1 to {@link Limits#ATTACHMENTS_LIST_MAX}) of the user's attachments linked
     * to no message and no conversation, oldest first: what a cleanup job may delete. A file
     * appended with messages becomes an orphan when the last of those messages is deleted, unless
     * it was also linked to a conversation with {@link #linkToConversation}.
     */
    List<Attachment> orphans(int limit);

    /** Deletes the attachment and its links. @return false if the user has no such attachment */
    boolean delete(String attachmentId);
}

package dev.chatstore;

import java.time.Instant;

/**
 * Stored file metadata. The bytes live at {@link #storageUri()} or, for small files, inline in the
 * store (read them with {@link Attachments#inlineData(String)}). Immutable snapshot.
 *
 * @param id            the attachment's id
 * @param userId        the user who owns it
 * @param name          the file name
 * @param mimeType      the file's MIME type
 * @param sizeBytes     the file's size in bytes
 * @param sha256        lowercase hex SHA-256 of the content, or null when unknown
 * @param storageUri    where the bytes live, or null when they are stored inline
 * @param inline        whether the bytes are stored inline
 * @param status        where it is in its lifecycle
 * @param errorText     why processing failed (status {@code error}), else null
 * @param extractedText text extracted from the file (status {@code ready}), or null
 * @param wordCount     words in the extracted text, or null
 * @param createdAt     when it was created
 * @param updatedAt     when its status or content last changed
 */
public record Attachment(
        String id,
        String userId,
        String name,
        String mimeType,
        long sizeBytes,
        String sha256,
        String storageUri,
        boolean inline,
        AttachmentStatus status,
        String errorText,
        String extractedText,
        Integer wordCount,
        Instant createdAt,
        Instant updatedAt) {
}

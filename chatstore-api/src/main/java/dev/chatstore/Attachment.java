package dev.chatstore;

import java.time.Instant;

/**
 * Stored file metadata. The bytes live at {@link #storageUri()} or, for small files, inline in the
 * store (read them with {@link Attachments#inlineData(String)}). Immutable snapshot.
 *
 * @param sha256        lowercase hex SHA-256 of the content, or null when unknown
 * @param storageUri    where the bytes live, or null when they are stored inline
 * @param inline        whether the bytes are stored inline
 * @param errorText     why processing failed (status {@code error}), else null
 * @param extractedText text extracted from the file (status {@code ready}), or null
 * @param wordCount     words in the extracted text, or null
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

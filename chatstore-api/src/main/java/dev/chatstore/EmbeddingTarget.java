package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * What an embedding is the vector of: a message, a memory fact, or one chunk of an attachment.
 * Validated on construction. Immutable.
 *
 * @param kind       what {@code id} names
 * @param id         the message, fact or attachment id
 * @param chunkIndex for {@link EmbeddingKind#ATTACHMENT_CHUNK}, the chunk's index (0 or more) within the
 *                   attachment; 0 for the other kinds
 */
public record EmbeddingTarget(EmbeddingKind kind, String id, int chunkIndex) {
    /**
     * Validates the components.
     *
     * @param kind       what {@code id} names
     * @param id         the message, fact or attachment id
     * @param chunkIndex the chunk's index; 0 unless {@code kind} is {@link EmbeddingKind#ATTACHMENT_CHUNK}
     * @throws InvalidInputException if {@code kind} is null, {@code id} is not a chatstore id, or
     *                               {@code chunkIndex} is negative, or not 0 for a message or fact
     */
    public EmbeddingTarget {
        Check.notNull("kind", kind);
        Check.id(kind == EmbeddingKind.MESSAGE ? "messageId" : kind == EmbeddingKind.FACT ? "factId" : "attachmentId", id);
        if (chunkIndex < 0) {
            throw new InvalidInputException("chunkIndex", "must not be negative, was " + chunkIndex);
        }
        if (chunkIndex != 0 && kind != EmbeddingKind.ATTACHMENT_CHUNK) {
            throw new InvalidInputException("chunkIndex", "is only allowed on attachment chunks, was " + chunkIndex);
        }
    }

    /**
     * The message {@code messageId}.
     *
     * @param messageId the message's id
     * @return the target
     * @throws InvalidInputException if {@code messageId} is null or not a chatstore id
     */
    public static EmbeddingTarget message(String messageId) {
        return new EmbeddingTarget(EmbeddingKind.MESSAGE, messageId, 0);
    }

    /**
     * The memory fact {@code factId}.
     *
     * @param factId the fact's id
     * @return the target
     * @throws InvalidInputException if {@code factId} is null or not a chatstore id
     */
    public static EmbeddingTarget fact(String factId) {
        return new EmbeddingTarget(EmbeddingKind.FACT, factId, 0);
    }

    /**
     * Chunk {@code chunkIndex} (0 or more) of attachment {@code attachmentId}.
     *
     * @param attachmentId the attachment's id
     * @param chunkIndex   the chunk's index, 0 or more
     * @return the target
     * @throws InvalidInputException if {@code attachmentId} is null or not a chatstore id, or {@code chunkIndex} is
     *                               negative
     */
    public static EmbeddingTarget attachmentChunk(String attachmentId, int chunkIndex) {
        return new EmbeddingTarget(EmbeddingKind.ATTACHMENT_CHUNK, attachmentId, chunkIndex);
    }
}

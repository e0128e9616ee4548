package dev.chatstore;

import java.util.Locale;

/**
 * Lifecycle of an attachment: {@code uploading → processing → ready | error}; an upload can also
 * fail straight to {@code error}. {@code ready} and {@code error} are final. Stored as the lowercase name.
 */
public enum AttachmentStatus {
    /** The bytes are being uploaded; the status of a new attachment. */
    UPLOADING,
    /** Uploaded; text extraction or other processing is under way. */
    PROCESSING,
    /** Processed; its extracted text, if any, is stored. Final. */
    READY,
    /** Upload or processing failed; its error text says why. Final. */
    ERROR;

    /**
     * Whether moving from this status to {@code next} is allowed.
     *
     * @param next the status to move to
     * @return true for {@code uploading → processing}, {@code uploading → error}, {@code processing → ready}
     *         and {@code processing → error}; false otherwise (also for {@code next} equal to this status)
     */
    public boolean canMoveTo(AttachmentStatus next) {
        return switch (this) {
            case UPLOADING -> next == PROCESSING || next == ERROR;
            case PROCESSING -> next == READY || next == ERROR;
            case READY, ERROR -> false;
        };
    }

    /** {@return the stored form, the lowercase name, e.g. {@code "processing"}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the stored form, the lowercase name as {@link #wireName()} returns it.
     *
     * @param value the stored form; case-sensitive
     * @return the constant named by {@code value}
     * @throws InvalidInputException naming {@code status} if {@code value} is null or names no constant
     */
    public static AttachmentStatus parse(String value) {
        return Enums.parse(AttachmentStatus.class, "status", value);
    }
}

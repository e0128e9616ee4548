package dev.chatstore;

import java.util.Locale;

/**
 * Lifecycle of an attachment: {@code uploading → processing → ready | error}; an upload can also
 * fail straight to {@code error}. {@code ready} and {@code error} are final.
 */
public enum AttachmentStatus {
    UPLOADING, PROCESSING, READY, ERROR;

    /** Whether moving from this status to {@code next} is allowed. */
    public boolean canMoveTo(AttachmentStatus next) {
        return switch (this) {
            case UPLOADING -> next == PROCESSING || next == ERROR;
            case PROCESSING -> next == READY || next == ERROR;
            case READY, ERROR -> false;
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttachmentStatus parse(String value) {
        return Enums.parse(AttachmentStatus.class, "status", value);
    }
}

package dev.chatstore;

/**
 * Told how far a store export, import or copy is: after each batch of rows and once at the end.
 * Called on the thread that does the work; it should return quickly.
 */
@FunctionalInterface
public interface TransferProgress {
    /** Does nothing. */
    TransferProgress NONE = status -> {
    };

    void update(TransferStatus status);
}

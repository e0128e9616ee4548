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

    /**
     * Receives the transfer's progress so far. An exception thrown here ends the transfer.
     *
     * @param status how far the transfer is; {@link TransferStatus#done()} on the last call
     */
    void update(TransferStatus status);
}

package dev.chatstore;

/**
 * Another writer updated the same record between this operation's read and its write (for
 * example, two callers moving one attachment to different states), so this operation did not
 * apply; re-read and decide again.
 */
public class ConcurrentUpdateException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(String message) {
        super(message);
    }

    public ConcurrentUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.chatstore;

/**
 * Another writer updated the same record between this operation's read and its write (for
 * example, two callers moving one attachment to different states), so this operation did not
 * apply; re-read and decide again.
 */
public class ConcurrentUpdateException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a log or an operator
     */
    public ConcurrentUpdateException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for a log or an operator
     * @param cause   the underlying failure, typically a {@code java.sql.SQLException}
     */
    public ConcurrentUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}

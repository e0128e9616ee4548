package dev.chatstore;

/** The requested status change is not allowed from the item's current status. */
public class IllegalStateTransitionException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a log or an operator
     */
    public IllegalStateTransitionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for a log or an operator
     * @param cause   the underlying failure, typically a {@code java.sql.SQLException}
     */
    public IllegalStateTransitionException(String message, Throwable cause) {
        super(message, cause);
    }
}

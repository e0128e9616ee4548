package dev.chatstore;

/**
 * Root of every exception chatstore throws. Unchecked; subclasses are named after the condition.
 * When a database error caused it, the original {@code java.sql.SQLException} is the cause.
 */
public class ChatStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a log or an operator
     */
    public ChatStoreException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for a log or an operator
     * @param cause   the underlying failure, typically a {@code java.sql.SQLException}
     */
    public ChatStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

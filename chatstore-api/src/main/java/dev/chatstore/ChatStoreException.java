package dev.chatstore;

/**
 * Root of every exception chatstore throws. Unchecked; subclasses are named after the condition.
 * When a database error caused it, the original {@link java.sql.SQLException} is the cause.
 */
public class ChatStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChatStoreException(String message) {
        super(message);
    }

    public ChatStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.chatstore;

/** A unique item already exists, e.g. a second conversation for the same user and persona. */
public class AlreadyExistsException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a log or an operator
     */
    public AlreadyExistsException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for a log or an operator
     * @param cause   the underlying failure, typically a {@code java.sql.SQLException}
     */
    public AlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}

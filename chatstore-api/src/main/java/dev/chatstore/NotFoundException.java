package dev.chatstore;

/** The addressed item does not exist, or belongs to another user (the two are indistinguishable by design). */
public class NotFoundException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a log or an operator
     */
    public NotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for a log or an operator
     * @param cause   the underlying failure, typically a {@code java.sql.SQLException}
     */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.chatstore;

/** The database cannot be reached or the store is closed; the operation may succeed later. */
public class StoreUnavailableException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a log or an operator
     */
    public StoreUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for a log or an operator
     * @param cause   the underlying failure, typically a {@code java.sql.SQLException}
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

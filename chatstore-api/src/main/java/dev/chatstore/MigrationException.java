package dev.chatstore;

/** The schema cannot be migrated or does not match this library version; the store refuses to open. */
public class MigrationException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a log or an operator
     */
    public MigrationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for a log or an operator
     * @param cause   the underlying failure, typically a {@code java.sql.SQLException}
     */
    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.chatstore;

/**
 * A database file is not a sound chatstore database: it fails SQLite's integrity check, is
 * truncated, is not SQLite at all, or has no readable schema history. Nothing was changed.
 */
public class CorruptDatabaseException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a log or an operator
     */
    public CorruptDatabaseException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for a log or an operator
     * @param cause   the underlying failure, typically a {@code java.sql.SQLException}
     */
    public CorruptDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}

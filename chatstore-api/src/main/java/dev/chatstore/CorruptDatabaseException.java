package dev.chatstore;

/**
 * A database file is not a sound chatstore database: it fails SQLite's integrity check, is
 * truncated, is not SQLite at all, or has no readable schema history. Nothing was changed.
 */
public class CorruptDatabaseException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    public CorruptDatabaseException(String message) {
        super(message);
    }

    public CorruptDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}

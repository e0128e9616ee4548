package dev.chatstore;

/**
 * The database has no room left for the write (SQLite {@code SQLITE_FULL}: the disk or the
 * configured {@code max_page_count} is full; PostgreSQL {@code 53100 disk_full}). Nothing of the
 * failed operation was stored and what was stored before is intact; reads keep working, and writes
 * succeed again once space is freed. A {@link StoreUnavailableException}, so callers that back off
 * and retry when the store is unavailable treat it the same way.
 */
public class StorageFullException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a log or an operator
     */
    public StorageFullException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for a log or an operator
     * @param cause   the underlying failure, typically a {@code java.sql.SQLException}
     */
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.chatstore;

/** The schema cannot be migrated or does not match this library version; the store refuses to open. */
public class MigrationException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.chatstore;

/** The database cannot be reached or the store is closed; the operation may succeed later. */
public class StoreUnavailableException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

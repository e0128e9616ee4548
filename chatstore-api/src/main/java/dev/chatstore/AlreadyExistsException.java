package dev.chatstore;

/** A unique item already exists, e.g. a second conversation for the same user and persona. */
public class AlreadyExistsException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String message) {
        super(message);
    }

    public AlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}

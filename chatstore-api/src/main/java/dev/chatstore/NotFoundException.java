package dev.chatstore;

/** The addressed item does not exist, or belongs to another user (the two are indistinguishable by design). */
public class NotFoundException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}

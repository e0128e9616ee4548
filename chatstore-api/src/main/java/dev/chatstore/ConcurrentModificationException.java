package dev.chatstore;

/** A concurrent change made this operation impossible; re-read and retry. */
public class ConcurrentModificationException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    public ConcurrentModificationException(String message) {
        super(message);
    }

    public ConcurrentModificationException(String message, Throwable cause) {
        super(message, cause);
    }
}

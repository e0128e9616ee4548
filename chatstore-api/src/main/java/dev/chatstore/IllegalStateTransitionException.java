package dev.chatstore;

/** The requested status change is not allowed from the item's current status. */
public class IllegalStateTransitionException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    public IllegalStateTransitionException(String message) {
        super(message);
    }

    public IllegalStateTransitionException(String message, Throwable cause) {
        super(message, cause);
    }
}

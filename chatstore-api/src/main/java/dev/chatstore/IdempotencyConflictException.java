package dev.chatstore;

/** A {@code client_message_id} was reused with a payload different from the stored message's. */
public class IdempotencyConflictException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    public IdempotencyConflictException(String message) {
        super(message);
    }

    public IdempotencyConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}

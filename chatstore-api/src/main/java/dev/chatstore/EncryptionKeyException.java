package dev.chatstore;

/** An encrypted value cannot be read or written: no encryption key was configured, or the value was encrypted with a key this store was not given. */
public class EncryptionKeyException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a log or an operator
     */
    public EncryptionKeyException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for a log or an operator
     * @param cause   the underlying failure, typically a {@code java.sql.SQLException}
     */
    public EncryptionKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}

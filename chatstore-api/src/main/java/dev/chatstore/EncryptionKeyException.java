package dev.chatstore;

/** An encrypted value cannot be read or written: no encryption key was configured, or the value was encrypted with a key this store was not given. */
public class EncryptionKeyException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    public EncryptionKeyException(String message) {
        super(message);
    }

    public EncryptionKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}

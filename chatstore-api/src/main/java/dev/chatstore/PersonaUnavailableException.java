package dev.chatstore;

/** The persona is not active (coming soon or discontinued), so no new conversation can start with it. */
public class PersonaUnavailableException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a log or an operator
     */
    public PersonaUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, for a log or an operator
     * @param cause   the underlying failure, typically a {@code java.sql.SQLException}
     */
    public PersonaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

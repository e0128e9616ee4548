package dev.chatstore;

/** The persona is not active (coming soon or discontinued), so no new conversation can start with it. */
public class PersonaUnavailableException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    public PersonaUnavailableException(String message) {
        super(message);
    }

    public PersonaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

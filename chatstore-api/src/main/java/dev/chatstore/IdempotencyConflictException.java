package dev.chatstore;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code client_message_id} was reused with a payload different from the stored message's.
 * Names the stored message, so a caller can show what was stored under that id.
 */
public class IdempotencyConflictException extends ChatStoreException {
    private static final long serialVersionUID = 1L;

    /** The conversation the client message id was used in. */
    private final String conversationId;
    /** The reused client message id. */
    private final String clientMessageId;
    /** The stored message's id, or null when the id was reused within one batch. */
    private final String storedMessageId;

    /**
     * Creates the exception; its message names the conversation, the reused id and the stored message.
     *
     * @param conversationId  the conversation the client message id was used in, not null
     * @param clientMessageId the reused client message id, not null
     * @param storedMessageId the stored message's id, or null when the id was reused within one
     *                        batch (whose messages are then not stored at all)
     * @throws NullPointerException if {@code conversationId} or {@code clientMessageId} is null
     */
    public IdempotencyConflictException(String conversationId, String clientMessageId, String storedMessageId) {
        super("clientMessageId " + clientMessageId + " was already used in conversation " + conversationId
                + " for a different message" + (storedMessageId == null ? ", earlier in the same batch"
                : " (stored as message " + storedMessageId + ")"));
        this.conversationId = Objects.requireNonNull(conversationId, "conversationId");
        this.clientMessageId = Objects.requireNonNull(clientMessageId, "clientMessageId");
        this.storedMessageId = storedMessageId;
    }

    /** {@return the id of the conversation the client message id belongs to} */
    public String conversationId() {
        return conversationId;
    }

    /** {@return the reused client message id} */
    public String clientMessageId() {
        return clientMessageId;
    }

    /**
     * {@return the id of the message stored under {@link #clientMessageId()} (read it with
     * {@link Messages#get}); empty when the id was reused within one batch, none of which was stored}
     */
    public Optional<String> storedMessageId() {
        return Optional.ofNullable(storedMessageId);
    }
}

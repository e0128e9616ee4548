package dev.chatstore;

import java.util.Objects;

/** An argument was rejected before anything was written. {@link #argument()} names it. */
public class InvalidInputException extends ChatStoreException {
    private static final long serialVersionUID = 1L;
    /** The name of the rejected argument. */
    private final String argument;

    /**
     * Creates the exception; its message is {@code argument + ": " + problem}.
     *
     * @param argument the name of the rejected argument, not null
     * @param problem  what is wrong with it, e.g. {@code "must not be blank"}
     * @throws NullPointerException if {@code argument} is null
     */
    public InvalidInputException(String argument, String problem) {
        super(Objects.requireNonNull(argument, "argument") + ": " + problem);
        this.argument = argument;
    }

    /** {@return the name of the rejected argument, e.g. {@code "content"} or {@code "limit"}} */
    public String argument() {
        return argument;
    }
}

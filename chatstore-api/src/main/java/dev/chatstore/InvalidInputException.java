package dev.chatstore;

import java.util.Objects;

/** An argument was rejected before anything was written. {@link #argument()} names it. */
public class InvalidInputException extends ChatStoreException {
    private static final long serialVersionUID = 1L;
    private final String argument;

    public InvalidInputException(String argument, String problem) {
        super(Objects.requireNonNull(argument, "argument") + ": " + problem);
        this.argument = argument;
    }

    /** The name of the rejected argument, e.g. {@code "content"} or {@code "limit"}. */
    public String argument() {
        return argument;
    }
}

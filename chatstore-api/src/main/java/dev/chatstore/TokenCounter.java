package dev.chatstore;

/**
 * Counts the tokens a message takes in a prompt, for {@link WindowLimit#tokens}: the model's
 * tokenizer is the application's. Must be thread-safe and must not call the store.
 */
@FunctionalInterface
public interface TokenCounter {

    /** The tokens {@code message} takes in a prompt; zero or more. */
    int count(Message message);
}

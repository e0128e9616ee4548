package dev.chatstore;

/**
 * Counts the tokens a message takes in a prompt, for {@link WindowLimit#tokens}: the model's
 * tokenizer is the application's. Must be thread-safe and must not call the store.
 */
@FunctionalInterface
public interface TokenCounter {

    /**
     * Counts the tokens of one message.
     *
     * @param message a message of the window being built
     * @return the tokens {@code message} takes in a prompt; zero or more
     */
    int count(Message message);
}

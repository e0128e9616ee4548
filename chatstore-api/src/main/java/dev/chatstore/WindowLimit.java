package dev.chatstore;

import java.util.Objects;

/**
 * How much of a conversation a {@link PromptWindow} may hold: the last messages of the chosen
 * branch, or as many of them as fit a token budget. Immutable.
 */
public final class WindowLimit {
    private final int maxMessages;
    private final long maxTokens;
    private final TokenCounter counter;

    private WindowLimit(int maxMessages, long maxTokens, TokenCounter counter) {
        this.maxMessages = maxMessages;
        this.maxTokens = maxTokens;
        this.counter = counter;
    }

    /**
     * The last {@code count} messages.
     *
     * @param count the most messages, 1 to {@link Limits#WINDOW_MESSAGES_MAX}
     * @return the limit
     * @throws InvalidInputException unless {@code count} is between 1 and {@link Limits#WINDOW_MESSAGES_MAX}
     */
    public static WindowLimit lastMessages(int count) {
        if (count < 1 || count > Limits.WINDOW_MESSAGES_MAX) {
            throw new InvalidInputException("count", "must be between 1 and " + Limits.WINDOW_MESSAGES_MAX + ", was "
                    + count);
        }
        return new WindowLimit(count, Long.MAX_VALUE, null);
    }

    /**
     * As many of the last messages as fit {@code budget} tokens (at most
     * {@link Limits#WINDOW_MESSAGES_MAX} messages). An assistant message's stored completion token
     * count is its size when present; {@code counter} counts every other message.
     *
     * @param budget  the most tokens the messages may take, at least 1
     * @param counter counts a message's tokens with the model's tokenizer
     * @return the limit
     * @throws InvalidInputException if {@code budget} is less than 1 or {@code counter} is null
     */
    public static WindowLimit tokens(long budget, TokenCounter counter) {
        if (budget < 1) {
            throw new InvalidInputException("budget", "must be at least 1, was " + budget);
        }
        if (counter == null) {
            throw new InvalidInputException("counter", "must not be null");
        }
        return new WindowLimit(Limits.WINDOW_MESSAGES_MAX, budget, counter);
    }

    /** {@return the most messages the window holds} */
    public int maxMessages() {
        return maxMessages;
    }

    /** {@return the token budget, or {@link Long#MAX_VALUE} for a window limited by messages only} */
    public long maxTokens() {
        return maxTokens;
    }

    /**
     * The tokens {@code message} takes: its stored completion tokens when it is an assistant message
     * that has them, else what the counter says; 0 for a window limited by messages only.
     *
     * @param message a message of the window
     * @return its tokens, 0 or more
     * @throws InvalidInputException naming {@code counter} if the counter counts a negative number
     */
    public long tokensOf(Message message) {
        if (counter == null) {
            return 0;
        }
        Integer stored = message.role() == Role.ASSISTANT ? message.usage().completionTokens() : null;
        int counted = stored != null ? stored : counter.count(message);
        if (counted < 0) {
            throw new InvalidInputException("counter", "counted " + counted + " tokens for message " + message.id());
        }
        return counted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowLimit other && maxMessages == other.maxMessages && maxTokens == other.maxTokens
                && Objects.equals(counter, other.counter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxMessages, maxTokens, counter);
    }

    @Override
    public String toString() {
        return counter == null ? "WindowLimit[last " + maxMessages + " messages]" : "WindowLimit[" + maxTokens + " tokens]";
    }
}

package dev.chatstore;

/**
 * Summed token counts; unknown counts add nothing.
 *
 * @param promptTokens     the sum of the known prompt token counts
 * @param completionTokens the sum of the known completion token counts
 */
public record TokenTotals(long promptTokens, long completionTokens) {
    /** No tokens. */
    public static final TokenTotals ZERO = new TokenTotals(0, 0);

    /** {@return prompt and completion tokens together} */
    public long total() {
        return promptTokens + completionTokens;
    }
}

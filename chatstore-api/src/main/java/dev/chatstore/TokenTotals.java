package dev.chatstore;

/** Summed token counts; unknown counts add nothing. */
public record TokenTotals(long promptTokens, long completionTokens) {
    public static final TokenTotals ZERO = new TokenTotals(0, 0);

    public long total() {
        return promptTokens + completionTokens;
    }
}

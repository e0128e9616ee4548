package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * Which model produced a message and the tokens it took. Immutable.
 *
 * @param model            the model's name, e.g. {@code "gpt-4o"}, or null
 * @param promptTokens     tokens in the prompt, or null when unknown
 * @param completionTokens tokens in the completion, or null when unknown
 */
public record TokenUsage(String model, Integer promptTokens, Integer completionTokens) {
    public static final TokenUsage NONE = new TokenUsage(null, null, null);

    public TokenUsage {
        Check.optionalText("model", model, Limits.MODEL_NAME_MAX);
        if (promptTokens != null) {
            Check.nonNegative("promptTokens", promptTokens);
        }
        if (completionTokens != null) {
            Check.nonNegative("completionTokens", completionTokens);
        }
    }

    public static TokenUsage of(String model, int promptTokens, int completionTokens) {
        return new TokenUsage(Check.notNull("model", model), promptTokens, completionTokens);
    }
}

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
    /** Nothing known: no model, no token counts. */
    public static final TokenUsage NONE = new TokenUsage(null, null, null);

    /**
     * Checks the components.
     *
     * @param model            the model's name, or null
     * @param promptTokens     tokens in the prompt, or null
     * @param completionTokens tokens in the completion, or null
     * @throws InvalidInputException if {@code model} is blank, longer than {@link Limits#MODEL_NAME_MAX} or not
     *                               storable, or a token count is negative
     */
    public TokenUsage {
        Check.optionalText("model", model, Limits.MODEL_NAME_MAX);
        if (promptTokens != null) {
            Check.nonNegative("promptTokens", promptTokens);
        }
        if (completionTokens != null) {
            Check.nonNegative("completionTokens", completionTokens);
        }
    }

    /**
     * Usage with a model and both token counts known.
     *
     * @param model            the model's name, non-blank
     * @param promptTokens     tokens in the prompt, 0 or more
     * @param completionTokens tokens in the completion, 0 or more
     * @return the usage
     * @throws InvalidInputException if {@code model} is null or not valid, or a count is negative
     */
    public static TokenUsage of(String model, int promptTokens, int completionTokens) {
        return new TokenUsage(Check.notNull("model", model), promptTokens, completionTokens);
    }
}

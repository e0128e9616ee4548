package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * A change to a memory fact: new content, new confidence, or both. Immutable.
 *
 * @param content    new content, or null to keep it
 * @param confidence new confidence (0..1), or null to keep it
 */
public record FactUpdate(String content, Double confidence) {
    /**
     * Validates the change.
     *
     * @param content    new content, or null
     * @param confidence new confidence, or null
     * @throws InvalidInputException if {@code content} is blank, too long or not storable, the confidence is outside
     *                               0..1, or both are null (naming {@code update})
     */
    public FactUpdate {
        Check.optionalText("content", content, Limits.FACT_CONTENT_MAX);
        if (confidence != null) {
            Check.unitInterval("confidence", confidence);
        }
        if (content == null && confidence == null) {
            throw new InvalidInputException("update", "must change the content, the confidence or both");
        }
    }

    /**
     * A change of content only.
     *
     * @param content the new content, non-blank, at most {@link Limits#FACT_CONTENT_MAX} chars
     * @return the change
     * @throws InvalidInputException if {@code content} is null, blank, too long or not storable
     */
    public static FactUpdate content(String content) {
        return new FactUpdate(Check.notNull("content", content), null);
    }

    /**
     * A change of confidence only.
     *
     * @param confidence the new confidence, 0..1
     * @return the change
     * @throws InvalidInputException if {@code confidence} is NaN or outside 0..1
     */
    public static FactUpdate confidence(double confidence) {
        return new FactUpdate(null, confidence);
    }

    /**
     * This change, also setting the confidence.
     *
     * @param newConfidence the new confidence, 0..1
     * @return the change
     * @throws InvalidInputException if {@code newConfidence} is NaN or outside 0..1
     */
    public FactUpdate andConfidence(double newConfidence) {
        return new FactUpdate(content, newConfidence);
    }
}

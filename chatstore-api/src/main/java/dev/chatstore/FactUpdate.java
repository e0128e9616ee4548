package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * A change to a memory fact: new content, new confidence, or both. Immutable.
 *
 * @param content    new content, or null to keep it
 * @param confidence new confidence (0..1), or null to keep it
 */
public record FactUpdate(String content, Double confidence) {
    public FactUpdate {
        Check.optionalText("content", content, Limits.FACT_CONTENT_MAX);
        if (confidence != null) {
            Check.unitInterval("confidence", confidence);
        }
        if (content == null && confidence == null) {
            throw new InvalidInputException("update", "must change the content, the confidence or both");
        }
    }

    public static FactUpdate content(String content) {
        return new FactUpdate(Check.notNull("content", content), null);
    }

    public static FactUpdate confidence(double confidence) {
        return new FactUpdate(null, confidence);
    }

    public FactUpdate andConfidence(double newConfidence) {
        return new FactUpdate(content, newConfidence);
    }
}

package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * Filters for listing memory facts. Immutable; the methods return copies.
 *
 * @param category      only this category, or null for all
 * @param activeOnly    leave out deactivated facts
 * @param minConfidence only facts with at least this confidence (0..1)
 */
public record FactQuery(FactCategory category, boolean activeOnly, double minConfidence) {
    /**
     * Validates the filters.
     *
     * @param category      only this category, or null
     * @param activeOnly    leave out deactivated facts
     * @param minConfidence at least this confidence
     * @throws InvalidInputException if {@code minConfidence} is NaN or outside 0..1
     */
    public FactQuery {
        Check.unitInterval("minConfidence", minConfidence);
    }

    /** {@return a query for every fact, active or not, of any category and confidence} */
    public static FactQuery all() {
        return new FactQuery(null, false, 0.0);
    }

    /**
     * A copy listing only facts of one category.
     *
     * @param only the category, not null
     * @return the copy
     * @throws InvalidInputException if {@code only} is null
     */
    public FactQuery withCategory(FactCategory only) {
        return new FactQuery(Check.notNull("category", only), activeOnly, minConfidence);
    }

    /** {@return a copy that leaves out deactivated facts} */
    public FactQuery onlyActive() {
        return new FactQuery(category, true, minConfidence);
    }

    /**
     * A copy listing only facts of at least this confidence.
     *
     * @param min the lowest confidence, 0..1
     * @return the copy
     * @throws InvalidInputException if {@code min} is NaN or outside 0..1
     */
    public FactQuery withMinConfidence(double min) {
        return new FactQuery(category, activeOnly, min);
    }
}

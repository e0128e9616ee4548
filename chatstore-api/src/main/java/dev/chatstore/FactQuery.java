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
    public FactQuery {
        Check.unitInterval("minConfidence", minConfidence);
    }

    /** Every fact, active or not. */
    public static FactQuery all() {
        return new FactQuery(null, false, 0.0);
    }

    public FactQuery withCategory(FactCategory only) {
        return new FactQuery(Check.notNull("category", only), activeOnly, minConfidence);
    }

    public FactQuery onlyActive() {
        return new FactQuery(category, true, minConfidence);
    }

    public FactQuery withMinConfidence(double min) {
        return new FactQuery(category, activeOnly, min);
    }
}

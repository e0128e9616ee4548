package dev.chatstore;

import java.time.Instant;
import java.util.Map;

/**
 * A user's activity in the half-open time range [{@code from}, {@code to}). Immutable.
 *
 * @param from           the start of the range, inclusive
 * @param to             the end of the range, exclusive
 * @param conversations  conversations created in the range
 * @param messagesByRole messages created in the range, per role (every role present, 0 when none)
 * @param tokensByModel  token totals of the messages in the range that name a model, per model
 */
public record UsageReport(Instant from, Instant to, long conversations, Map<Role, Long> messagesByRole,
                          Map<String, TokenTotals> tokensByModel) {
    /**
     * Copies the maps.
     *
     * @param from           the start of the range
     * @param to             the end of the range
     * @param conversations  conversations created in the range
     * @param messagesByRole messages per role, not null
     * @param tokensByModel  token totals per model, not null
     * @throws NullPointerException if a map is or holds null
     */
    public UsageReport {
        messagesByRole = Map.copyOf(messagesByRole);
        tokensByModel = Map.copyOf(tokensByModel);
    }
}

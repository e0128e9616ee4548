package dev.chatstore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one maintenance operation did. Immutable.
 *
 * @param operation what ran, e.g. {@code "integrity_check"}, {@code "optimize"}, {@code "vacuum"}, {@code "checkpoint"},
 *                  {@code "analyze"}
 * @param ok        whether it found the database sound (integrity checks) or completed fully (a checkpoint that
 *                  readers kept from finishing is not ok, and says so in {@code problems})
 * @param took      how long it ran
 * @param figures   what it measured, by name (e.g. {@code "bytes_before"}, {@code "bytes_after"},
 *                  {@code "wal_frames"}, {@code "tables"}), in a stable order
 * @param problems  what it found wrong, in the database's words; empty when ok
 */
public record MaintenanceReport(String operation, boolean ok, Duration took, Map<String, Long> figures,
                                List<String> problems) {
    /**
     * Checks the components and copies {@code figures} (keeping its order) and {@code problems}.
     *
     * @param operation what ran, not null
     * @param ok        whether it found the database sound or completed fully
     * @param took      how long it ran, not null
     * @param figures   what it measured, by name, not null
     * @param problems  what it found wrong, not null
     * @throws NullPointerException if an argument is null, or {@code problems} holds null
     */
    public MaintenanceReport {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(took, "took");
        figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
        problems = List.copyOf(problems);
    }
}

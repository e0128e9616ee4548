package dev.chatstore;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link StoreAdmin#exportStore} wrote, all from one consistent read.
 *
 * @param users          users written
 * @param rows           rows written per table (personas included), by table name
 * @param userChecksums  per user, the SHA-256 (hex) of that user's row lines as written: equal for two stores holding
 *                       the same data, whatever their backends (see {@link StoreAdmin#checksums})
 */
public record StoreExportSummary(long users, Map<String, Long> rows, Map<String, String> userChecksums) {
    /**
     * Copies the maps.
     *
     * @param users         users written
     * @param rows          rows written per table, not null
     * @param userChecksums per user, the checksum of the user's rows, not null
     * @throws NullPointerException if a map is or holds null
     */
    public StoreExportSummary {
        rows = Map.copyOf(rows);
        userChecksums = Map.copyOf(userChecksums);
    }

    /** {@return the rows written for every table together} */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@return {@link #rows()} sorted by table name, for printing} */
    public Map<String, Long> sortedRows() {
        return new TreeMap<>(rows);
    }
}

package dev.chatstore;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link StoreAdmin#importStore} did.
 *
 * @param users        users imported
 * @param skippedUsers users skipped because the store already held data of theirs (only when told to skip)
 * @param rows         rows imported per table, by table name
 */
public record StoreImportReport(long users, long skippedUsers, Map<String, Long> rows) {
    public StoreImportReport {
        rows = Map.copyOf(rows);
    }

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@link #rows()} sorted by table name, for printing. */
    public Map<String, Long> sortedRows() {
        return new TreeMap<>(rows);
    }
}

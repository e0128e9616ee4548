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
    /**
     * Copies {@code rows}.
     *
     * @param users        users imported
     * @param skippedUsers users skipped
     * @param rows         rows imported per table, not null
     * @throws NullPointerException if {@code rows} is or holds null
     */
    public StoreImportReport {
        rows = Map.copyOf(rows);
    }

    /** {@return the rows imported into every table together} */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@return {@link #rows()} sorted by table name, for printing} */
    public Map<String, Long> sortedRows() {
        return new TreeMap<>(rows);
    }
}

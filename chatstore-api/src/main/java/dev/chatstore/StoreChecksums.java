package dev.chatstore;

import java.util.Map;

/**
 * The content of a store in figures, from one consistent read: to compare two stores (a copy and its source)
 * without comparing their rows one by one.
 *
 * @param tableRows     rows per table of the export format (personas, conversations, messages, ...), by table name
 * @param userChecksums per user, the SHA-256 (hex) of the user's rows as {@link StoreAdmin#exportStore} writes them
 *                      without secrets: equal for two stores that hold the same data, on any backend
 */
public record StoreChecksums(Map<String, Long> tableRows, Map<String, String> userChecksums) {
    /**
     * Copies the maps.
     *
     * @param tableRows     rows per table, not null
     * @param userChecksums checksums per user, not null
     * @throws NullPointerException if a map is or holds null
     */
    public StoreChecksums {
        tableRows = Map.copyOf(tableRows);
        userChecksums = Map.copyOf(userChecksums);
    }
}

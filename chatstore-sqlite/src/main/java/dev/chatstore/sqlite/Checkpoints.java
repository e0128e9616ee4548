package dev.chatstore.sqlite;

/**
 * Who checkpoints a file store's write-ahead log: copies the committed pages it holds into the
 * database file and starts the log over. Chosen with {@link SqliteChatStore.Builder#checkpoints}.
 *
 * <ul>
 *   <li>{@link #AUTOMATIC} (the default): the store does. Use it unless another tool is in charge.</li>
 *   <li>{@link #EXTERNAL}: a tool outside the store does, typically
 *       <a href="https://litestream.io">Litestream</a>, which must see every page in the log before
 *       it is checkpointed away. Use it only while such a tool runs against the file.</li>
 * </ul>
 */
public enum Checkpoints {
    /**
     * The store keeps the log short: SQLite checkpoints every 1000 pages
     * ({@code PRAGMA wal_autocheckpoint}, its default), and a commit that leaves the log past
     * {@link SqliteChatStore.Builder#walSizeLimit walSizeLimit} runs a truncating checkpoint. Right
     * for a store no other tool checkpoints. Under Litestream it still works, but the store's
     * checkpoints compete with Litestream's: a truncating one waits up to 100 ms for Litestream's
     * read transaction, and one that slips in between Litestream's reads makes it start a new
     * generation (a full snapshot).
     */
    AUTOMATIC,

    /**
     * The store never checkpoints: the writer runs with {@code PRAGMA wal_autocheckpoint = 0} and
     * commits never truncate the log. Use it when a replication or backup tool that checkpoints
     * itself runs against the file (Litestream recommends this under load). The log then grows
     * until that tool checkpoints it, so it grows without end while the tool is stopped;
     * {@link SqliteChatStore.Builder#walSizeLimit walSizeLimit} only sets the size SQLite cuts the
     * log file back to when it starts it over ({@code PRAGMA journal_size_limit}). Give the store a
     * busy timeout of at least 5 s (the default is 10 s), since the tool's checkpoints take the
     * write lock for a moment. Not available for an in-memory store, which no tool can reach.
     */
    EXTERNAL
}

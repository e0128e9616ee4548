package dev.chatstore.sqlite;

/**
 * SQLite's {@code PRAGMA synchronous}: how hard each commit waits for the disk. In WAL mode,
 * {@link #NORMAL} (the default) never corrupts the database; a power loss can only drop the last
 * commits. {@link #FULL} keeps those too, at the cost of an fsync per commit.
 */
public enum Synchronous {
    OFF, NORMAL, FULL, EXTRA
}

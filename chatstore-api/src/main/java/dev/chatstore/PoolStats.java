package dev.chatstore;

/**
 * The connections a store works with, as its pool reports them; a figure the pool does not expose is
 * -1. SQLite: the one writer connection and the readers (a read waits for a free reader).
 * PostgreSQL: the application's DataSource (HikariCP's figures when it is HikariCP).
 *
 * @param active     connections in use
 * @param idle       connections open and free
 * @param waiting    callers waiting for a connection
 * @param max        the most connections the pool opens
 * @param writerBusy SQLite: whether a write transaction holds the writer now; false elsewhere
 */
public record PoolStats(int active, int idle, int waiting, int max, boolean writerBusy) {
    /** {@return the figures of a pool that exposes nothing: every count -1, writer not busy} */
    public static PoolStats unknown() {
        return new PoolStats(-1, -1, -1, -1, false);
    }
}

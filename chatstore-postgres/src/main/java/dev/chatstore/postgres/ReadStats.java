package dev.chatstore.postgres;

/**
 * Where a store's reads went since it opened.
 *
 * @param primary reads served by the primary: all of them without replicas; with replicas, those no replica had
 *                replayed far enough for, store-wide reads right after writes, and reads inside a write
 * @param replica reads served by a replica
 */
public record ReadStats(long primary, long replica) {
    /** The share of reads a replica served, 0 to 1 (0 before any read). */
    public double replicaShare() {
        long total = primary + replica;
        return total == 0 ? 0 : (double) replica / total;
    }
}

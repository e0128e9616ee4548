package dev.chatstore.jdbc.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The store's decoded vectors, one {@link Snapshot} per user and model, bounded by their size in
 * bytes (least recently used first out). A snapshot is tagged with the model's version read in the
 * transaction that loaded it; the database changes that version in the same transaction as every
 * write that changes one of the model's vectors (triggers on the embedding table, cascades
 * included) and never reuses one. A search reads the version first and uses a snapshot only if its
 * tag is equal, so a cached vector is never stale, whichever store on the database wrote.
 * Thread-safe; snapshots are immutable once published.
 */
final class VectorCache {
    /** Bytes a vector costs beyond its components: ids, arrays and object headers, roughly. */
    private static final long ROW_OVERHEAD = 200;

    private record Key(String userId, String model) {
    }

    /** The vectors of one user and model as of one version, with the columns the filters need. */
    static final class Snapshot {
        final long version;
        final int size;
        final float[][] vectors;
        final double[] norms;
        final String[] targetIds;
        final int[] chunkIndexes;
        /** The kind's wire name. */
        final String[] kinds;
        final String[] conversationIds;
        /** The role's wire name, or null (facts and attachment chunks). */
        final String[] roles;
        final long[] createdAtMillis;

        Snapshot(long version, int size) {
            this.version = version;
            this.size = size;
            this.vectors = new float[size][];
            this.norms = new double[size];
            this.targetIds = new String[size];
            this.chunkIndexes = new int[size];
            this.kinds = new String[size];
            this.conversationIds = new String[size];
            this.roles = new String[size];
            this.createdAtMillis = new long[size];
        }

        long bytes() {
            long components = 0;
            for (int i = 0; i < size; i++) {
                components += vectors[i] == null ? 0 : (long) vectors[i].length * Float.BYTES;
            }
            return components + size * ROW_OVERHEAD;
        }
    }

    private final long maxBytes;
    private final Cache<Key, Snapshot> cache;

    VectorCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.cache = maxBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Snapshot s) -> (int) Math.min(Integer.MAX_VALUE, s.bytes()))
                .expireAfterAccess(Duration.ofMinutes(30))
                .build();
    }

    /** Whether {@code rows} vectors of {@code dimension} components may be cached at all. */
    boolean fits(long rows, int dimension) {
        return cache != null && rows * ((long) dimension * Float.BYTES + ROW_OVERHEAD) <= maxBytes;
    }

    /** The snapshot of {@code userId}'s {@code model} if one is cached at exactly {@code version}. */
    Snapshot get(String userId, String model, long version) {
        if (cache == null) {
            return null;
        }
        Snapshot s = cache.getIfPresent(new Key(userId, model));
        return s != null && s.version == version ? s : null;
    }

    void put(String userId, String model, Snapshot snapshot) {
        if (cache != null) {
            cache.put(new Key(userId, model), snapshot);
        }
    }
}

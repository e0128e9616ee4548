package dev.chatstore.jdbc.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's approximate indexes, one per user and model, bounded by their size in bytes (least
 * recently used first out, closed when dropped), and the one background thread that builds them
 * when a search finds none, or finds its index worn. Thread-safe.
 */
final class ApproximateIndexes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApproximateIndexes.class);

    private record Key(String userId, String model) {
    }

    final int minVectors;
    private final long maxBytes;
    private final Cache<Key, ApproximateIndex> cache;
    /** The model version at which a user's model was found too small to index: no new attempt until it changes. */
    private final Cache<Key, Long> tooSmall;
    private final Set<Key> building = ConcurrentHashMap.newKeySet();
    private ExecutorService builder;
    private boolean closed;

    ApproximateIndexes(long maxBytes, int minVectors) {
        this.maxBytes = maxBytes;
        this.minVectors = minVectors;
        this.cache = maxBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, ApproximateIndex index) -> (int) Math.min(Integer.MAX_VALUE, index.bytes()))
                .expireAfterAccess(Duration.ofHours(1))
                .removalListener((Key k, ApproximateIndex index, com.github.benmanes.caffeine.cache.RemovalCause c) -> {
                    if (index != null) {
                        index.close();
                    }
                })
                .build();
        this.tooSmall = Caffeine.newBuilder().maximumSize(10_000).build();
    }

    /** Whether the store keeps approximate indexes at all. */
    boolean enabled() {
        return cache != null;
    }

    /** Whether an index of {@code rows} vectors of {@code dimension} components may be kept. */
    boolean fits(long rows, int dimension) {
        return enabled() && dimension <= ApproximateIndex.MAX_DIMENSION
                && rows * ((long) dimension * Float.BYTES + ApproximateIndex.VECTOR_OVERHEAD) <= maxBytes;
    }

    ApproximateIndex get(String userId, String model) {
        return cache == null ? null : cache.getIfPresent(new Key(userId, model));
    }

    /** Keeps {@code index}, replacing (and closing) the one held for the user and model. */
    void put(String userId, String model, ApproximateIndex index) {
        if (cache != null) {
            cache.put(new Key(userId, model), index);
        }
    }

    /** Remembers that the user's model, at {@code version}, has too few vectors (or too many) to index. */
    void notIndexable(String userId, String model, long version) {
        tooSmall.put(new Key(userId, model), version);
    }

    boolean knownNotIndexable(String userId, String model, long version) {
        Long at = tooSmall.getIfPresent(new Key(userId, model));
        return at != null && at == version;
    }

    /**
     * Builds the user's index of the model on the background thread unless a build of it is under way; the
     * result (null: nothing to keep) replaces the index held. A failure is logged: searches stay exact.
     */
    void buildInBackground(String userId, String model, Supplier<ApproximateIndex> build) {
        Key key = new Key(userId, model);
        if (!enabled() || !building.add(key)) {
            return;
        }
        try {
            executor().execute(() -> {
                try {
                    ApproximateIndex index = build.get();
                    if (index != null) {
                        cache.put(key, index);
                    }
                } catch (RuntimeException e) {
                    if (isClosed()) {
                        return;   // the store closed under the build: nothing to keep, nothing wrong
                    }
                    LOG.warn("Building the approximate vector index of a user's model {} failed; searches stay exact",
                            model, e);
                } finally {
                    building.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            building.remove(key);
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized ExecutorService executor() {
        if (closed) {
            throw new RejectedExecutionException("closed");
        }
        if (builder == null) {
            builder = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "chatstore-vector-index");
                t.setDaemon(true);
                return t;
            });
        }
        return builder;
    }

    /** Stops the background builds and drops every index. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (builder != null) {
                builder.shutdownNow();
            }
        }
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}

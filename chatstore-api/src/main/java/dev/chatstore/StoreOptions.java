package dev.chatstore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The options every backend's store shares, validated on construction. Immutable.
 *
 * @param clock                    source of every timestamp (kept to the millisecond)
 * @param maxInlineAttachmentBytes largest attachment kept inline in the database
 * @param encryptionKeys           keys for secrets at rest (provider API keys), or null for none
 * @param personaCacheTtl          how long persona reads are served from memory (zero: no cache)
 * @param migrateOnOpen            whether opening applies pending migrations (otherwise
 *                                 {@link StoreAdmin#migrate()} does)
 * @param vectorCacheBytes         how much memory the store may keep decoded vectors in, across users and
 *                                 models, to serve {@link Embeddings#nearest} without reading them from the
 *                                 database (zero: no cache). Each search still checks, by reading one row, that
 *                                 the cached vectors are exactly those stored, so it never sees a deleted or
 *                                 replaced vector, whichever store on the database wrote
 * @param vectorIndexBytes         how much memory the store may keep approximate (HNSW) indexes in, across users
 *                                 and models, for {@link VectorQuery#approximate()} searches (zero: none, every
 *                                 search is exact)
 * @param vectorIndexMinVectors    how many vectors a user's model needs before an approximate search builds an
 *                                 index for it, in the background; below, exact search is fast enough
 * @param listeners                what hears the store's operations, in order (see {@link StoreListener})
 * @param slowOperationThreshold   how long a public operation may take before it is logged as slow, at WARN
 *                                 (zero: never)
 */
public record StoreOptions(Clock clock, int maxInlineAttachmentBytes, EncryptionKeys encryptionKeys,
                           Duration personaCacheTtl, boolean migrateOnOpen, long vectorCacheBytes,
                           long vectorIndexBytes, int vectorIndexMinVectors, List<StoreListener> listeners,
                           Duration slowOperationThreshold) {
    /** Persona reads are served from memory for 10 minutes by default. */
    public static final Duration DEFAULT_PERSONA_CACHE_TTL = Duration.ofMinutes(10);
    /** 64 KiB: larger attachments are not accepted inline by default. */
    public static final int DEFAULT_MAX_INLINE_ATTACHMENT_BYTES = 64 * 1024;
    /** Hard ceiling: bigger files belong in object storage, not in a row. */
    public static final int MAX_INLINE_ATTACHMENT_BYTES_CEILING = 16 * 1024 * 1024;
    /** 128 MiB: about 40,000 vectors of 768 dimensions. */
    public static final long DEFAULT_VECTOR_CACHE_BYTES = 128L * 1024 * 1024;
    /** 512 MiB: an index of about 120,000 vectors of 768 dimensions. */
    public static final long DEFAULT_VECTOR_INDEX_BYTES = 512L * 1024 * 1024;
    /** Below 20,000 vectors an exact search takes a few milliseconds. */
    public static final int DEFAULT_VECTOR_INDEX_MIN_VECTORS = 20_000;
    /** An operation of a second or more is worth a line in the log. */
    public static final Duration DEFAULT_SLOW_OPERATION_THRESHOLD = Duration.ofSeconds(1);

    /**
     * Validates the options and copies {@code listeners}.
     *
     * @param clock                    source of every timestamp, not null
     * @param maxInlineAttachmentBytes 0 to {@link #MAX_INLINE_ATTACHMENT_BYTES_CEILING}
     * @param encryptionKeys           keys for secrets at rest, or null
     * @param personaCacheTtl          zero or positive
     * @param migrateOnOpen            whether opening applies pending migrations
     * @param vectorCacheBytes         zero or positive
     * @param vectorIndexBytes         zero or positive
     * @param vectorIndexMinVectors    at least 1
     * @param listeners                a list without nulls
     * @param slowOperationThreshold   zero or positive
     * @throws InvalidInputException for an option out of range
     * @throws NullPointerException  if {@code clock} is null
     */
    public StoreOptions {
        Objects.requireNonNull(clock, "clock");
        if (personaCacheTtl == null || personaCacheTtl.isNegative()) {
            throw new InvalidInputException("personaCacheTtl", "must be zero or positive, was " + personaCacheTtl);
        }
        if (maxInlineAttachmentBytes < 0 || maxInlineAttachmentBytes > MAX_INLINE_ATTACHMENT_BYTES_CEILING) {
            throw new InvalidInputException("maxInlineAttachmentBytes", "must be between 0 and "
                    + MAX_INLINE_ATTACHMENT_BYTES_CEILING + ", was " + maxInlineAttachmentBytes);
        }
        if (vectorCacheBytes < 0) {
            throw new InvalidInputException("vectorCacheBytes", "must be zero or positive, was " + vectorCacheBytes);
        }
        if (vectorIndexBytes < 0) {
            throw new InvalidInputException("vectorIndexBytes", "must be zero or positive, was " + vectorIndexBytes);
        }
        if (vectorIndexMinVectors < 1) {
            throw new InvalidInputException("vectorIndexMinVectors", "must be at least 1, was " + vectorIndexMinVectors);
        }
        if (listeners == null || listeners.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException("listeners", "must be a list without nulls, was " + listeners);
        }
        listeners = List.copyOf(listeners);
        if (slowOperationThreshold == null || slowOperationThreshold.isNegative()) {
            throw new InvalidInputException("slowOperationThreshold", "must be zero or positive, was "
                    + slowOperationThreshold);
        }
    }

    /**
     * The defaults: system clock (UTC), 64 KiB inline, no keys, 10-minute persona cache, migrate on open, 128 MiB of
     * vectors, 512 MiB of approximate indexes for models of at least 20,000 vectors, no listeners, operations of a
     * second or more logged as slow.
     *
     * @return the options a builder starts with
     */
    public static StoreOptions defaults() {
        return new StoreOptions(Clock.systemUTC(), DEFAULT_MAX_INLINE_ATTACHMENT_BYTES, null,
                DEFAULT_PERSONA_CACHE_TTL, true, DEFAULT_VECTOR_CACHE_BYTES, DEFAULT_VECTOR_INDEX_BYTES,
                DEFAULT_VECTOR_INDEX_MIN_VECTORS, List.of(), DEFAULT_SLOW_OPERATION_THRESHOLD);
    }
}

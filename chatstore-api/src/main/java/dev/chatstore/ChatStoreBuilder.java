package dev.chatstore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options every backend's builder shares; each backend adds its own and opens the store in
 * {@link #build()}. Not thread-safe.
 *
 * @param <S> the store the builder opens
 * @param <B> the concrete builder, returned by each option for chaining
 */
public abstract class ChatStoreBuilder<S extends ChatStore, B extends ChatStoreBuilder<S, B>> {
    private Clock clock = Clock.systemUTC();
    private int maxInlineAttachmentBytes = StoreOptions.DEFAULT_MAX_INLINE_ATTACHMENT_BYTES;
    private EncryptionKeys encryptionKeys;
    private Duration personaCacheTtl = StoreOptions.DEFAULT_PERSONA_CACHE_TTL;
    private boolean migrateOnOpen = true;
    private long vectorCacheBytes = StoreOptions.DEFAULT_VECTOR_CACHE_BYTES;
    private long vectorIndexBytes = StoreOptions.DEFAULT_VECTOR_INDEX_BYTES;
    private int vectorIndexMinVectors = StoreOptions.DEFAULT_VECTOR_INDEX_MIN_VECTORS;
    private final List<StoreListener> listeners = new ArrayList<>();
    private Duration slowOperationThreshold = StoreOptions.DEFAULT_SLOW_OPERATION_THRESHOLD;

    /** For a backend's builder; starts with the defaults of {@link StoreOptions#defaults()}. */
    protected ChatStoreBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Source of every timestamp (kept to the millisecond). Default: the system clock, UTC.
     *
     * @param clock the clock, not null
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * Largest attachment accepted inline. Default 64 KiB, at most 16 MiB (checked by {@link #build()}).
     *
     * @param bytes the size in bytes, 0 to {@link StoreOptions#MAX_INLINE_ATTACHMENT_BYTES_CEILING}
     * @return this builder
     */
    public B maxInlineAttachmentBytes(int bytes) {
        this.maxInlineAttachmentBytes = bytes;
        return self();
    }

    /**
     * Keys for provider API keys at rest (AES-GCM). Default none: storing an API key then fails.
     *
     * @param keys the keys, not null
     * @return this builder
     * @throws NullPointerException if {@code keys} is null
     */
    public B encryptionKeys(EncryptionKeys keys) {
        this.encryptionKeys = Objects.requireNonNull(keys, "keys");
        return self();
    }

    /**
     * How long persona reads are served from memory; zero disables the cache. Default 10 minutes.
     *
     * @param ttl how long a cached persona is served, zero or positive
     * @return this builder
     */
    public B personaCacheTtl(Duration ttl) {
        this.personaCacheTtl = ttl;
        return self();
    }

    /**
     * Whether opening applies pending migrations. Default true; otherwise call {@link StoreAdmin#migrate()}.
     *
     * @param migrateOnOpen whether {@link #build()} migrates the schema
     * @return this builder
     */
    public B migrateOnOpen(boolean migrateOnOpen) {
        this.migrateOnOpen = migrateOnOpen;
        return self();
    }

    /**
     * How much memory decoded vectors may take to serve nearest-neighbour searches from memory, across users and
     * models; zero disables the cache. Default 128 MiB. A search checks the cached vectors against the database
     * first (one row), so it never returns a deleted or replaced vector. Must not be negative (checked by
     * {@link #build()}).
     *
     * @param bytes the memory for cached vectors, zero or positive
     * @return this builder
     */
    public B vectorCacheBytes(long bytes) {
        this.vectorCacheBytes = bytes;
        return self();
    }

    /**
     * How much memory the approximate (HNSW) indexes of {@link VectorQuery#approximate()} searches may take, across
     * users and models (least recently used first out); zero keeps none, and every search is exact. Default 512 MiB.
     * An index is derived from the stored vectors and brought up to date by each search before it is used. Must not
     * be negative (checked by {@link #build()}).
     *
     * @param bytes the memory for approximate indexes, zero or positive
     * @return this builder
     */
    public B vectorIndexBytes(long bytes) {
        this.vectorIndexBytes = bytes;
        return self();
    }

    /**
     * How many vectors of one model a user needs before an approximate search has an index built for them, in the
     * background (the searches meanwhile are exact). Default 20,000; at least 1 (checked by {@link #build()}).
     * {@link Embeddings#buildApproximateIndex} builds one whatever the count.
     *
     * @param vectors the threshold, at least 1
     * @return this builder
     */
    public B vectorIndexMinVectors(int vectors) {
        this.vectorIndexMinVectors = vectors;
        return self();
    }

    /**
     * Adds a listener that hears every public operation of the store (for metrics, e.g. {@code chatstore-micrometer}'s
     * {@code ChatStoreMetrics}); may be called more than once, and the listeners are called in the order added.
     * Default none. A listener that throws never fails an operation (see {@link StoreListener}).
     *
     * @param listener the listener to add, not null
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public B listener(StoreListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /**
     * How long a public operation may take (argument checks and transaction retries included) before it is logged,
     * at WARN, as slow; zero logs none. Default 1 second. Must not be negative (checked by {@link #build()}).
     *
     * @param threshold the duration from which an operation is logged as slow, zero or positive
     * @return this builder
     */
    public B slowOperationThreshold(Duration threshold) {
        this.slowOperationThreshold = threshold;
        return self();
    }

    /**
     * Opens the store.
     *
     * @return the open store, migrated unless {@link #migrateOnOpen(boolean) migrateOnOpen(false)}; close it when done
     * @throws InvalidInputException      for an invalid option
     * @throws StoreUnavailableException  if the database cannot be reached
     * @throws MigrationException         if the schema cannot be brought up to date
     */
    public abstract S build();

    /**
     * The shared options, validated.
     *
     * @return the options set on this builder, for the backend's store
     * @throws InvalidInputException for an invalid option
     */
    protected final StoreOptions options() {
        return new StoreOptions(clock, maxInlineAttachmentBytes, encryptionKeys, personaCacheTtl, migrateOnOpen,
                vectorCacheBytes, vectorIndexBytes, vectorIndexMinVectors, listeners, slowOperationThreshold);
    }
}

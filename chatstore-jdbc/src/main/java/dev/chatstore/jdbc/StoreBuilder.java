package dev.chatstore.jdbc;

import dev.chatstore.EncryptionKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The options every backend's builder shares. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by each option for chaining
 */
public abstract class StoreBuilder<B extends StoreBuilder<B>> {
    private Clock clock = Clock.systemUTC();
    private int maxInlineAttachmentBytes = EngineSettings.DEFAULT_MAX_INLINE_ATTACHMENT_BYTES;
    private EncryptionKeys encryptionKeys;
    private Duration personaCacheTtl = EngineSettings.DEFAULT_PERSONA_CACHE_TTL;
    private boolean migrateOnOpen = true;

    protected StoreBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Source of every timestamp (kept to the millisecond). Default: the system clock, UTC. */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** Largest attachment accepted inline. Default 64 KiB, at most 16 MiB. */
    public B maxInlineAttachmentBytes(int bytes) {
        this.maxInlineAttachmentBytes = bytes;
        return self();
    }

    /** Keys for provider API keys at rest (AES-GCM). Default none: storing an API key then fails. */
    public B encryptionKeys(EncryptionKeys keys) {
        this.encryptionKeys = Objects.requireNonNull(keys, "keys");
        return self();
    }

    /** How long persona reads are served from memory; zero disables the cache. Default 10 minutes. */
    public B personaCacheTtl(Duration ttl) {
        this.personaCacheTtl = ttl;
        return self();
    }

    /** Whether opening applies pending migrations. Default true; otherwise call {@link JdbcChatStore#migrate()}. */
    public B migrateOnOpen(boolean migrateOnOpen) {
        this.migrateOnOpen = migrateOnOpen;
        return self();
    }

    /**
     * The shared options, validated.
     *
     * @throws dev.chatstore.InvalidInputException for an invalid option
     */
    protected EngineSettings engineSettings() {
        return new EngineSettings(clock, maxInlineAttachmentBytes, encryptionKeys, personaCacheTtl);
    }

    protected boolean migrateOnOpen() {
        return migrateOnOpen;
    }
}

package dev.chatstore.jdbc;

import dev.chatstore.EncryptionKeys;
import dev.chatstore.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Backend-independent settings of a store, validated once.
 *
 * @param clock                    source of every timestamp (truncated to milliseconds)
 * @param maxInlineAttachmentBytes largest attachment kept inline in the database
 * @param encryptionKeys           keys for secrets at rest (provider API keys), or null for none
 * @param personaCacheTtl          how long persona reads are served from memory (zero: no cache)
 */
public record EngineSettings(Clock clock, int maxInlineAttachmentBytes, EncryptionKeys encryptionKeys,
                             Duration personaCacheTtl) {
    public static final Duration DEFAULT_PERSONA_CACHE_TTL = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_INLINE_ATTACHMENT_BYTES = 64 * 1024;
    /** Hard ceiling: bigger files belong in object storage, not in a row. */
    public static final int MAX_INLINE_ATTACHMENT_BYTES_CEILING = 16 * 1024 * 1024;

    public EngineSettings {
        Objects.requireNonNull(clock, "clock");
        if (personaCacheTtl == null || personaCacheTtl.isNegative()) {
            throw new InvalidInputException("personaCacheTtl", "must be zero or positive, was " + personaCacheTtl);
        }
        if (maxInlineAttachmentBytes < 0 || maxInlineAttachmentBytes > MAX_INLINE_ATTACHMENT_BYTES_CEILING) {
            throw new InvalidInputException("maxInlineAttachmentBytes", "must be between 0 and "
                    + MAX_INLINE_ATTACHMENT_BYTES_CEILING + ", was " + maxInlineAttachmentBytes);
        }
    }
}

package dev.chatstore.testkit;

import dev.chatstore.EncryptionKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the kit wants a store opened. Immutable.
 *
 * @param clock                    the clock the store must read every timestamp from
 * @param maxInlineAttachmentBytes the largest inline attachment the store must accept
 * @param encryptionKeys           the keys for secrets at rest (provider API keys)
 * @param personaCacheTtl          how long the store may serve personas from memory
 */
public record StoreSettings(Clock clock, int maxInlineAttachmentBytes, EncryptionKeys encryptionKeys,
                            Duration personaCacheTtl) {
    /** The inline attachment limit the kit uses unless a test asks for another. */
    public static final int DEFAULT_MAX_INLINE_ATTACHMENT_BYTES = 65_536;
    /** The kit's default key: fixed, so a reopened store can read what the previous one wrote. */
    public static final EncryptionKeys DEFAULT_KEYS = EncryptionKeys.of(key("chatstore-testkit-key-1"));

    public StoreSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(encryptionKeys, "encryptionKeys");
        Objects.requireNonNull(personaCacheTtl, "personaCacheTtl");
        if (maxInlineAttachmentBytes < 0) {
            throw new IllegalArgumentException("Negative maxInlineAttachmentBytes: " + maxInlineAttachmentBytes);
        }
    }

    /** The system UTC clock, a 64 KiB inline limit, the kit's default key and a one-minute persona cache. */
    public static StoreSettings defaults() {
        return new StoreSettings(Clock.systemUTC(), DEFAULT_MAX_INLINE_ATTACHMENT_BYTES, DEFAULT_KEYS, Duration.ofMinutes(1));
    }

    public StoreSettings withClock(Clock newClock) {
        return new StoreSettings(newClock, maxInlineAttachmentBytes, encryptionKeys, personaCacheTtl);
    }

    public StoreSettings withMaxInlineAttachmentBytes(int newMax) {
        return new StoreSettings(clock, newMax, encryptionKeys, personaCacheTtl);
    }

    public StoreSettings withEncryptionKeys(EncryptionKeys keys) {
        return new StoreSettings(clock, maxInlineAttachmentBytes, keys, personaCacheTtl);
    }

    public StoreSettings withPersonaCacheTtl(Duration ttl) {
        return new StoreSettings(clock, maxInlineAttachmentBytes, encryptionKeys, ttl);
    }

    /** A deterministic 32-byte key derived from {@code seed}, for tests. */
    public static byte[] key(String seed) {
        byte[] bytes = Arrays.copyOf(seed.getBytes(StandardCharsets.UTF_8), 32);
        bytes[31] ^= (byte) seed.length();
        return bytes;
    }
}

package dev.chatstore.testkit;

import java.time.Clock;
import java.util.Objects;

/**
 * How the kit wants a store opened: the clock it must take every timestamp from, and its inline
 * attachment limit. Immutable.
 *
 * @param clock                    the clock the store must read every timestamp from
 * @param maxInlineAttachmentBytes the largest inline attachment the store must accept
 */
public record StoreSettings(Clock clock, int maxInlineAttachmentBytes) {
    /** The inline attachment limit the kit uses unless a test asks for another. */
    public static final int DEFAULT_MAX_INLINE_ATTACHMENT_BYTES = 65_536;

    public StoreSettings {
        Objects.requireNonNull(clock, "clock");
        if (maxInlineAttachmentBytes < 0) {
            throw new IllegalArgumentException("Negative maxInlineAttachmentBytes: " + maxInlineAttachmentBytes);
        }
    }

    /** The system UTC clock and a 64 KiB inline limit. */
    public static StoreSettings defaults() {
        return new StoreSettings(Clock.systemUTC(), DEFAULT_MAX_INLINE_ATTACHMENT_BYTES);
    }

    public StoreSettings withClock(Clock newClock) {
        return new StoreSettings(newClock, maxInlineAttachmentBytes);
    }

    public StoreSettings withMaxInlineAttachmentBytes(int newMax) {
        return new StoreSettings(clock, newMax);
    }
}

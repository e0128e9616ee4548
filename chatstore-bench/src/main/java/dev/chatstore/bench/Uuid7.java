package dev.chatstore.bench;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered UUIDv7 text ids like the ones chatstore assigns, for rows that the baselines and
 * the dataset builders write without chatstore, so every index sees the same key shape.
 * Thread-safe.
 */
final class Uuid7 {
    /** The last (milliseconds &lt;&lt; 12 | counter) handed out; strictly increasing. */
    private static final AtomicLong LAST = new AtomicLong();

    private Uuid7() {
    }

    static String next() {
        long now = System.currentTimeMillis() << 12;
        long stamp = LAST.updateAndGet(previous -> Math.max(previous + 1, now));
        long msb = ((stamp >>> 12) << 16) | (0x7L << 12) | (stamp & 0xFFF);
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }
}

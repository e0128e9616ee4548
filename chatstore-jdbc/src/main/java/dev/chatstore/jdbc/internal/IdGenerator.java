package dev.chatstore.jdbc.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered UUIDv7 ids (RFC 9562). Within one generator, ids strictly increase even when the
 * clock stands still or steps back: the 12-bit {@code rand_a} field counts within a millisecond
 * and the timestamp is carried forward when it overflows (RFC 9562 section 6.2, method 1).
 * Thread-safe.
 */
final class IdGenerator {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private int counter;

    IdGenerator(Clock clock) {
        this.clock = clock;
    }

    String next() {
        long millis;
        int seq;
        synchronized (this) {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                counter = random.nextInt(1 << 10); // leave room to count up within the millisecond
            } else if (++counter >= 1 << 12) {
                lastMillis++;
                counter = 0;
            }
            millis = lastMillis;
            seq = counter;
        }
        long msb = (millis << 16) | (0x7L << 12) | seq;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }
}

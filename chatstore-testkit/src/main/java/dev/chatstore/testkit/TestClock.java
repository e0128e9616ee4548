package dev.chatstore.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it: frozen by default, so many operations happen
 * "in the same millisecond", and movable forwards or backwards with {@link #advance}, {@link #tick}
 * and {@link #set}. Instants are whole milliseconds, the precision every store must keep.
 * Thread-safe; {@link #withZone} views share the time.
 */
public final class TestClock extends Clock {
    /** Where every conformance test starts. It has a millisecond part, so a store that drops it shows. */
    public static final Instant START = Instant.parse("2025-06-01T12:00:00.123Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public TestClock(Instant start) {
        this(new AtomicReference<>(millis(start)), ZoneOffset.UTC);
    }

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new TestClock(now, Objects.requireNonNull(newZone, "zone"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** The current instant (same as {@link #instant()}). */
    public Instant now() {
        return now.get();
    }

    /** Moves the clock by {@code amount} (may be negative) and returns the new instant. */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("Not whole milliseconds: " + amount);
        }
        return now.updateAndGet(t -> t.plus(amount));
    }

    /** Moves the clock one millisecond forward and returns the new instant. */
    public Instant tick() {
        return advance(Duration.ofMillis(1));
    }

    /** Sets the clock (truncated to milliseconds), forwards or backwards. */
    public void set(Instant instant) {
        now.set(millis(instant));
    }

    private static Instant millis(Instant instant) {
        return Objects.requireNonNull(instant, "instant").truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public String toString() {
        return "TestClock[" + now.get() + ", " + zone + "]";
    }
}

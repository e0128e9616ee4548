package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    @Test
    void idsAreVersion7AndStrictlyIncreaseEvenWhenTheClockStandsStill() {
        IdGenerator ids = new IdGenerator(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) { // several times the 4096 ids one millisecond can count
            generated.add(ids.next());
        }
        assertThat(generated).isSorted().doesNotHaveDuplicates();
        UUID first = UUID.fromString(generated.get(0));
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.getMostSignificantBits() >>> 16).as("timestamp field")
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void idsStayIncreasingWhenTheClockStepsBack() {
        long[] now = {1_000_000};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        IdGenerator ids = new IdGenerator(clock);
        String before = ids.next();
        now[0] -= 5_000;
        assertThat(ids.next()).isGreaterThan(before);
    }
}

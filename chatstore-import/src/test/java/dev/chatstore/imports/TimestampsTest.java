package dev.chatstore.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How source timestamps are read (the package documentation's rule); when this fails, look at Timestamps. */
class TimestampsTest {
    private static Instant parse(Object value) {
        return Timestamps.parse(value, "t", "r", "c");
    }

    @Test
    void textWithoutAnOffsetIsUtcAndCutToMilliseconds() {
        assertThat(parse("2025-01-19 10:00:00")).isEqualTo(Instant.parse("2025-01-19T10:00:00Z"));
        assertThat(parse("2025-01-19 10:00:00.123456")).isEqualTo(Instant.parse("2025-01-19T10:00:00.123Z"));
        assertThat(parse("2025-01-19T10:00")).isEqualTo(Instant.parse("2025-01-19T10:00:00Z"));
        assertThat(parse("2025-01-19")).isEqualTo(Instant.parse("2025-01-19T00:00:00Z"));
    }

    @Test
    void anOffsetIsConverted() {
        assertThat(parse("2025-01-19T10:00:00.5Z")).isEqualTo(Instant.parse("2025-01-19T10:00:00.500Z"));
        assertThat(parse("2025-01-19T12:00:00+02:00")).isEqualTo(Instant.parse("2025-01-19T10:00:00Z"));
        assertThat(parse("2025-01-19 05:00:00-05:00")).isEqualTo(Instant.parse("2025-01-19T10:00:00Z"));
    }

    @Test
    void numbersAreUnixSecondsOrMilliseconds() {
        assertThat(parse(1_705_658_400L)).isEqualTo(Instant.parse("2024-01-19T10:00:00Z"));
        assertThat(parse(1_705_658_400.25)).isEqualTo(Instant.parse("2024-01-19T10:00:00.250Z"));
        assertThat(parse(1_705_668_000_000L)).isEqualTo(Instant.parse("2024-01-19T12:40:00Z"));
        assertThat(parse(null)).isNull();
    }

    @Test
    void anythingElseIsBadSourceData() {
        assertThatThrownBy(() -> parse("yesterday")).isInstanceOf(InvalidInputException.class)
                .hasMessage("source: t row r, column c: not a timestamp: \"yesterday\"");
        assertThatThrownBy(() -> Timestamps.required(null, "t", "r", "c")).isInstanceOf(InvalidInputException.class);
    }
}

package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The COPY loader's own formatting of instants prints what {@link Instant#toString()} prints. */
class PostgresCopyLoaderTest {

    @Test
    void instantsArePrintedAsInstantPrintsThem() {
        SplittableRandom random = new SplittableRandom(13);
        long first = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(first, last);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            check(Instant.ofEpochSecond(seconds, nanos));
        }
        for (String edge : new String[] {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "0000-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:34:56.007Z"}) {
            check(Instant.parse(edge));
        }
        check(Instant.MIN);
        check(Instant.MAX);
    }

    private static void check(Instant instant) {
        StringBuilder printed = new StringBuilder();
        PostgresCopyLoader.appendInstant(printed, instant);
        assertThat(printed.toString()).isEqualTo(instant.toString());
    }
}

package dev.chatstore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The progress display with a clock of the test's, and the small parsers: durations and store URLs. */
class CliProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private String shown() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void advance(long millis) {
        now.addAndGet(millis * 1_000_000L);
    }

    @Test
    void notOnATerminal_plainLinesAtMostOnceASecond_andOneAtTheEnd() {
        Progress progress = new Progress(err, false, now::get, "export", "messages");
        advance(500);
        progress.update(100, 1000, "1 users, 120 rows");
        advance(300);
        progress.update(200, 1000, "1 users, 240 rows");
        advance(800);
        progress.update(400, 1000, "2 users, 480 rows");
        advance(100);
        progress.finish(1000, 1000, "3 users, 1,200 rows");
        String[] lines = shown().split(System.lineSeparator());
        assertThat(lines).containsExactly(
                "export 100/1,000 messages (10%), 200/s, 1 users, 120 rows",
                "export 400/1,000 messages (40%), 250/s, 2 users, 480 rows",
                "export 1,000/1,000 messages (100%), 588/s, 3 users, 1,200 rows");
        assertThat(shown()).doesNotContain("\r");
    }

    @Test
    void onATerminal_oneLineRedrawnWithABar() {
        Progress progress = new Progress(err, true, now::get, "copy", "messages");
        advance(1000);
        progress.update(250, 1000, "");
        advance(50);
        progress.update(300, 1000, "");
        advance(150);
        progress.update(500, 1000, "");
        progress.finish(1000, 1000, "");
        String shown = shown();
        assertThat(shown).startsWith("\rcopy [######                  ] 250/1,000 messages (25%), 250/s");
        assertThat(shown).as("not redrawn within 100 ms").doesNotContain("300/1,000");
        assertThat(shown).contains("\rcopy [############            ] 500/1,000 messages (50%)");
        assertThat(shown).contains("[########################] 1,000/1,000").endsWith(System.lineSeparator());
        assertThat(shown.split(System.lineSeparator())).hasSize(1);
    }

    @Test
    void bytesAndUnknownTotals() {
        Progress progress = new Progress(err, false, now::get, "import", null);
        advance(2000);
        progress.finish(3 * 1024 * 1024, 6 * 1024 * 1024, "2 users, 10 rows");
        assertThat(shown()).startsWith("import 3.0 MiB/6.0 MiB (50%), 1.5 MiB/s, 2 users, 10 rows");
        Progress unknown = new Progress(err, false, now::get, "export", "messages");
        assertThat(unknown.line(1234, -1, "", 1_000_000_000L)).isEqualTo("export 1,234 messages, 1,234/s");
        Progress.NONE.update(1, 2, "nothing");
        Progress.NONE.finish(1, 2, "nothing");
    }

    @Test
    void durations() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(converter.convert("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(converter.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(converter.convert("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(converter.convert("0s")).isEqualTo(Duration.ZERO);
        assertThat(converter.convert("P2DT3H")).isEqualTo(Duration.ofHours(51));
        for (String bad : new String[] {"", "7", "d", "-1d", "7x", "1.5h", "PT-1H", "7 days"}) {
            assertThatThrownBy(() -> converter.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }

    @Test
    void storeUrls() {
        assertThat(StoreUrl.parse("jdbc:sqlite:chat.db").file()).isEqualTo(Path.of("chat.db"));
        assertThat(StoreUrl.parse("jdbc:sqlite:file:/tmp/chat.db?mode=rw").file()).isEqualTo(Path.of("/tmp/chat.db"));
        assertThat(StoreUrl.parse("jdbc:sqlite::memory:").inMemory()).isTrue();
        StoreUrl pg = StoreUrl.parse("jdbc:postgresql://db:5432/chat?user=app&password=secret");
        assertThat(pg.backend()).isEqualTo(StoreUrl.Backend.POSTGRESQL);
        assertThat(pg.display()).as("never the password").isEqualTo("jdbc:postgresql://db:5432/chat");
        assertThatThrownBy(() -> StoreUrl.parse("jdbc:sqlite:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreUrl.parse("jdbc:mysql://x/y")).hasMessageContaining("not a store URL");
    }
}

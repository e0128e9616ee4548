package dev.chatstore.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows how far long work is, on stderr. On a terminal: one line redrawn in place ({@code '\r'}) with a bar when
 * the total is known, the counts and the rate, at most ten times a second. Elsewhere (a log, a pipe): a plain line
 * at most once a second, and one at the end. Not thread-safe: call it from one thread at a time.
 */
final class Progress {
    /** Shows nothing. */
    static final Progress NONE = new Progress(null, false, System::nanoTime, "", "");

    private static final int BAR_WIDTH = 24;
    private static final long TERMINAL_INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long PLAIN_INTERVAL = TimeUnit.SECONDS.toNanos(1);

    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final String label;
    private final String unit;
    private final boolean bytes;
    private final long start;
    private long lastShown;
    private boolean shown;
    private int lastWidth;
    private boolean finished;

    /**
     * @param err      where to draw (null: nowhere)
     * @param terminal whether {@code err} is a terminal (redraw in place) or not (plain lines)
     * @param nanoTime the clock, {@link System#nanoTime} but in tests
     * @param label    what is in progress, e.g. {@code "export"}
     * @param unit     what is counted, e.g. {@code "messages"}; null for bytes (shown in KiB, MiB, GiB)
     */
    Progress(PrintStream err, boolean terminal, LongSupplier nanoTime, String label, String unit) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.label = label;
        this.unit = unit;
        this.bytes = unit == null;
        this.start = nanoTime.getAsLong();
    }

    /**
     * Shows {@code done} of {@code total} if it is time to.
     *
     * @param total the total, or a negative number when it is not known
     * @param detail further counts, e.g. {@code "3 users, 1,200 rows"}, or empty
     */
    void update(long done, long total, String detail) {
        if (err == null || finished) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (shown && now - lastShown < (terminal ? TERMINAL_INTERVAL : PLAIN_INTERVAL)) {
            return;
        }
        show(done, total, detail, now);
    }

    /** Shows the final figures (always), and ends the terminal's line. */
    void finish(long done, long total, String detail) {
        if (err == null || finished) {
            return;
        }
        show(done, total, detail, nanoTime.getAsLong());
        if (terminal) {
            err.println();
        }
        err.flush();
        finished = true;
    }

    private void show(long done, long total, String detail, long now) {
        shown = true;
        lastShown = now;
        String line = line(done, total, detail, now - start);
        if (terminal) {
            int width = line.length();
            String pad = width < lastWidth ? " ".repeat(lastWidth - width) : "";
            lastWidth = width;
            err.print("\r" + line + pad);
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** The line shown, e.g. {@code "export [######      ] 1,200/4,800 messages 25% 600/s, 3 users"}. */
    String line(long done, long total, String detail, long elapsedNanos) {
        StringBuilder line = new StringBuilder(label);
        boolean known = total > 0;
        if (terminal && known) {
            int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * Math.max(0, done) / total);
            line.append(" [").append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append(']');
        }
        line.append(' ').append(amount(done));
        if (!known && !bytes && !unit.isEmpty()) {
            line.append(' ').append(unit);
        }
        if (known) {
            line.append('/').append(amount(total));
            if (!bytes && !unit.isEmpty()) {
                line.append(' ').append(unit);
            }
            line.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, 100 * Math.max(0, done) / total)));
        }
        double seconds = elapsedNanos / 1e9;
        if (seconds > 0) {
            double rate = done / seconds;
            line.append(", ").append(bytes ? size((long) rate) : String.format(Locale.ROOT, "%,.0f", rate)).append("/s");
        }
        if (detail != null && !detail.isEmpty()) {
            line.append(", ").append(detail);
        }
        return line.toString();
    }

    private String amount(long value) {
        return bytes ? size(value) : String.format(Locale.ROOT, "%,d", value);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}

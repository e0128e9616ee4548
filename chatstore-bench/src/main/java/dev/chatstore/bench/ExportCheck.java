package dev.chatstore.bench;

import dev.chatstore.ExportSummary;
import dev.chatstore.sqlite.SqliteChatStore;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports one user of a chatstore SQLite file as JSON Lines to a file, in the JVM it is started in
 * (the suite starts it with {@code -Xmx64m}), and prints one line of {@code key=value} results.
 * Exits with status 2 when the export wrote fewer messages or lines than expected; an
 * {@link OutOfMemoryError} ends it with a non-zero status as well.
 *
 * <p>Usage: {@code ExportCheck <database> <user id> <expected messages> <output file>}
 */
public final class ExportCheck {
    private ExportCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path database = Path.of(args[0]);
        String userId = args[1];
        long expected = Long.parseLong(args[2]);
        Path output = Path.of(args[3]);
        long start = System.nanoTime();
        ExportSummary summary;
        Counting counted;
        try (SqliteChatStore store = Sqlite.openStore(database);
             OutputStream file = Files.newOutputStream(output)) {
            counted = new Counting(new BufferedOutputStream(file, 1 << 16));
            summary = store.forUser(userId).exportTo(counted);
            counted.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("messages=%d lines=%d bytes=%d seconds=%.2f max_heap_mb=%d peak_heap_mb=%d%n",
                summary.messages(), counted.lines, counted.bytes, seconds,
                Runtime.getRuntime().maxMemory() / (1024 * 1024), peakHeap / (1024 * 1024));
        if (summary.messages() != expected || counted.lines < expected) {
            System.exit(2);
        }
    }

    /** Counts bytes and lines on their way through. */
    private static final class Counting extends FilterOutputStream {
        long bytes;
        long lines;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}

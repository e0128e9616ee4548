package dev.chatstore.bench;

import dev.chatstore.StoreExportOptions;
import dev.chatstore.StoreExportSummary;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.StoreImportReport;
import dev.chatstore.sqlite.SqliteChatStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole-store export or import of a chatstore SQLite file, in the JVM it is started in (the suite starts it with
 * {@code -Xmx64m}), printing one line of {@code key=value} results. Exits with status 2 when fewer messages than
 * expected were exported or imported (the import's are also counted in the file afterwards); an
 * {@link OutOfMemoryError} ends it with a non-zero status as well.
 *
 * <p>Usage: {@code TransferCheck export <database> <output file> <expected messages>} or
 * {@code TransferCheck import <export file> <new database> <expected messages>}
 */
public final class TransferCheck {
    private TransferCheck() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        Path from = Path.of(args[1]);
        Path to = Path.of(args[2]);
        long expected = Long.parseLong(args[3]);
        long start = System.nanoTime();
        long messages;
        long users;
        long stored = -1;
        if (mode.equals("export")) {
            StoreExportSummary summary;
            try (SqliteChatStore store = Sqlite.openStore(from);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(to), 1 << 16)) {
                summary = store.admin().exportStore(out, StoreExportOptions.defaults());
            }
            messages = summary.rows().getOrDefault("message", 0L);
            users = summary.users();
        } else if (mode.equals("import")) {
            Sqlite.delete(to);
            StoreImportReport report;
            try (SqliteChatStore store = Sqlite.openStore(to);
                 InputStream in = new BufferedInputStream(Files.newInputStream(from), 1 << 16)) {
                report = store.admin().importStore(in, StoreImportOptions.defaults());
            }
            messages = report.rows().getOrDefault("message", 0L);
            users = report.users();
            stored = TransferFixture.countSqlite(to)[1];
        } else {
            throw new IllegalArgumentException("export or import, not " + mode);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("messages=%d users=%d%s bytes=%d seconds=%.2f max_heap_mb=%d peak_heap_mb=%d%n",
                messages, users, stored >= 0 ? " stored=" + stored : "",
                Files.size(mode.equals("export") ? to : from), seconds,
                Runtime.getRuntime().maxMemory() / (1024 * 1024), peakHeap / (1024 * 1024));
        if (messages != expected || (stored >= 0 && stored != expected)) {
            System.exit(2);
        }
    }
}

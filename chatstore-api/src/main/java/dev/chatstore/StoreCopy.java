package dev.chatstore;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Copies every persona and user of one store into another, of any backend (SQLite to PostgreSQL, or back), through
 * the export format: the source is exported on a thread of its own, from one consistent read, while the target
 * imports it, batched, each user in one transaction. The source may go on serving while it is copied; the copy is
 * of the moment the export began.
 *
 * <p>Resumable: with {@link StoreImportOptions#skipExistingUsers()} the users a previous, interrupted copy finished
 * are skipped. Verified: at the end, every table's row count and every user's checksum in the target must equal
 * what was read from the source, else {@link VerificationException}. Secrets are copied, still encrypted: the target
 * must be opened with the source's {@link EncryptionKeys} to use them.
 */
public final class StoreCopy {
    /** Bytes in flight between the export and the import. */
    private static final int PIPE_BYTES = 1 << 20;

    private StoreCopy() {
    }

    /**
     * Copies {@code source} into {@code target}.
     *
     * @param source the store to copy from; it may go on serving
     * @param target the store to copy into, not the source
     * @param options how the target treats users it already holds, and who is told of progress
     * @return what was exported and imported, and how long it took
     * @throws ImportException       if the target already holds a user or persona of the source (and is not told
     *                               to skip them)
     * @throws VerificationException if the target does not hold what was read from the source
     * @throws InvalidInputException if {@code target} is {@code source}
     * @throws NullPointerException  if an argument is null
     */
    public static CopyReport copy(ChatStore source, ChatStore target, StoreImportOptions options) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        if (source == target) {
            throw new InvalidInputException("target", "is the source store");
        }
        long start = System.nanoTime();
        PipedInputStream in = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<StoreExportSummary> export = CompletableFuture.supplyAsync(() -> {
            try (out) {
                return source.admin().exportStore(out, StoreExportOptions.defaults().withSecrets());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, runnable -> {
            Thread thread = new Thread(runnable, "chatstore-copy-export");
            thread.setDaemon(true);
            thread.start();
        });
        StoreImportReport imported;
        try (in) {
            imported = target.admin().importStore(in, options);
        } catch (RuntimeException | IOException e) {
            // The export's own failure (if any) is what broke the file; report it first.
            RuntimeException failure = e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
            try {
                export.join();
            } catch (CompletionException exportFailure) {
                if (exportFailure.getCause() instanceof RuntimeException cause) {
                    cause.addSuppressed(failure);
                    throw cause;
                }
            }
            throw failure;
        }
        StoreExportSummary exported;
        try {
            exported = export.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        verify(exported, target.admin().checksums());
        return new CopyReport(exported, imported, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void verify(StoreExportSummary source, StoreChecksums target) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> tables = new TreeSet<>(source.rows().keySet());
        tables.addAll(target.tableRows().keySet());
        for (String table : tables) {
            long expected = source.rows().getOrDefault(table, 0L);
            long actual = target.tableRows().getOrDefault(table, 0L);
            if (expected != actual) {
                differences.add("table " + table + ": " + expected + " rows in the source, " + actual + " in the target");
            }
        }
        for (Map.Entry<String, String> user : new java.util.TreeMap<>(source.userChecksums()).entrySet()) {
            String actual = target.userChecksums().get(user.getKey());
            if (!user.getValue().equals(actual)) {
                differences.add("user " + user.getKey() + ": " + (actual == null ? "missing in the target" : "content differs"));
            }
        }
        if (!differences.isEmpty()) {
            throw new VerificationException(differences);
        }
    }
}

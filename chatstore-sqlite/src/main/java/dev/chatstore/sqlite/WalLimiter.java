package dev.chatstore.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the write-ahead log near its limit. SQLite's automatic checkpoints copy the log into the
 * database but cannot start the log over while readers keep reading it, so under steady reads it
 * grows without end. After a commit that leaves the log over its limit, the writer runs a
 * truncating checkpoint, waiting at most a short while for the readers of the moment to finish;
 * if one holds on (a long export), it tries again later instead of stalling writes. Used by the
 * writer only, under its lock; not at all when another tool checkpoints ({@link Checkpoints#EXTERNAL}).
 */
final class WalLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(WalLimiter.class);
    /** The longest a writer waits for readers to leave the log. */
    static final int CHECKPOINT_WAIT_MS = 100;
    /** After a checkpoint that readers kept from finishing, the log may grow by this much of its limit before the next try. */
    private static final int RETRY_GROWTH_DIVISOR = 4;

    private final Path wal;
    private final long limitBytes;
    private final long busyTimeoutMs;
    private long nextAttemptAtBytes;

    WalLimiter(Path databaseFile, long limitBytes, long busyTimeoutMs) {
        this.wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        this.limitBytes = limitBytes;
        this.busyTimeoutMs = busyTimeoutMs;
        this.nextAttemptAtBytes = limitBytes;
    }

    /** After a commit, outside any transaction. Never fails the write that just committed. */
    void afterCommit(Handle writer) {
        long size;
        try {
            size = Files.size(wal);
        } catch (IOException e) {
            return; // No log file (yet): nothing to limit.
        }
        if (size <= Math.max(limitBytes, nextAttemptAtBytes)) {
            return;
        }
        try {
            writer.execute("PRAGMA busy_timeout = " + Math.min(CHECKPOINT_WAIT_MS, busyTimeoutMs));
            int busy = writer.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapTo(Integer.class).first();
            // Truncated: try again once it passes the limit. Readers held on: let it grow a little first.
            nextAttemptAtBytes = busy == 0 ? limitBytes : size + Math.max(1, limitBytes / RETRY_GROWTH_DIVISOR);
        } catch (JdbiException e) {
            LOG.debug("Checkpoint of {} failed; the log stays as it is until the next try", wal, e);
            nextAttemptAtBytes = size + Math.max(1, limitBytes / RETRY_GROWTH_DIVISOR);
        } finally {
            restoreBusyTimeout(writer);
        }
    }

    private void restoreBusyTimeout(Handle writer) {
        try {
            writer.execute("PRAGMA busy_timeout = " + busyTimeoutMs);
        } catch (JdbiException e) {
            // The connection is failing; the next write reports it, this committed one stands.
            LOG.warn("Could not restore the busy timeout of {}", wal, e);
        }
    }
}

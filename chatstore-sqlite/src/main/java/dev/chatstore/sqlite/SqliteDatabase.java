package dev.chatstore.sqlite;

import dev.chatstore.PoolStats;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.jdbc.ChatStoreEngine;
import dev.chatstore.jdbc.Database;
import dev.chatstore.jdbc.Operations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * SQLite connections the way SQLite wants them: one writer connection, used by one thread at a
 * time, whose transactions begin IMMEDIATE (so they never fail with SQLITE_BUSY halfway); and a
 * pool of read-only reader connections that read a WAL snapshot while the writer works. An
 * in-memory database has one connection that serves both.
 *
 * <p>The connections stay in autocommit mode and this class begins and commits each transaction
 * itself: sqlite-jdbc's own transaction handling begins the next transaction right after each
 * commit, and with another process writing that BEGIN can fail with SQLITE_BUSY after the commit
 * succeeded, reporting a committed write as failed. Thread-safe.
 */
final class SqliteDatabase implements Database {
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /**
     * Whether this thread is inside a transaction on the writer, and on a reader (the same flag
     * when the writer also reads, in memory): Jdbi hands a nested call on the same Jdbi the
     * enclosing call's handle, and the nested call then joins that transaction.
     */
    private final ThreadLocal<Boolean> inWrite = ThreadLocal.withInitial(() -> false);
    private final ThreadLocal<Boolean> inRead;
    private final Connection writer;
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders;
    private final long readerWaitMillis;
    private final StatementCache statements = new StatementCache();
    private final Jdbi writerJdbi;
    private final Jdbi readerJdbi;
    private volatile boolean closed;

    /** Null for an in-memory database, which has no log, and when another tool checkpoints (Checkpoints.EXTERNAL). */
    private final WalLimiter walLimiter;
    /** Callers waiting for a reader connection now. */
    private final AtomicInteger readerWaiters = new AtomicInteger();
    private final SqliteOperations operations;

    /**
     * @param file the database file, or null in memory
     */
    SqliteDatabase(Connection writer, List<Connection> readers, long readerWaitMillis, SqliteDialect dialect,
                   WalLimiter walLimiter, Path file) {
        this.writer = writer;
        this.walLimiter = walLimiter;
        this.operations = new SqliteOperations(this, file);
        this.allReaders = List.copyOf(readers);
        this.readers = new ArrayBlockingQueue<>(Math.max(1, readers.size()), false, readers.isEmpty() ? List.of() : readers);
        this.readerWaitMillis = readerWaitMillis;
        this.writerJdbi = ChatStoreEngine.configure(Jdbi.create(new WriterConnections()), dialect);
        this.writerJdbi.setStatementBuilderFactory(statements);
        this.readerJdbi = readers.isEmpty() ? writerJdbi
                : ChatStoreEngine.configure(Jdbi.create(new ReaderConnections()), dialect);
        this.inRead = readers.isEmpty() ? inWrite : ThreadLocal.withInitial(() -> false);
        this.readerJdbi.setStatementBuilderFactory(statements);
    }

    @Override
    public Operations operations() {
        return operations;
    }

    /** What the pool looks like now: the writer, the readers (none in memory) and who waits for them. */
    PoolStats poolStats() {
        boolean writerBusy = writeLock.isLocked();
        int idle = allReaders.isEmpty() ? 0 : readers.size();
        int inUse = allReaders.size() - idle + (writerBusy ? 1 : 0);
        return new PoolStats(inUse, idle + (writerBusy ? 0 : 1), writeLock.getQueueLength() + readerWaiters.get(),
                allReaders.size() + 1, writerBusy);
    }

    /**
     * Runs {@code work} on the writer connection, outside any transaction, while no write runs: for
     * statements that cannot run in one (VACUUM, checkpoints). The writer's cached statements are
     * closed first (VACUUM refuses to run beside a prepared statement that is not finished).
     */
    <T> T onWriter(SqlWork<T> work) {
        writeLock.lock();
        try {
            if (closed) {
                throw new StoreUnavailableException("The store is closed");
            }
            statements.discard(writer);
            return work.run(writer);
        } catch (SQLException e) {
            throw new StoreUnavailableException("SQLite failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Work on a raw connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The writer's Jdbi, for the migration runner. */
    Jdbi writerJdbi() {
        return writerJdbi;
    }

    /** The readers' Jdbi (the writer's, for an in-memory database). */
    Jdbi readerJdbi() {
        return readerJdbi;
    }

    @Override
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        return writerJdbi.withHandle(h -> {
            boolean outermost = !inWrite.get();
            T result = inTransaction(h, inWrite, "BEGIN IMMEDIATE", work);
            if (outermost && walLimiter != null) {
                walLimiter.afterCommit(h);
            }
            return result;
        });
    }

    /** The connection's cached statement: sqlite-jdbc would compile the SQL again on every prepare. */
    @Override
    public PreparedStatement prepare(Handle handle, String sql) throws SQLException {
        return statements.take(handle.getConnection(), sql);
    }

    @Override
    public void release(Handle handle, PreparedStatement statement) throws SQLException {
        statements.release(handle.getConnection(), statement);
    }

    /** A deferred transaction: its snapshot is taken by its first read and kept to its end. */
    @Override
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return readerJdbi.withHandle(h -> inTransaction(h, inRead, "BEGIN", work));
    }

    private <T> T inTransaction(Handle h, ThreadLocal<Boolean> inTransaction, String begin,
                                HandleCallback<T, RuntimeException> work) {
        if (inTransaction.get()) {
            // Jdbi hands a nested call the enclosing call's handle: it joins that transaction.
            return work.withHandle(h);
        }
        inTransaction.set(true);
        try {
            control(h, begin);
            T result;
            try {
                result = work.withHandle(h);
                control(h, "COMMIT");
            } catch (RuntimeException | Error e) {
                rollback(h, e);
                if (failedInSqlite(e)) {
                    // A statement that failed inside SQLite (e.g. SQLITE_FULL in a trigger) may be
                    // left unusable ("statement is not executing"): the connection's cached statements go.
                    statements.discard(h.getConnection());
                }
                throw e;
            }
            return result;
        } finally {
            inTransaction.set(false);
        }
    }

    /** Runs BEGIN or COMMIT on the connection's cached statement: Jdbi's statement machinery costs more than SQLite here. */
    private void control(Handle h, String sql) {
        try {
            PreparedStatement statement = prepare(h, sql);
            try {
                statement.execute();
            } finally {
                release(h, statement);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Whether SQLite itself failed (an SQLException in the chain), not a check of the store's. */
    private static boolean failedInSqlite(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ends a failed transaction. A failed COMMIT leaves it open; some errors end it already, and
     * then SQLite answers ROLLBACK with "no transaction is active", which is no news.
     */
    private static void rollback(Handle h, Throwable failure) {
        try {
            h.execute("ROLLBACK");
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Hands out the single writer connection to one thread at a time. */
    private final class WriterConnections implements ConnectionFactory {
        @Override
        public Connection openConnection() throws SQLException {
            writeLock.lock();
            if (closed) {
                writeLock.unlock();
                throw new SQLException("The store is closed");
            }
            return writer;
        }

        @Override
        public void closeConnection(Connection connection) {
            writeLock.unlock();
        }
    }

    /** Lends reader connections from the pool, waiting a bounded time when all are busy. */
    private final class ReaderConnections implements ConnectionFactory {
        @Override
        public Connection openConnection() throws SQLException {
            Connection c = readers.poll();
            if (c == null) {
                readerWaiters.incrementAndGet();
                try {
                    c = readers.poll(readerWaitMillis, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("Interrupted while waiting for a reader connection", e);
                } finally {
                    readerWaiters.decrementAndGet();
                }
            }
            if (c == null) {
                throw new SQLException("No reader connection free after " + readerWaitMillis + " ms");
            }
            if (closed) {
                closeQuietly(c);
                throw new SQLException("The store is closed");
            }
            return c;
        }

        @Override
        public void closeConnection(Connection connection) {
            if (closed) {
                closeQuietly(connection);
            } else {
                readers.add(connection);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        List<Connection> idle = new ArrayList<>();
        readers.drainTo(idle);
        idle.forEach(this::closeQuietly);
        writeLock.lock();
        try {
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
        allReaders.forEach(this::closeQuietly);
    }

    private void closeQuietly(Connection c) {
        statements.forget(c);
        try {
            c.close();
        } catch (SQLException e) {
            throw new StoreUnavailableException("Failed to close a SQLite connection", e);
        }
    }


}

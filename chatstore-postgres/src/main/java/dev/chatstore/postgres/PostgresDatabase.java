package dev.chatstore.postgres;

import dev.chatstore.jdbc.Database;
import dev.chatstore.jdbc.Operations;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.transaction.TransactionException;

/**
 * Transactions on the application's DataSource that chatstore begins, configures and commits
 * itself, whatever the pool's defaults: writes at READ COMMITTED (the engine's row locks make them
 * exact there, and a pool defaulting to SERIALIZABLE would fail concurrent appends instead of
 * queueing them), reads at REPEATABLE READ, read only (one snapshot across all of a read's
 * statements, e.g. an export). The connection's autocommit is switched off for the transaction and
 * back on afterwards, so a pool with {@code autoCommit=false} neither loses commits nor confuses
 * Jdbi. The DataSource belongs to the application and stays open. Thread-safe.
 */
final class PostgresDatabase implements Database {
    private static final String WRITE = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED, READ WRITE";
    private static final String READ = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    /** Whether this thread is inside one of this store's transactions (Jdbi hands a nested call the same handle). */
    private final ThreadLocal<Boolean> inTransaction = ThreadLocal.withInitial(() -> false);
    private final Jdbi jdbi;
    private final PostgresOperations operations;
    /** Null without replicas: every read on the primary, and no positions to keep. */
    private final ReplicaRouter router;
    private final LongAdder primaryReads = new LongAdder();
    private final LongAdder replicaReads = new LongAdder();

    /** Without replicas: every read on the primary. */
    PostgresDatabase(Jdbi jdbi, DataSource dataSource, String schema) {
        this(jdbi, dataSource, schema, null);
    }

    PostgresDatabase(Jdbi jdbi, DataSource dataSource, String schema, ReplicaRouter router) {
        this.jdbi = jdbi;
        this.operations = new PostgresOperations(dataSource, schema);
        this.router = router;
    }

    @Override
    public Operations operations() {
        return operations;
    }

    @Override
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        return write(null, work);
    }

    /** With replicas, the write's WAL position, read after its commit, is what the user's reads must see from now on. */
    @Override
    public <T> T write(String userId, HandleCallback<T, RuntimeException> work) {
        return jdbi.withHandle(h -> {
            boolean outermost = !inTransaction.get();
            T result = inTransaction(h, WRITE, work);
            if (router != null && outermost) {
                router.positions.advance(userId, h.createQuery(WalPosition.CURRENT).mapTo(Long.class).one());
            }
            return result;
        });
    }

    @Override
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return read(null, work);
    }

    /**
     * With replicas, on a replica that has replayed what the user's reads must see, else on the primary. A read
     * inside a write stays on the write's connection. A replica that gives no connection is skipped for a while and
     * the read goes to the primary; a failure once connected is reported as it is (the work may have had effects,
     * such as output written).
     */
    @Override
    public <T> T read(String userId, HandleCallback<T, RuntimeException> work) {
        if (router != null && !inTransaction.get()) {
            Replica replica = router.choose(router.positions.required(userId));
            if (replica != null) {
                Handle h;
                try {
                    h = replica.jdbi.open();
                } catch (ConnectionException e) {
                    router.failed(replica);
                    h = null;
                }
                if (h != null) {
                    try (Handle handle = h) {
                        T result = inTransaction(handle, READ, work);
                        replicaReads.increment();
                        return result;
                    }
                }
            }
        }
        primaryReads.increment();
        return jdbi.withHandle(h -> inTransaction(h, READ, work));
    }

    @Override
    public String consistencyToken(String userId) {
        if (router != null) {
            return WalPosition.token(router.positions.required(userId));
        }
        // Without replicas nothing is tracked: the primary's position now covers every committed write.
        return WalPosition.token(jdbi.withHandle(h -> h.createQuery(WalPosition.CURRENT).mapTo(Long.class).one()));
    }

    @Override
    public void readAfter(String userId, String token) {
        long position = WalPosition.parse(token);
        if (router != null && position > 0) {
            router.positions.advance(userId, position);
        }
    }

    /**
     * With replicas: reads from now on see at least the primary's position now, so a store opened after another
     * one wrote (a restarted node) never reads older data than there was when it opened.
     */
    void readFromNowOn() {
        if (router != null) {
            router.positions.advance(null, jdbi.withHandle(h -> h.createQuery(WalPosition.CURRENT).mapTo(Long.class).one()));
        }
    }

    ReadStats readStats() {
        return new ReadStats(primaryReads.sum(), replicaReads.sum());
    }

    private <T> T inTransaction(Handle h, String characteristics, HandleCallback<T, RuntimeException> work) {
        if (inTransaction.get()) {
            // A nested call runs in the enclosing transaction, as it would with Jdbi's own handler.
            return work.withHandle(h);
        }
        inTransaction.set(true);
        try {
            return inOwnTransaction(h, characteristics, work);
        } finally {
            inTransaction.set(false);
        }
    }

    private static <T> T inOwnTransaction(Handle h, String characteristics, HandleCallback<T, RuntimeException> work) {
        Connection c = h.getConnection();
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw new TransactionException("Failed to begin a transaction", e);
        }
        try {
            h.execute(characteristics);
            T result = work.withHandle(h);
            // Connection.commit, not a COMMIT statement: pgjdbc reports a transaction the server
            // rolled back instead of committing.
            c.commit();
            return result;
        } catch (RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } catch (SQLException e) {
            rollback(c, e);
            throw new TransactionException("Failed to commit", e);
        } finally {
            restoreAutoCommit(c);
        }
    }

    /**
     * Outside a transaction this changes only the driver's flag. If the connection broke, the
     * transaction's outcome is already known (and thrown, if it failed); the pool discards the
     * broken connection when it comes back.
     */
    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // See above: reporting it would turn a committed write into a reported failure.
        }
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        // The DataSource is the application's to close.
    }
}

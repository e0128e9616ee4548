package dev.chatstore.jdbc.internal;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.ChatStoreException;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.NotFoundException;
import dev.chatstore.StorageFullException;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.jdbc.Database;
import dev.chatstore.jdbc.DatabaseFailure;
import dev.chatstore.jdbc.Dialect;
import dev.chatstore.StoreOptions;
import dev.chatstore.jdbc.MessageHook;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * What every repository shares: the database, the SQL, the clock and ids, the collaborators that
 * own the conversation and message rows, the message hooks, and one place where database errors
 * become typed exceptions. Thread-safe.
 */
public final class StoreContext {
    private static final int MAX_ATTEMPTS = 5;
    /** The owner of each SQL catalog: every statement the engine runs is declared by one of them. */
    private static final List<Class<? extends SqlStatement>> CATALOG_OWNERS = List.of(
            ConversationLedger.Sql.class, JdbcConversations.Sql.class, MessageRows.Sql.class, BranchReader.Sql.class,
            AttachmentLinks.Sql.class, JdbcAttachments.Sql.class, JdbcMemoryFacts.Sql.class, JdbcPersonas.Sql.class,
            JdbcProfile.Sql.class, UserData.Sql.class, JdbcSettings.Sql.class, JdbcProviderConfigs.Sql.class,
            JdbcSearchCache.Sql.class, JdbcUsage.Sql.class, StoreMaintenance.Sql.class, JdbcEmbeddings.Sql.class,
            JdbcSearch.Sql.class);

    final Database db;
    final Dialect dialect;
    final StoreOptions options;
    final List<MessageHook> hooks;
    final IdGenerator ids;
    private final SqlStatements statements;
    private final Map<SqlStatement, PositionalSql> positional = new ConcurrentHashMap<>();
    final ConversationLedger ledger;
    final MessageRows messageRows;
    final AttachmentLinks attachmentLinks;
    final MessageAppender appender;
    final BranchReader branches;
    final WindowReader windows;
    final VectorCache vectors;
    final ApproximateIndexes indexes;
    /** Times the public operations and tells the listeners; made here so that retries reach it. */
    public final Instrumentation instrumentation;
    private final AtomicBoolean closed = new AtomicBoolean();

    public StoreContext(Database db, Dialect dialect, StoreOptions options, List<MessageHook> hooks) {
        this.db = db;
        this.dialect = dialect;
        this.options = options;
        this.hooks = hooks;
        this.ids = new IdGenerator(options.clock());
        // Every statement now: a missing file, statement or placeholder fails the open, not a call.
        this.statements = SqlStatements.loadOrReuse(dialect, CATALOG_OWNERS);
        this.ledger = new ConversationLedger(this);
        this.messageRows = new MessageRows(this);
        this.attachmentLinks = new AttachmentLinks(this);
        this.appender = new MessageAppender(this, ledger, messageRows, attachmentLinks);
        this.branches = new BranchReader(this, messageRows);
        this.windows = new WindowReader(branches);
        this.vectors = new VectorCache(options.vectorCacheBytes());
        this.indexes = new ApproximateIndexes(options.vectorIndexBytes(), options.vectorIndexMinVectors());
        this.instrumentation = new Instrumentation(options);
    }

    /**
     * Every statement of every catalog as {@code dialect} renders it (overrides applied, placeholders resolved), by
     * {@code catalog.statementName}, in catalog order. For checks of the SQL as a whole; a store uses {@link #sql}.
     */
    public static Map<String, String> renderedStatements(Dialect dialect) {
        SqlStatements loaded = SqlStatements.load(dialect, CATALOG_OWNERS);
        Map<String, String> result = new LinkedHashMap<>();
        for (Class<? extends SqlStatement> owner : CATALOG_OWNERS) {
            for (SqlStatement s : owner.getEnumConstants()) {
                result.put(s.catalog() + "." + s.statementName(), loaded.get(s));
            }
        }
        return result;
    }

    /** The SQL of one of the engine's statements, complete for this store's dialect. */
    String sql(SqlStatement statement) {
        return statements.get(statement);
    }

    /** Plain-JDBC work on one statement of the hot paths (see {@link PositionalSql}). */
    @FunctionalInterface
    interface JdbcWork<T> {
        T run(PreparedStatement statement, PositionalSql sql) throws SQLException;
    }

    /**
     * Runs {@code work} on {@code statement} in plain JDBC, in {@code h}'s transaction. A failure is reported as Jdbi
     * reports one, so the retries and translations of {@link #writeFor} treat both paths alike.
     */
    <T> T jdbc(Handle h, SqlStatement statement, JdbcWork<T> work) {
        return jdbc(h, positional(statement), work);
    }

    /** {@link #jdbc(Handle, SqlStatement, JdbcWork)} on a statement derived from a catalog's, e.g. by {@link PositionalSql#withRows}. */
    <T> T jdbc(Handle h, PositionalSql sql, JdbcWork<T> work) {
        try {
            PreparedStatement prepared = db.prepare(h, sql.sql());
            try {
                return work.run(prepared, sql);
            } finally {
                db.release(h, prepared);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** One of the engine's statements in positional JDBC form, parsed once per store. */
    PositionalSql positional(SqlStatement statement) {
        return positional.computeIfAbsent(statement, s -> PositionalSql.parse(sql(s), dialect));
    }

    /** Now, at the millisecond precision every backend stores. */
    Instant now() {
        return options.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Runs a write transaction, running it again after a short, growing, randomised pause when the
     * database says concurrent transactions could not both proceed (serialization failure, deadlock);
     * after {@value #MAX_ATTEMPTS} attempts that is a {@link ConcurrentUpdateException}.
     */
    <T> T write(String operation, HandleCallback<T, RuntimeException> work) {
        return writeFor(null, operation, work);
    }

    /** {@link #write} on behalf of {@code userId} (see {@link Database#write(String, HandleCallback)}). */
    <T> T writeFor(String userId, String operation, HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            ensureOpen();
            try {
                return db.write(userId, work);
            } catch (JdbiException e) {
                SQLException sql = sqlCause(e);
                boolean transientConflict = sql != null && !(e instanceof ConnectionException)
                        && dialect.classify(sql) == DatabaseFailure.TRANSIENT_CONFLICT;
                if (transientConflict && attempt < MAX_ATTEMPTS && backOff(attempt)) {
                    instrumentation.retrying(operation, attempt, MAX_ATTEMPTS, dialect.describe(sql));
                    continue;
                }
                throw translate(operation, e, sql);
            }
        }
    }

    /** Waits up to 2^attempt ms, at random so that the conflicting writers do not meet again; false if interrupted. */
    private static boolean backOff(int attempt) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(1L << attempt)));
        return !Thread.currentThread().isInterrupted();
    }

    /**
     * Runs a write transaction once, without the retries of {@link #write}: for work that consumes a stream and so
     * cannot be run again. A conflict is a {@link ConcurrentUpdateException} at once.
     */
    <T> T writeOnce(String operation, HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        try {
            return db.write(null, work);
        } catch (JdbiException e) {
            throw translate(operation, e, sqlCause(e));
        }
    }

    <T> T read(String operation, HandleCallback<T, RuntimeException> work) {
        return readFor(null, operation, work);
    }

    /** A read on behalf of {@code userId} (see {@link Database#read(String, HandleCallback)}). */
    <T> T readFor(String userId, String operation, HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        try {
            return db.read(userId, work);
        } catch (JdbiException e) {
            throw translate(operation, e, sqlCause(e));
        }
    }

    /**
     * The API's exception for a failed operation. Messages name the operation and the database's
     * error code, never statement text or values; the database's exception stays the cause.
     */
    private ChatStoreException translate(String operation, JdbiException e, SQLException sql) {
        if (closed.get()) {
            return new StoreUnavailableException("The store is closed", e);
        }
        String failed = "Failed to " + operation;
        if (sql == null) {
            return new ChatStoreException(failed + ": " + e.getClass().getSimpleName(), e);
        }
        if (e instanceof ConnectionException) {
            // No connection could be had (pool exhausted and timed out, server unreachable): the
            // work never started, and it may well succeed later. The pool's message has no data.
            return new StoreUnavailableException(failed + ": no database connection available: " + sql.getMessage(), sql);
        }
        String message = failed + ": " + dialect.describe(sql);
        return switch (dialect.classify(sql)) {
            case MISSING_REFERENCE -> new NotFoundException(message + ": something it refers to does not exist", sql);
            case ALREADY_EXISTS -> new AlreadyExistsException(message + ": it already exists", sql);
            case TRANSIENT_CONFLICT -> new ConcurrentUpdateException(message + ": concurrent writers kept conflicting", sql);
            case UNAVAILABLE -> new StoreUnavailableException(message, sql);
            case STORAGE_FULL -> new StorageFullException(message, sql);
            case OTHER -> new ChatStoreException(message, sql);
        };
    }

    static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** See {@link Database#readAfter}. */
    public void readAfter(String userId, String consistencyToken) {
        db.readAfter(userId, consistencyToken);
    }

    public void ensureOpen() {
        if (closed.get()) {
            throw new StoreUnavailableException("The store is closed");
        }
    }

    /** Marks the store closed and releases the database. Idempotent: true for the call that closed it. */
    public boolean close() {
        if (closed.compareAndSet(false, true)) {
            indexes.close();
            db.close();
            return true;
        }
        return false;
    }
}

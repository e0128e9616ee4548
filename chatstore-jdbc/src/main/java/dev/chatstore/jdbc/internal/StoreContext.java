package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatStoreException;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.jdbc.Database;
import dev.chatstore.jdbc.Dialect;
import dev.chatstore.StoreOptions;
import dev.chatstore.jdbc.MessageHook;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;

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
            JdbcSearchCache.Sql.class, JdbcUsage.Sql.class, StoreMaintenance.Sql.class);

    final Database db;
    final Dialect dialect;
    final StoreOptions options;
    final List<MessageHook> hooks;
    final IdGenerator ids;
    private final SqlStatements statements;
    final ConversationLedger ledger;
    final MessageRows messageRows;
    final AttachmentLinks attachmentLinks;
    final MessageAppender appender;
    final BranchReader branches;
    private final AtomicBoolean closed = new AtomicBoolean();

    public StoreContext(Database db, Dialect dialect, StoreOptions options, List<MessageHook> hooks) {
        this.db = db;
        this.dialect = dialect;
        this.options = options;
        this.hooks = hooks;
        this.ids = new IdGenerator(options.clock());
        // Every statement now: a missing file, statement or placeholder fails the open, not a call.
        this.statements = SqlStatements.load(dialect, CATALOG_OWNERS);
        this.ledger = new ConversationLedger(this);
        this.messageRows = new MessageRows(this);
        this.attachmentLinks = new AttachmentLinks(this);
        this.appender = new MessageAppender(this, ledger, messageRows, attachmentLinks);
        this.branches = new BranchReader(this, messageRows);
    }

    /** The SQL of one of the engine's statements, complete for this store's dialect. */
    String sql(SqlStatement statement) {
        return statements.get(statement);
    }

    /** Now, at the millisecond precision every backend stores. */
    Instant now() {
        return options.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Runs a write transaction, retrying it when the database says a retry will succeed. */
    <T> T write(String operation, HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            ensureOpen();
            try {
                return db.write(work);
            } catch (JdbiException e) {
                SQLException sql = sqlCause(e);
                if (sql != null && attempt < MAX_ATTEMPTS && dialect.isRetryable(sql)) {
                    continue;
                }
                throw translate(operation, e, sql);
            }
        }
    }

    <T> T read(String operation, HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        try {
            return db.read(work);
        } catch (JdbiException e) {
            throw translate(operation, e, sqlCause(e));
        }
    }

    private ChatStoreException translate(String operation, JdbiException e, SQLException sql) {
        if (closed.get()) {
            return new StoreUnavailableException("The store is closed", e);
        }
        if (sql == null) {
            return new ChatStoreException("Failed to " + operation + ": " + e.getMessage(), e);
        }
        if (e instanceof ConnectionException) {
            // No connection could be had (pool exhausted and timed out, server unreachable): the
            // work never started, and it may well succeed later.
            return new StoreUnavailableException("Failed to " + operation + ": no database connection available: "
                    + sql.getMessage(), sql);
        }
        return dialect.translate(operation, sql);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    public void ensureOpen() {
        if (closed.get()) {
            throw new StoreUnavailableException("The store is closed");
        }
    }

    /** Marks the store closed and releases the database. Idempotent. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            db.close();
        }
    }
}

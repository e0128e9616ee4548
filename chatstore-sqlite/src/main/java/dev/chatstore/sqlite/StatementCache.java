package dev.chatstore.sqlite;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps each connection's prepared statements for reuse. sqlite-jdbc compiles a statement anew on
 * every {@code prepareStatement} call, and the store's connections live as long as the store, so
 * compiling the same few dozen statements on every call would be a third of an append's CPU time.
 * Safe because a SQLite connection is used by one thread at a time here (the writer under its
 * lock, each reader borrowed from the pool), and SQLite re-prepares a statement by itself when the
 * schema changes. Thread-safe.
 */
final class StatementCache implements StatementBuilderFactory {
    private final Map<Connection, PerConnection> byConnection = new ConcurrentHashMap<>();

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        return byConnection.computeIfAbsent(connection, c -> new PerConnection());
    }

    /**
     * Closes and forgets a connection's cached statements, after a failed transaction: SQLite may
     * have left one of them unusable. The next use prepares them again.
     */
    void discard(Connection connection) {
        PerConnection statements = byConnection.remove(connection);
        if (statements != null) {
            statements.closeAll();
        }
    }

    /** The connection's statement for {@code sql}, for plain JDBC use; hand it back with {@link #release}. */
    PreparedStatement take(Connection connection, String sql) throws SQLException {
        return byConnection.computeIfAbsent(connection, c -> new PerConnection()).take(connection, sql);
    }

    /** Gives back a statement of {@link #take}: cached, it stays open for the next use. */
    void release(Connection connection, PreparedStatement statement) throws SQLException {
        PerConnection statements = byConnection.get(connection);
        if (statements == null) {
            statement.close();
        } else {
            statements.close(connection, null, statement);
        }
    }

    /** Forgets a connection's statements; the connection closes them when it closes. */
    void forget(Connection connection) {
        byConnection.remove(connection);
    }

    /** One connection's statements, by SQL. Used by one thread at a time, like its connection. */
    private static final class PerConnection implements StatementBuilder {
        private final DefaultStatementBuilder uncached = new DefaultStatementBuilder();
        private final Map<String, PreparedStatement> bySql = new HashMap<>();
        private final Set<Statement> cached = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Cached statements handed out and not yet closed: never handed out twice at once. */
        private final Set<Statement> inUse = Collections.newSetFromMap(new IdentityHashMap<>());

        @Override
        public Statement create(Connection conn, StatementContext ctx) throws SQLException {
            return uncached.create(conn, ctx);
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return uncached.create(conn, sql, ctx);
            }
            return take(conn, sql);
        }

        PreparedStatement take(Connection conn, String sql) throws SQLException {
            PreparedStatement statement = bySql.get(sql);
            if (statement != null && inUse.contains(statement)) {
                // The same SQL again while its first use is still open (e.g. a result set being read).
                return conn.prepareStatement(sql);
            }
            if (statement == null || statement.isClosed()) {
                cached.remove(statement);
                statement = conn.prepareStatement(sql);
                bySql.put(sql, statement);
                cached.add(statement);
            }
            inUse.add(statement);
            return statement;
        }

        /** Closes every cached statement; one still in use is closed by its user's close(). */
        void closeAll() {
            for (Statement statement : cached) {
                if (!inUse.contains(statement)) {
                    try {
                        statement.close();
                    } catch (SQLException ignored) {
                        // Going away anyway: a statement that cannot close is no use to keep.
                    }
                }
            }
            cached.removeIf(statement -> !inUse.contains(statement));
            bySql.values().removeIf(statement -> !cached.contains(statement));
        }

        @Override
        public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
            return uncached.createCall(conn, sql, ctx);
        }

        @Override
        public void close(Connection conn, String sql, Statement stmt) throws SQLException {
            // Jdbi passes the rendered SQL here, not the parsed SQL the statement was created from,
            // so cached statements are recognised by identity.
            if (cached.contains(stmt)) {
                // Not clearParameters(): SQLite would drop the statement's plan, which for some
                // statements depends on the bound values, and recompile it on the next use. Jdbi
                // binds every parameter on each use anyway.
                ((PreparedStatement) stmt).clearBatch();
                inUse.remove(stmt);
            } else {
                uncached.close(conn, sql, stmt);
            }
        }
    }
}

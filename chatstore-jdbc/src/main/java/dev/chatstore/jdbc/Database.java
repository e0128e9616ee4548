package dev.chatstore.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * Runs work in transactions on the backend's connections. Implementations decide how connections
 * are obtained (SQLite: one writer and read-only readers; PostgreSQL: the application's DataSource).
 * Thread-safe.
 */
public interface Database extends AutoCloseable {

    /** Runs {@code work} in a read-write transaction, committed when it returns normally. */
    <T> T write(HandleCallback<T, RuntimeException> work);

    /** Runs {@code work} in a transaction that only reads and sees one consistent state where the database allows. */
    <T> T read(HandleCallback<T, RuntimeException> work);

    /**
     * {@link #write(HandleCallback)} on behalf of {@code userId} (null: of the store as a whole, e.g. retention over
     * every user), so that a backend that reads from replicas knows whose reads must see it.
     */
    default <T> T write(String userId, HandleCallback<T, RuntimeException> work) {
        return write(work);
    }

    /**
     * {@link #read(HandleCallback)} on behalf of {@code userId} (null: store-wide data such as personas): it sees
     * every write of that user through this store, and every position given to {@link #readAfter} for them. A
     * backend with replicas picks a server that has replayed that far.
     */
    default <T> T read(String userId, HandleCallback<T, RuntimeException> work) {
        return read(work);
    }

    /**
     * The position of {@code userId}'s writes through this store so far, as a token another store (another
     * application node) can be given with {@link #readAfter}; empty where every read sees every write.
     */
    default String consistencyToken(String userId) {
        return "";
    }

    /**
     * Makes this store's reads of {@code userId} see at least the position of {@code token} (from
     * {@link #consistencyToken}, possibly of another store over the same database).
     *
     * @throws dev.chatstore.InvalidInputException if the token is not one this backend issues
     */
    default void readAfter(String userId, String token) {
    }

    /**
     * A prepared statement for {@code sql} on the connection of {@code handle}'s transaction, for the engine's hot
     * paths in plain JDBC; the caller gives it back with {@link #release} once its results are read. The default
     * prepares it anew, which is cheap where the driver keeps the server's plans per connection itself (pgjdbc); a
     * backend whose driver compiles the SQL on every prepare keeps its statements instead.
     */
    default PreparedStatement prepare(Handle handle, String sql) throws SQLException {
        return handle.getConnection().prepareStatement(sql);
    }

    /** Gives back a statement of {@link #prepare}; the default closes it. */
    default void release(Handle handle, PreparedStatement statement) throws SQLException {
        statement.close();
    }

    /** The backend's operations on this database: backups, maintenance, connection figures. */
    Operations operations();

    /** Releases the connections. Idempotent. */
    @Override
    void close();
}

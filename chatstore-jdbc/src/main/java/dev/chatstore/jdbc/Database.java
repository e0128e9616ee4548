package dev.chatstore.jdbc;

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

    /** The backend's operations on this database: backups, maintenance, connection figures. */
    Operations operations();

    /** Releases the connections. Idempotent. */
    @Override
    void close();
}

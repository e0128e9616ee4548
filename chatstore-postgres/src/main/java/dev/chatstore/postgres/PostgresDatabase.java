package dev.chatstore.postgres;

import dev.chatstore.jdbc.Database;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Transactions on the application's DataSource, at its default isolation (READ COMMITTED in
 * PostgreSQL); the engine's row locks make appends exact at that level. The DataSource belongs to
 * the application and stays open. Thread-safe.
 */
final class PostgresDatabase implements Database {
    private final Jdbi jdbi;

    PostgresDatabase(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(work);
    }

    @Override
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(work);
    }

    @Override
    public void close() {
        // The DataSource is the application's to close.
    }
}

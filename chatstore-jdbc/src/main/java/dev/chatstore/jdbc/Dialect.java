package dev.chatstore.jdbc;

import dev.chatstore.ChatStoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What differs between databases, answered by each backend. The engine never asks which database
 * it runs on; it asks the dialect. Implementations are immutable and thread-safe.
 */
public interface Dialect {

    /** Short name used in messages and the migration resource path, e.g. {@code "sqlite"}. */
    String name();

    /** Classpath folder holding {@code migrations/index.txt} and the {@code V<n>__<name>.sql} files. */
    String migrationsPath();

    /**
     * Values for the {@code ${name}} placeholders in the engine's SQL: at least {@code schema}
     * (the qualifier of every table), {@code nextActivitySeq} (an expression yielding the next
     * activity number for the conversation of {@code :userId}) and {@code forUpdate} (the clause
     * that locks rows read before a write, or empty where writes are serialized anyway).
     * Values come from configuration, never from input.
     */
    Map<String, String> placeholders();

    /** Registers how {@link Instant} and {@link JsonText} arguments are bound. */
    void configure(Jdbi jdbi);

    /** Reads a timestamp column written by an {@link Instant} argument; null stays null. */
    Instant readInstant(ResultSet rs, String column) throws SQLException;

    /** Serializes concurrent migration runs; called first in each migration transaction. */
    void lockForMigration(Handle handle);

    /** Whether a failed write transaction can simply be run again (serialization failure, deadlock). */
    boolean isRetryable(SQLException e);

    /**
     * The typed exception for a database error, keeping {@code e} as its cause.
     *
     * @param operation what was being done, for the message
     */
    ChatStoreException translate(String operation, SQLException e);
}

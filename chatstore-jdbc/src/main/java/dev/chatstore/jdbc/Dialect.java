package dev.chatstore.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What differs between databases, answered by each backend. The engine never asks which database
 * it runs on; it asks the dialect. Optional features have defaults that say "absent", so a new
 * feature never breaks a dialect. Implementations are immutable and thread-safe.
 */
public interface Dialect {

    /** Short name used in messages and {@link dev.chatstore.StoreInfo}, e.g. {@code "sqlite"}. */
    String name();

    /** Classpath folder holding {@code migrations/index.txt} and the {@code V<n>__<name>.sql} files. */
    String migrationsPath();

    /** The qualifier of every table in the engine's SQL ({@code ${schema}}), from configuration, never input. */
    String schema();

    /**
     * An SQL expression yielding the next activity number of a conversation of the user bound as
     * {@code :userId} ({@code ${nextActivitySeq}}). Every statement that uses it binds {@code :userId}.
     */
    String nextActivitySeq();

    /**
     * The clause that locks rows a write transaction reads before it changes them
     * ({@code ${forUpdate}}), or empty where write transactions are serialized anyway.
     */
    String forUpdate();

    /**
     * The aggregate that collects values into a JSON array ({@code ${jsonArrayAgg}}, called with an
     * {@code ORDER BY}); it may give NULL for no rows.
     */
    String jsonArrayAgg();

    /**
     * A classpath folder whose {@code <catalog>.sql} files replace statements of the engine's
     * catalogs of the same name, statement by statement; null (the default) for none. An override
     * must name a statement the engine has.
     */
    default String statementOverridesPath() {
        return null;
    }

    /**
     * {@code expression} (a text column) as an ORDER BY term that sorts by code point, as SQLite's BINARY collation
     * does: so that exports of the same data list rows in the same order on every backend.
     */
    default String binaryOrder(String expression) {
        return expression;
    }

    /**
     * After an import wrote conversations with activity numbers up to {@code highest}, makes sure the numbers given
     * from now on are higher (a backend that numbers from a sequence moves it on); the default does nothing.
     */
    default void importedActivity(Handle handle, long highest) {
    }

    /**
     * Whether one JDBC {@code execute} of a migration file runs every statement in it (pgjdbc sends them all in one
     * round trip); false (the default) where a driver runs only the first (sqlite-jdbc), and the migration runner
     * then runs the file statement by statement.
     */
    default boolean supportsMultiStatementExecute() {
        return false;
    }

    /** Registers how {@link Instant} and {@link JsonText} arguments are bound: as {@link #bindInstant} and {@link #bindJson} do. */
    void configure(Jdbi jdbi);

    /** Binds a timestamp (null for SQL NULL) at {@code position}, for statements the engine runs in plain JDBC. */
    void bindInstant(PreparedStatement statement, int position, Instant value) throws SQLException;

    /** Binds a JSON document (null for SQL NULL) at {@code position}, for statements the engine runs in plain JDBC. */
    void bindJson(PreparedStatement statement, int position, String json) throws SQLException;

    /** How this backend searches its full-text indexes (created by its migrations). */
    FullText fullText();

    /** Reads a timestamp column written by an {@link Instant} argument; null stays null. */
    Instant readInstant(ResultSet rs, String column) throws SQLException;

    /** Serializes concurrent migration runs; called first in each migration transaction. */
    void lockForMigration(Handle handle);

    /** What the error means, for the engine's typed exceptions and retries. */
    DatabaseFailure classify(SQLException e);

    /**
     * The error in words for an exception message: its code and the names of the objects involved,
     * never values (the SQL of a failed batch, key values, stored content).
     */
    String describe(SQLException e);

    /** The database's own version string, read from the live database. */
    String serverVersion(Handle handle);

    /**
     * Optional features the live database offers, by the database's name for them (SQLite compile
     * options, PostgreSQL extensions). Detected once per store; default none.
     */
    default Set<String> availableExtensions(Handle handle) {
        return Set.of();
    }
}

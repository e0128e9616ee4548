package dev.chatstore.sqlite;

import dev.chatstore.jdbc.DatabaseFailure;
import dev.chatstore.jdbc.Dialect;
import dev.chatstore.jdbc.FullText;
import dev.chatstore.jdbc.JsonText;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** SQLite's answers to the engine: epoch-millisecond timestamps, TEXT JSON, one serialized writer. */
final class SqliteDialect implements Dialect {
    private static final FullText FULL_TEXT = new SqliteFullText();
    /** What the loaded SQLite library is and offers; null until a store asks. */
    private static volatile String version;
    private static volatile Set<String> compileOptions;


    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String migrationsPath() {
        return "dev/chatstore/sqlite/migrations";
    }

    @Override
    public String schema() {
        return "main";
    }

    /** Writes are serialized, so the user's highest activity number plus one is unique. */
    @Override
    public String nextActivitySeq() {
        return "(SELECT COALESCE(MAX(activity_seq), 0) + 1 FROM main.conversation WHERE user_id = :userId)";
    }

    /** Every write transaction is BEGIN IMMEDIATE on the one writer: already exclusive. */
    @Override
    public String forUpdate() {
        return "";
    }

    /** SQLite 3.44+ takes ORDER BY inside aggregates. */
    @Override
    public String jsonArrayAgg() {
        return "json_group_array";
    }

    @Override
    public FullText fullText() {
        return FULL_TEXT;
    }

    @Override
    public void configure(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.BIGINT) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> bindInstant(statement, position, value);
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<JsonText>(Types.VARCHAR) {
            @Override
            protected Argument build(JsonText value, ConfigRegistry config) {
                return (position, statement, ctx) -> bindJson(statement, position, value.json());
            }
        });
    }

    /** Milliseconds since the epoch. */
    @Override
    public void bindInstant(PreparedStatement statement, int position, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(position, Types.BIGINT);
        } else {
            statement.setLong(position, value.toEpochMilli());
        }
    }

    /** Text, which SQLite's JSON functions read. */
    @Override
    public void bindJson(PreparedStatement statement, int position, String json) throws SQLException {
        if (json == null) {
            statement.setNull(position, Types.VARCHAR);
        } else {
            statement.setString(position, json);
        }
    }

    @Override
    public Instant readInstant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    @Override
    public void lockForMigration(Handle handle) {
        // The transaction began IMMEDIATE: it holds SQLite's write lock, across processes too.
    }

    @Override
    public DatabaseFailure classify(SQLException e) {
        SQLiteErrorCode code = e instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
        if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY) {
            return DatabaseFailure.MISSING_REFERENCE;
        }
        if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
            return DatabaseFailure.ALREADY_EXISTS;
        }
        int primary = e.getErrorCode() & 0xFF;
        if (primary == SQLiteErrorCode.SQLITE_FULL.code) {
            return DatabaseFailure.STORAGE_FULL;
        }
        // Writers are serialized and wait out another process's lock for the busy timeout, so a
        // busy or locked database is not a conflict a retry resolves but an unavailable one.
        if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code
                || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code || primary == SQLiteErrorCode.SQLITE_IOERR.code
                || primary == SQLiteErrorCode.SQLITE_READONLY.code) {
            return DatabaseFailure.UNAVAILABLE;
        }
        return DatabaseFailure.OTHER;
    }

    /** SQLite's messages name the code and the constraint's columns; they never hold bound values. */
    @Override
    public String describe(SQLException e) {
        return e.getMessage();
    }

    /** Read once per JVM: every connection runs the one SQLite library the driver loaded. */
    @Override
    public String serverVersion(Handle handle) {
        String known = version;
        if (known == null) {
            known = handle.createQuery("SELECT sqlite_version()").mapTo(String.class).one();
            version = known;
        }
        return known;
    }

    /**
     * The library's {@code ENABLE_…} compile options, e.g. {@code fts5}, {@code rtree}, {@code math_functions}; read
     * once per JVM, as the version is.
     */
    @Override
    public Set<String> availableExtensions(Handle handle) {
        Set<String> known = compileOptions;
        if (known == null) {
            known = handle.createQuery("PRAGMA compile_options").mapTo(String.class).stream()
                    .filter(option -> option.startsWith("ENABLE_"))
                    .map(option -> option.substring("ENABLE_".length()).toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
            compileOptions = known;
        }
        return known;
    }
}

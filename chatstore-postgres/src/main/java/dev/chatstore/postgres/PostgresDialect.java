package dev.chatstore.postgres;

import dev.chatstore.jdbc.DatabaseFailure;
import dev.chatstore.jdbc.Dialect;
import dev.chatstore.jdbc.FullText;
import dev.chatstore.jdbc.JsonText;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.zip.CRC32;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PostgreSQL's answers to the engine: timestamptz, json kept as written, row locks for appends, an advisory lock
 * for migrations, and SQLSTATE-based error classes.
 */
final class PostgresDialect implements Dialect {
    /** SQLSTATE classes whose messages are about the server, never about values: 08, 53, 54, 57, 58, XX. */
    private static final Set<String> SERVER_CONDITIONS = Set.of("08", "53", "54", "57", "58", "XX");

    private final String schema;
    private final String quoted;
    private final long migrationLockKey;
    private final FullText fullText;

    /** @param schema a validated, lowercase identifier */
    PostgresDialect(String schema) {
        this.schema = schema;
        this.quoted = "\"" + schema + "\"";
        CRC32 crc = new CRC32();
        crc.update(("chatstore-migrate:" + schema).getBytes(StandardCharsets.UTF_8));
        this.migrationLockKey = crc.getValue();
        this.fullText = new PostgresFullText(quoted);
    }

    @Override
    public FullText fullText() {
        return fullText;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String migrationsPath() {
        return "dev/chatstore/postgres/migrations";
    }

    @Override
    public String schema() {
        return quoted;
    }

    /** A sequence: unique across connections without serializing writers. */
    @Override
    public String nextActivitySeq() {
        return "nextval('" + quoted + ".conversation_activity_seq')";
    }

    /**
     * Writes to one conversation queue on its row: exact sequence and idempotency under READ
     * COMMITTED. FOR UPDATE, not NO KEY UPDATE: it also waits for any transaction that inserted a
     * message of the conversation (its foreign key check holds KEY SHARE on the row), so a replay
     * sees that message once it commits instead of colliding with it on the unique key.
     */
    @Override
    public String forUpdate() {
        return "FOR UPDATE";
    }

    @Override
    public String statementOverridesPath() {
        return "dev/chatstore/postgres/sql";
    }

    /** NULL when there are no rows. */
    @Override
    public String jsonArrayAgg() {
        return "json_agg";
    }

    @Override
    public void configure(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> bindInstant(statement, position, value);
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<JsonText>(Types.OTHER) {
            @Override
            protected Argument build(JsonText value, ConfigRegistry config) {
                return (position, statement, ctx) -> bindJson(statement, position, value.json());
            }
        });
    }

    /** A {@code timestamptz} at UTC. */
    @Override
    public void bindInstant(PreparedStatement statement, int position, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(position, value.atOffset(ZoneOffset.UTC));
        }
    }

    /** Typed {@code json}, so that the server casts it to the column's {@code json} or {@code jsonb}. */
    @Override
    public void bindJson(PreparedStatement statement, int position, String json) throws SQLException {
        if (json == null) {
            statement.setNull(position, Types.OTHER);
        } else {
            PGobject value = new PGobject();
            value.setType("json");
            value.setValue(json);
            statement.setObject(position, value);
        }
    }

    @Override
    public String binaryOrder(String expression) {
        return expression + " COLLATE \"C\"";
    }

    /** The sequence numbers activity for every user; moved past what the import wrote. */
    @Override
    public void importedActivity(Handle handle, long highest) {
        handle.createQuery("SELECT setval('" + quoted + ".conversation_activity_seq', GREATEST(?, "
                        + "(SELECT last_value FROM " + quoted + ".conversation_activity_seq)))")
                .bind(0, Math.max(1, highest)).mapTo(Long.class).one();
    }

    @Override
    public Instant readInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** pgjdbc sends every statement of one execute in one round trip and stops at the first that fails. */
    @Override
    public boolean supportsMultiStatementExecute() {
        return true;
    }

    @Override
    public void lockForMigration(Handle handle) {
        handle.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", migrationLockKey).mapToMap().one();
    }

    @Override
    public DatabaseFailure classify(SQLException e) {
        String state = stateOf(e);
        return switch (state) {
            case "23503" -> DatabaseFailure.MISSING_REFERENCE;        // foreign_key_violation
            case "23505" -> DatabaseFailure.ALREADY_EXISTS;           // unique_violation
            case "40001", "40P01" -> DatabaseFailure.TRANSIENT_CONFLICT; // serialization_failure, deadlock_detected
            case "53100" -> DatabaseFailure.STORAGE_FULL;             // disk_full
            // 25P03 idle_in_transaction_session_timeout, 57014 query_canceled (statement_timeout),
            // 53300 too_many_connections, 55P03 lock_not_available (lock_timeout).
            case "25P03", "57014", "53300", "55P03" -> DatabaseFailure.UNAVAILABLE;
            // 08: connection exceptions; 57P: the server is shutting down, restarting or unreachable.
            default -> state.startsWith("08") || state.startsWith("57P") ? DatabaseFailure.UNAVAILABLE
                    : DatabaseFailure.OTHER;
        };
    }

    /**
     * The SQLSTATE and the names of the objects the server reports, and for errors of the server
     * itself (connection, resources, operator intervention, system) its message. Not pgjdbc's
     * message: for a batch it holds the statement with its values; nor the server's detail, which
     * holds key values, nor the message of a data error, which may quote the value.
     */
    @Override
    public String describe(SQLException e) {
        String state = stateOf(e);
        StringBuilder out = new StringBuilder("SQLSTATE ").append(state).append(" (schema ").append(schema);
        ServerErrorMessage server = serverMessage(e);
        if (server != null) {
            appendName(out, "table", server.getTable());
            appendName(out, "column", server.getColumn());
            appendName(out, "constraint", server.getConstraint());
        }
        out.append(')');
        if (server != null && server.getMessage() != null && state.length() == 5
                && SERVER_CONDITIONS.contains(state.substring(0, 2))) {
            out.append(": ").append(server.getMessage());
        }
        return out.toString();
    }

    private static void appendName(StringBuilder out, String what, String name) {
        if (name != null && !name.isEmpty()) {
            out.append(", ").append(what).append(' ').append(name);
        }
    }

    /** A failed batch reports its statement's error as the next exception. */
    private static SQLException rootOf(SQLException e) {
        return e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
    }

    private static String stateOf(SQLException e) {
        String state = rootOf(e).getSQLState();
        return state == null ? "" : state;
    }

    private static ServerErrorMessage serverMessage(SQLException e) {
        return rootOf(e) instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    }

    @Override
    public String serverVersion(Handle handle) {
        return handle.createQuery("SHOW server_version").mapTo(String.class).one();
    }

    /** The extensions the server offers (installed in the database or available to install). */
    @Override
    public Set<String> availableExtensions(Handle handle) {
        return Set.copyOf(handle.createQuery("SELECT name FROM pg_available_extensions").mapTo(String.class).list());
    }
}

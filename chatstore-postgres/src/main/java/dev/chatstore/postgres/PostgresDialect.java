package dev.chatstore.postgres;

import dev.chatstore.ChatStoreException;
import dev.chatstore.StorageFullException;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.jdbc.Dialect;
import dev.chatstore.jdbc.JsonText;
import java.nio.charset.StandardCharsets;
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

/**
 * PostgreSQL's answers to the engine: timestamptz, jsonb, row locks for appends, an advisory lock
 * for migrations, and SQLSTATE-based error classes.
 */
final class PostgresDialect implements Dialect {
    private final String schema;
    private final String quoted;
    private final long migrationLockKey;

    /** @param schema a validated, lowercase identifier */
    PostgresDialect(String schema) {
        this.schema = schema;
        this.quoted = "\"" + schema + "\"";
        CRC32 crc = new CRC32();
        crc.update(("chatstore-migrate:" + schema).getBytes(StandardCharsets.UTF_8));
        this.migrationLockKey = crc.getValue();
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

    /** Writes to one conversation queue on its row: exact sequence and idempotency under READ COMMITTED. */
    @Override
    public String forUpdate() {
        return "FOR UPDATE";
    }

    @Override
    public void configure(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position, value.atOffset(ZoneOffset.UTC));
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<JsonText>(Types.OTHER) {
            @Override
            protected Argument build(JsonText value, ConfigRegistry config) {
                return (position, statement, ctx) -> {
                    PGobject json = new PGobject();
                    json.setType("jsonb");
                    json.setValue(value.json());
                    statement.setObject(position, json);
                };
            }
        });
    }

    @Override
    public Instant readInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public void lockForMigration(Handle handle) {
        handle.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", migrationLockKey).mapToMap().one();
    }

    @Override
    public boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    @Override
    public ChatStoreException translate(String operation, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = "Failed to " + operation + " (schema " + schema + "): " + e.getMessage();
        // 53100: disk_full.
        if (state.equals("53100")) {
            return new StorageFullException(message, e);
        }
        // 08: connection exceptions; 57P: the server is shutting down or starting; 53300: too many connections.
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
            return new StoreUnavailableException(message, e);
        }
        return new ChatStoreException(message, e);
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

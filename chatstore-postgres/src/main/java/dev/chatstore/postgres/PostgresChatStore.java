package dev.chatstore.postgres;

import dev.chatstore.InvalidInputException;
import dev.chatstore.jdbc.ChatStoreEngine;
import dev.chatstore.jdbc.EngineSettings;
import dev.chatstore.jdbc.JdbcChatStore;
import dev.chatstore.jdbc.MigrationRunner;
import dev.chatstore.jdbc.StoreBuilder;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * A {@link dev.chatstore.ChatStore} on PostgreSQL, for many application nodes sharing one
 * database. Give it a pooled DataSource (e.g. HikariCP); the store keeps its tables in its own
 * schema (default {@code chatstore}) and never closes the DataSource. Thread-safe.
 *
 * <pre>{@code
 * try (PostgresChatStore store = PostgresChatStore.create(dataSource)) {
 *     UserChats chats = store.forUser("user-42");
 * }
 * }</pre>
 */
public final class PostgresChatStore extends JdbcChatStore {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String schema;

    private PostgresChatStore(Jdbi jdbi, PostgresDialect dialect, EngineSettings settings, String schema) {
        super(new ChatStoreEngine(new PostgresDatabase(jdbi), dialect, settings), new MigrationRunner(jdbi, dialect));
        this.schema = schema;
    }

    /** A store in schema {@code chatstore} of {@code dataSource}'s database, migrated to the current schema. */
    public static PostgresChatStore create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** The schema holding the store's tables. */
    public String schema() {
        return schema;
    }

    @Override
    public String toString() {
        return "PostgresChatStore[schema=" + schema + "]";
    }

    /** Options of a PostgreSQL store, validated by {@link #build()}. Not thread-safe. */
    public static final class Builder extends StoreBuilder<Builder> {
        private final DataSource dataSource;
        private String schema = "chatstore";

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** The schema for the store's tables: a lowercase SQL identifier. Default {@code chatstore}. */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /**
         * Creates the store, migrating the schema unless told otherwise.
         *
         * @throws InvalidInputException            for an invalid option
         * @throws dev.chatstore.MigrationException if the schema cannot be brought up to date
         */
        public PostgresChatStore build() {
            if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
                throw new InvalidInputException("schema", "must be a lowercase SQL identifier ([a-z_][a-z0-9_]*, at most 63 chars), was "
                        + schema);
            }
            EngineSettings settings = engineSettings();
            PostgresDialect dialect = new PostgresDialect(schema);
            Jdbi jdbi = ChatStoreEngine.configure(Jdbi.create(dataSource), dialect);
            return migrated(new PostgresChatStore(jdbi, dialect, settings, schema), migrateOnOpen());
        }
    }
}

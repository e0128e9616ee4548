package dev.chatstore.postgres;

import dev.chatstore.ChatStore;
import dev.chatstore.ChatStoreBuilder;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Personas;
import dev.chatstore.Settings;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreOptions;
import dev.chatstore.UserChats;
import dev.chatstore.jdbc.ChatStoreEngine;
import dev.chatstore.jdbc.MessageHook;
import java.util.List;
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
public final class PostgresChatStore implements ChatStore {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final ChatStoreEngine engine;
    private final String schema;

    private PostgresChatStore(ChatStoreEngine engine, String schema) {
        this.engine = engine;
        this.schema = schema;
    }

    /** A store in schema {@code chatstore} of {@code dataSource}'s database, migrated to the current schema. */
    public static PostgresChatStore create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public UserChats forUser(String userId) {
        return engine.forUser(userId);
    }

    @Override
    public Personas personas() {
        return engine.personas();
    }

    @Override
    public Settings settings() {
        return engine.settings();
    }

    @Override
    public StoreAdmin admin() {
        return engine.admin();
    }

    /** Stops using the DataSource (which stays open: it is the application's); afterwards every call fails. Idempotent. */
    @Override
    public void close() {
        engine.close();
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
    public static final class Builder extends ChatStoreBuilder<PostgresChatStore, Builder> {
        private final DataSource dataSource;
        private String schema = "chatstore";
        private List<MessageHook> messageHooks = List.of();

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** The schema for the store's tables: a lowercase SQL identifier. Default {@code chatstore}. */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** Hooks run inside every transaction that changes messages (engine-internal; for this package's tests). */
        Builder messageHooks(List<MessageHook> hooks) {
            this.messageHooks = List.copyOf(hooks);
            return this;
        }

        /**
         * Creates the store, migrating the schema unless told otherwise.
         *
         * @throws InvalidInputException            for an invalid option
         * @throws dev.chatstore.MigrationException if the schema cannot be brought up to date
         */
        @Override
        public PostgresChatStore build() {
            if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
                throw new InvalidInputException("schema", "must be a lowercase SQL identifier ([a-z_][a-z0-9_]*, at most 63 chars), was "
                        + schema);
            }
            StoreOptions options = options();
            PostgresDialect dialect = new PostgresDialect(schema);
            Jdbi jdbi = ChatStoreEngine.configure(Jdbi.create(dataSource), dialect);
            ChatStoreEngine engine = ChatStoreEngine.open(new PostgresDatabase(jdbi, dataSource, schema), dialect, options, messageHooks,
                    "schema " + schema, "dataSource=" + dataSource.getClass().getName());
            return new PostgresChatStore(engine, schema);
        }
    }
}

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
import java.time.Duration;
import java.util.ArrayList;
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
    /** How long a replica that gave no connection is left alone. */
    private static final Duration DOWN_FOR = Duration.ofSeconds(5);
    /** Users whose write positions are remembered; beyond, the oldest are folded into one floor. */
    private static final int REMEMBERED_USERS = 100_000;

    private final ChatStoreEngine engine;
    private final String schema;
    private final PostgresDatabase database;

    private PostgresChatStore(ChatStoreEngine engine, String schema, PostgresDatabase database) {
        this.engine = engine;
        this.schema = schema;
        this.database = database;
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
    public UserChats forUser(String userId, String consistencyToken) {
        return engine.forUser(userId, consistencyToken);
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

    /** Where this store's reads went since it opened: the primary, or a replica. */
    public ReadStats readStats() {
        return database.readStats();
    }

    /** Options of a PostgreSQL store, validated by {@link #build()}. Not thread-safe. */
    public static final class Builder extends ChatStoreBuilder<PostgresChatStore, Builder> {
        private final DataSource dataSource;
        private String schema = "chatstore";
        private List<MessageHook> messageHooks = List.of();
        private final List<DataSource> replicas = new ArrayList<>();
        private Duration maxReplicaLag = Duration.ofSeconds(10);
        private Duration replicaCheckInterval = Duration.ofMillis(100);

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** The schema for the store's tables: a lowercase SQL identifier. Default {@code chatstore}. */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /**
         * Read replicas of the primary (streaming replication), each the application's pool like the primary's.
         * A read goes to a replica that has replayed everything the read must see: the user's own writes through
         * this store (their WAL positions are remembered per user, in bounded memory), and positions handed over
         * from other nodes ({@link ChatStore#forUser(String, String)}); otherwise, or when no replica can be
         * reached, to the primary. Writes, reads inside writes, and migrations always use the primary.
         */
        public Builder replicas(DataSource... replicaDataSources) {
            for (DataSource replica : replicaDataSources) {
                replicas.add(Objects.requireNonNull(replica, "replica"));
            }
            return this;
        }

        /**
         * How far behind a replica may fall before reads that need nothing of it stop going there too: a replica
         * that has not replayed the primary's position and has replayed no transaction for this long is skipped.
         * Default 10 seconds.
         */
        public Builder maxReplicaLag(Duration lag) {
            this.maxReplicaLag = lag;
            return this;
        }

        /** How often a replica's replay position (and the primary's) is read; never per query. Default 100 ms. */
        public Builder replicaCheckInterval(Duration interval) {
            this.replicaCheckInterval = interval;
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
            checkPositive("maxReplicaLag", maxReplicaLag);
            checkPositive("replicaCheckInterval", replicaCheckInterval);
            StoreOptions options = options();
            PostgresDialect dialect = new PostgresDialect(schema);
            Jdbi jdbi = ChatStoreEngine.configure(Jdbi.create(dataSource), dialect);
            ReplicaRouter router = null;
            if (!replicas.isEmpty()) {
                List<Replica> each = new ArrayList<>();
                for (int i = 0; i < replicas.size(); i++) {
                    each.add(new Replica("replica-" + (i + 1), replicas.get(i),
                            ChatStoreEngine.configure(Jdbi.create(replicas.get(i)), dialect)));
                }
                router = new ReplicaRouter(each, dataSource, replicaCheckInterval, maxReplicaLag, DOWN_FOR,
                        REMEMBERED_USERS);
            }
            PostgresDatabase database = new PostgresDatabase(jdbi, dataSource, schema, router);
            ChatStoreEngine engine = ChatStoreEngine.open(database, dialect, options, messageHooks,
                    "schema " + schema, "dataSource=" + dataSource.getClass().getName() + ", replicas=" + replicas.size());
            database.readFromNowOn();
            return new PostgresChatStore(engine, schema, database);
        }

        private static void checkPositive(String option, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidInputException(option, "must be a positive duration, was " + value);
            }
        }
    }
}

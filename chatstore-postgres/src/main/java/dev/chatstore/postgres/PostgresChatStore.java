package dev.chatstore.postgres;

import dev.chatstore.ChatStore;
import dev.chatstore.EncryptionKeys;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Personas;
import dev.chatstore.Settings;
import dev.chatstore.StoreStatistics;
import dev.chatstore.UserChats;
import dev.chatstore.jdbc.ChatStoreEngine;
import dev.chatstore.jdbc.EngineSettings;
import dev.chatstore.jdbc.Migration;
import dev.chatstore.jdbc.MigrationRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * A {@link ChatStore} on PostgreSQL, for many application nodes sharing one database. Give it a
 * pooled DataSource (e.g. HikariCP); the store keeps its tables in its own schema (default
 * {@code chatstore}) and never closes the DataSource. Thread-safe.
 *
 * <pre>{@code
 * try (PostgresChatStore store = PostgresChatStore.create(dataSource)) {
 *     UserChats chats = store.forUser("user-42");
 * }
 * }</pre>
 */
public final class PostgresChatStore implements ChatStore {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final MigrationRunner migrations;
    private final ChatStoreEngine engine;
    private final String schema;

    private PostgresChatStore(Builder options) {
        this.schema = options.schema;
        PostgresDialect dialect = new PostgresDialect(options.schema);
        Jdbi jdbi = ChatStoreEngine.configure(Jdbi.create(options.dataSource), dialect);
        this.migrations = new MigrationRunner(jdbi, dialect);
        this.engine = new ChatStoreEngine(new PostgresDatabase(jdbi), dialect,
                new EngineSettings(options.clock, options.maxInlineAttachmentBytes, options.encryptionKeys,
                        options.personaCacheTtl));
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
    public StoreStatistics statistics() {
        return engine.statistics();
    }

    @Override
    public long purgeExpiredSearchCache() {
        return engine.purgeExpiredSearchCache();
    }

    @Override
    public long rotateEncryptionKey() {
        return engine.rotateEncryptionKey();
    }

    /** Applies pending schema migrations; safe to run from many nodes at once. */
    public List<Migration> migrate() {
        return migrations.migrate();
    }

    public int schemaVersion() {
        return migrations.currentVersion();
    }

    public int latestSchemaVersion() {
        return migrations.latestVersion();
    }

    /** The schema holding the store's tables. */
    public String schema() {
        return schema;
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "PostgresChatStore[schema=" + schema + "]";
    }

    /** Options of a PostgreSQL store, validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private String schema = "chatstore";
        private Clock clock = Clock.systemUTC();
        private int maxInlineAttachmentBytes = EngineSettings.DEFAULT_MAX_INLINE_ATTACHMENT_BYTES;
        private boolean migrateOnOpen = true;
        private EncryptionKeys encryptionKeys;
        private Duration personaCacheTtl = EngineSettings.DEFAULT_PERSONA_CACHE_TTL;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** The schema for the store's tables: a lowercase SQL identifier. Default {@code chatstore}. */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder maxInlineAttachmentBytes(int bytes) {
            this.maxInlineAttachmentBytes = bytes;
            return this;
        }

        public Builder migrateOnOpen(boolean migrateOnOpen) {
            this.migrateOnOpen = migrateOnOpen;
            return this;
        }

        /** Keys for provider API keys at rest (AES-GCM). Default none: storing an API key then fails. */
        public Builder encryptionKeys(EncryptionKeys keys) {
            this.encryptionKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** How long persona reads are served from memory; zero disables the cache. Default 10 minutes. */
        public Builder personaCacheTtl(Duration ttl) {
            this.personaCacheTtl = ttl;
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
            EngineSettings.validateInlineLimit(maxInlineAttachmentBytes);
            EngineSettings.validatePersonaCacheTtl(personaCacheTtl);
            PostgresChatStore store = new PostgresChatStore(this);
            if (migrateOnOpen) {
                store.migrate();
            }
            return store;
        }
    }
}

package dev.chatstore.sqlite;

import dev.chatstore.ChatStore;
import dev.chatstore.EncryptionKeys;
import dev.chatstore.InvalidInputException;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.Personas;
import dev.chatstore.Settings;
import dev.chatstore.StoreStatistics;
import dev.chatstore.UserChats;
import dev.chatstore.jdbc.ChatStoreEngine;
import dev.chatstore.jdbc.EngineSettings;
import dev.chatstore.jdbc.Migration;
import dev.chatstore.jdbc.MigrationRunner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;

/**
 * A {@link ChatStore} on SQLite: a database file (WAL mode, safe for concurrent use by the
 * threads of one process) or a private in-memory database for tests. Thread-safe.
 *
 * <pre>{@code
 * try (SqliteChatStore store = SqliteChatStore.open(Path.of("chat.db"))) {
 *     UserChats chats = store.forUser("user-42");
 * }
 * }</pre>
 */
public final class SqliteChatStore implements ChatStore {
    private final SqliteDatabase database;
    private final MigrationRunner migrations;
    private final ChatStoreEngine engine;
    private final String description;

    private SqliteChatStore(SqliteDatabase database, Builder options, String description) {
        this.database = database;
        this.description = description;
        SqliteDialect dialect = new SqliteDialect();
        this.migrations = new MigrationRunner(database.writerJdbi(), dialect);
        this.engine = new ChatStoreEngine(database, dialect,
                new EngineSettings(options.clock, options.maxInlineAttachmentBytes, options.encryptionKeys,
                        options.personaCacheTtl));
    }

    /** Opens (creating if needed) the database file with default options, migrating it to the current schema. */
    public static SqliteChatStore open(Path file) {
        return builder(file).build();
    }

    /** A new private in-memory store with default options; its data vanishes when it is closed. */
    public static SqliteChatStore inMemory() {
        return inMemoryBuilder().build();
    }

    /** Options for a store on {@code file}. */
    public static Builder builder(Path file) {
        return new Builder(Objects.requireNonNull(file, "file"));
    }

    /** Options for a private in-memory store. */
    public static Builder inMemoryBuilder() {
        return new Builder(null);
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

    /**
     * Applies pending schema migrations (what {@link Builder#migrateOnOpen(boolean)} does on open).
     *
     * @return the migrations applied by this call
     */
    public List<Migration> migrate() {
        return migrations.migrate();
    }

    /** The schema version of the database, and the newest this library knows. */
    public int schemaVersion() {
        return migrations.currentVersion();
    }

    public int latestSchemaVersion() {
        return migrations.latestVersion();
    }

    /** The writer's Jdbi, so tests in this package can run migrations of their own. */
    Jdbi writerJdbiForTests() {
        return database.writerJdbi();
    }

    /** The readers' Jdbi, so tests in this package can inspect reader connections. */
    Jdbi readerJdbiForTests() {
        return database.readerJdbi();
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "SqliteChatStore[" + description + "]";
    }

    /** Options of a SQLite store, validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final Path file;
        private Clock clock = Clock.systemUTC();
        private Synchronous synchronous = Synchronous.NORMAL;
        private Duration busyTimeout = Duration.ofSeconds(10);
        private int readers = 4;
        private int maxInlineAttachmentBytes = EngineSettings.DEFAULT_MAX_INLINE_ATTACHMENT_BYTES;
        private boolean migrateOnOpen = true;
        private EncryptionKeys encryptionKeys;
        private Duration personaCacheTtl = EngineSettings.DEFAULT_PERSONA_CACHE_TTL;

        private Builder(Path file) {
            this.file = file;
        }

        /** Source of every timestamp. Default: the system clock, UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Commit durability. Default {@link Synchronous#NORMAL}. */
        public Builder synchronous(Synchronous synchronous) {
            this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
            return this;
        }

        /** How long to wait for another process's lock before failing. Default 10 s. */
        public Builder busyTimeout(Duration busyTimeout) {
            this.busyTimeout = Objects.requireNonNull(busyTimeout, "busyTimeout");
            return this;
        }

        /** Read-only connections for concurrent reads (file stores only). Default 4. */
        public Builder readers(int readers) {
            this.readers = readers;
            return this;
        }

        /** Largest attachment accepted inline. Default 64 KiB. */
        public Builder maxInlineAttachmentBytes(int bytes) {
            this.maxInlineAttachmentBytes = bytes;
            return this;
        }

        /** Whether opening applies pending migrations. Default true; otherwise call {@link SqliteChatStore#migrate()}. */
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
         * Opens the store.
         *
         * @throws InvalidInputException       for an invalid option
         * @throws StoreUnavailableException   if the file cannot be opened
         * @throws dev.chatstore.MigrationException if the schema cannot be brought up to date
         */
        public SqliteChatStore build() {
            if (readers < 1 || readers > 64) {
                throw new InvalidInputException("readers", "must be between 1 and 64, was " + readers);
            }
            if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new InvalidInputException("busyTimeout", "must be between 0 and " + Integer.MAX_VALUE + " ms, was " + busyTimeout);
            }
            EngineSettings.validateInlineLimit(maxInlineAttachmentBytes);
            EngineSettings.validatePersonaCacheTtl(personaCacheTtl);
            SqliteDatabase db = file == null ? openInMemory() : openFile();
            SqliteChatStore store = new SqliteChatStore(db, this, file == null ? "in-memory" : file.toString());
            try {
                if (migrateOnOpen) {
                    store.migrate();
                }
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        }

        private SqliteDatabase openInMemory() {
            Connection only = connect("jdbc:sqlite::memory:", writerConfig());
            return new SqliteDatabase(only, List.of(), busyTimeout.toMillis(), new SqliteDialect());
        }

        private SqliteDatabase openFile() {
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            Connection writer = connect(url, writerConfig());
            List<Connection> readerConnections = new ArrayList<>();
            try {
                SQLiteConfig readerConfig = commonConfig();
                readerConfig.setReadOnly(true);
                for (int i = 0; i < readers; i++) {
                    readerConnections.add(connect(url, readerConfig));
                }
            } catch (RuntimeException e) {
                readerConnections.forEach(Builder::closeQuietly);
                closeQuietly(writer);
                throw e;
            }
            return new SqliteDatabase(writer, readerConnections, busyTimeout.toMillis(), new SqliteDialect());
        }

        private SQLiteConfig commonConfig() {
            SQLiteConfig config = new SQLiteConfig();
            config.enforceForeignKeys(true);
            config.setBusyTimeout((int) busyTimeout.toMillis());
            return config;
        }

        private SQLiteConfig writerConfig() {
            SQLiteConfig config = commonConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous.name()));
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            return config;
        }

        private static Connection connect(String url, SQLiteConfig config) {
            try {
                return DriverManager.getConnection(url, config.toProperties());
            } catch (SQLException e) {
                throw new StoreUnavailableException("Cannot open SQLite database " + url + ": " + e.getMessage(), e);
            }
        }

        private static void closeQuietly(Connection c) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Already failing; the original error is what matters.
            }
        }
    }
}

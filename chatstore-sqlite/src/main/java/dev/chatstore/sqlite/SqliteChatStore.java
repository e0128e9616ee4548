package dev.chatstore.sqlite;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.BackupReport;
import dev.chatstore.ChatStore;
import dev.chatstore.ChatStoreBuilder;
import dev.chatstore.CorruptDatabaseException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Personas;
import dev.chatstore.Settings;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreOptions;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.UserChats;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.ChatStoreEngine;
import dev.chatstore.jdbc.MessageHook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * A {@link dev.chatstore.ChatStore} on SQLite: a database file (WAL mode, safe for concurrent use by the
 * threads of one process) or a private in-memory database for tests. Thread-safe.
 *
 * <pre>{@code
 * try (SqliteChatStore store = SqliteChatStore.open(Path.of("chat.db"))) {
 *     UserChats chats = store.forUser("user-42");
 * }
 * }</pre>
 */
public final class SqliteChatStore implements ChatStore {
    private final ChatStoreEngine engine;
    private final SqliteDatabase database;
    private final String description;

    /** The files of the stores open in this JVM, with how many stores have each open: a restore must not replace them. */
    private static final Map<Path, Integer> OPEN_FILES = new ConcurrentHashMap<>();

    /** Null in memory. */
    private final Path file;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteChatStore(ChatStoreEngine engine, SqliteDatabase database, String description, Path file) {
        this.engine = engine;
        this.database = database;
        this.description = description;
        this.file = file;
        if (file != null) {
            OPEN_FILES.merge(file, 1, Integer::sum);
        }
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

    /**
     * Registers on {@code connection}, a sqlite-jdbc connection of your own to a chatstore database,
     * the SQL functions its schema calls: the full-text indexes' triggers and content views call
     * {@code chatstore_split_cjk} (migration V15), so without it an insert, update or delete of a
     * conversation, message, memory fact or attachment, or a search snippet, fails with "no such
     * function". Reading the tables needs nothing; the store's own connections have the functions.
     *
     * @throws SQLException if the driver refuses a registration (not a sqlite-jdbc connection, or closed)
     */
    public static void registerSqlFunctions(Connection connection) throws SQLException {
        TextFold.register(Objects.requireNonNull(connection, "connection"));
    }

    @Override
    public UserChats forUser(String userId) {
        return engine.forUser(userId);
    }

    /** {@inheritDoc} One database file: every read sees every write, so the token changes nothing. */
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

    /** Closes the database; afterwards every call fails with {@link StoreUnavailableException}. Idempotent. */
    @Override
    public void close() {
        engine.close();
        if (file != null && closed.compareAndSet(false, true)) {
            OPEN_FILES.computeIfPresent(file, (f, open) -> open == 1 ? null : open - 1);
        }
    }

    /**
     * Restores a backup (written by {@link StoreAdmin#backupTo} or {@link StoreAdmin#compactTo}, or any chatstore
     * database file) to {@code target}, which no open store may use: the backup is copied beside the target,
     * checked ({@code integrity_check}, the schema history), migrated if its schema is older (a newer one is
     * refused, as opening it would be), synced and renamed into place, replacing {@code target}'s file and its
     * stale log only if {@code replaceExisting}. The backup itself is only read. A failure leaves {@code target}
     * as it was.
     *
     * @return the restored file, as checked
     * @throws InvalidInputException     if {@code backup} is not a file, {@code target} is null, is the backup, is in
     *                                   a directory that does not exist, or is the file of a store open in this JVM
     * @throws AlreadyExistsException    if {@code target} exists and {@code replaceExisting} is false
     * @throws CorruptDatabaseException  if the backup is not a sound chatstore database (truncated, damaged, not SQLite)
     * @throws dev.chatstore.MigrationException if its schema is newer than this library's or cannot be migrated
     * @throws StoreUnavailableException if the files cannot be read or written
     */
    public static BackupReport restore(Path backup, Path target, boolean replaceExisting) {
        long start = System.nanoTime();
        Check.notNull("backup", backup);
        Check.notNull("target", target);
        if (!Files.isRegularFile(backup)) {
            throw new InvalidInputException("backup", "is not a file: " + backup);
        }
        Path destination = target.toAbsolutePath().normalize();
        if (destination.equals(backup.toAbsolutePath().normalize())) {
            throw new InvalidInputException("target", "is the backup itself: " + target);
        }
        if (destination.getParent() == null || !Files.isDirectory(destination.getParent())) {
            throw new InvalidInputException("target", "is not in an existing directory: " + target);
        }
        if (OPEN_FILES.containsKey(destination)) {
            throw new InvalidInputException("target", "is the file of a store open in this JVM: " + target);
        }
        if (Files.exists(destination) && !replaceExisting) {
            throw new AlreadyExistsException("A file exists at " + target + "; restore with replaceExisting to replace it");
        }
        return SqliteFiles.writeChecked(destination, temp -> {
            Files.copy(backup, temp);
            SqliteFiles.check(temp);
            // Opening migrates an older schema and refuses a newer one, exactly as for any file.
            builder(temp).build().close();
        }, start);
    }

    /** The database, so tests in this package can run migrations of their own. */
    SqliteDatabase databaseForTests() {
        return database;
    }

    /** The writer's Jdbi, so tests in this package can inspect the writer connection. */
    Jdbi writerJdbiForTests() {
        return database.writerJdbi();
    }

    /** The readers' Jdbi, so tests in this package can inspect reader connections. */
    Jdbi readerJdbiForTests() {
        return database.readerJdbi();
    }

    @Override
    public String toString() {
        return "SqliteChatStore[" + description + "]";
    }

    /** Options of a SQLite store, validated by {@link #build()}. Not thread-safe. */
    public static final class Builder extends ChatStoreBuilder<SqliteChatStore, Builder> {
        /** A new private database per connection: the only connection of an in-memory store. */
        private static final String MEMORY = "jdbc:sqlite::memory:";

        private final Path file;
        private Synchronous synchronous = Synchronous.NORMAL;
        private Duration busyTimeout = Duration.ofSeconds(10);
        private Duration readerWait = Duration.ofSeconds(30);
        private long walSizeLimit = 64L * 1024 * 1024;
        private Checkpoints checkpoints = Checkpoints.AUTOMATIC;
        private int readers = 4;
        private List<MessageHook> messageHooks = List.of();

        private Builder(Path file) {
            this.file = file;
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

        /**
         * How long a read waits for a free reader connection when all are busy (e.g. with long
         * exports) before failing with {@link StoreUnavailableException}. Default 30 s.
         */
        public Builder readerWait(Duration readerWait) {
            this.readerWait = Objects.requireNonNull(readerWait, "readerWait");
            return this;
        }

        /**
         * How large the write-ahead log may grow. A commit that leaves it larger runs a checkpoint
         * that cuts it back (waiting at most 100 ms for the readers of the moment; a long export
         * postpones it), and SQLite cuts it back to this size whenever it starts the log over
         * ({@code journal_size_limit}). Default 64 MiB. With {@link Checkpoints#EXTERNAL} only the
         * second holds: the tool that checkpoints decides how large the log grows.
         */
        public Builder walSizeLimit(long bytes) {
            this.walSizeLimit = bytes;
            return this;
        }

        /**
         * Who checkpoints the write-ahead log: {@link Checkpoints#AUTOMATIC} (the default), or
         * {@link Checkpoints#EXTERNAL} while a tool such as Litestream runs against the file and
         * checkpoints it itself. {@link #build()} rejects {@code EXTERNAL} for an in-memory store.
         */
        public Builder checkpoints(Checkpoints checkpoints) {
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
            return this;
        }

        /** Read-only connections for concurrent reads (file stores only). Default 4. */
        public Builder readers(int readers) {
            this.readers = readers;
            return this;
        }

        /** Hooks run inside every transaction that changes messages (engine-internal; for this package's tests). */
        Builder messageHooks(List<MessageHook> hooks) {
            this.messageHooks = List.copyOf(hooks);
            return this;
        }

        /**
         * Opens the store.
         *
         * @throws InvalidInputException       for an invalid option
         * @throws StoreUnavailableException   if the file cannot be opened
         * @throws dev.chatstore.MigrationException if the schema cannot be brought up to date
         */
        @Override
        public SqliteChatStore build() {
            if (readers < 1 || readers > 64) {
                throw new InvalidInputException("readers", "must be between 1 and 64, was " + readers);
            }
            if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new InvalidInputException("busyTimeout", "must be between 0 and " + Integer.MAX_VALUE + " ms, was " + busyTimeout);
            }
            if (readerWait.isNegative()) {
                throw new InvalidInputException("readerWait", "must not be negative, was " + readerWait);
            }
            if (walSizeLimit < 0) {
                throw new InvalidInputException("walSizeLimit", "must not be negative, was " + walSizeLimit);
            }
            if (file == null && checkpoints == Checkpoints.EXTERNAL) {
                throw new InvalidInputException("checkpoints", "must be AUTOMATIC for an in-memory store, which has no"
                        + " write-ahead log and no other process can reach, was EXTERNAL");
            }
            StoreOptions options = options();
            SqliteDatabase db = file == null ? openInMemory(options) : openFile();
            String location = file == null ? "in-memory" : file.toAbsolutePath().toString();
            String settings = "synchronous=" + synchronous + ", busyTimeout=" + busyTimeout
                    + (file == null ? "" : ", readers=" + readers + ", readerWait=" + readerWait + ", walSizeLimit=" + walSizeLimit
                            + ", checkpoints=" + checkpoints);
            ChatStoreEngine engine = ChatStoreEngine.open(db, new SqliteDialect(), options, messageHooks, location, settings);
            return new SqliteChatStore(engine, db, location, file == null ? null : file.toAbsolutePath().normalize());
        }

        /**
         * One private connection serves reads and writes. Migrating on open copies in the image of a migrated database
         * (made once per JVM), so the engine then finds the schema current; otherwise the database stays empty until
         * {@link StoreAdmin#migrate()}.
         */
        private SqliteDatabase openInMemory(StoreOptions options) {
            Connection only = connect(MEMORY, writerConfig());
            if (options.migrateOnOpen()) {
                try {
                    MigratedImage.copyInto(only, () -> connect(MEMORY, commonConfig()), options.clock());
                } catch (RuntimeException e) {
                    closeQuietly(only);
                    throw e;
                }
            }
            return new SqliteDatabase(only, List.of(), readerWait.toMillis(), new SqliteDialect(), null, null);
        }

        private SqliteDatabase openFile() {
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            Connection writer = connect(url, writerConfig());
            try {
                // Nothing is changed in a file that is not chatstore's: checked before WAL and migrations.
                SqliteFileCheck.requireEmptyOrChatstore(writer, file);
                switchToWal(writer);
                try (Statement pragmas = writer.createStatement()) {
                    pragmas.execute("PRAGMA journal_size_limit = " + walSizeLimit);
                    if (checkpoints == Checkpoints.EXTERNAL) {
                        // Only the writer commits, so only its commits could checkpoint.
                        pragmas.execute("PRAGMA wal_autocheckpoint = 0");
                    }
                }
            } catch (SQLException e) {
                closeQuietly(writer);
                throw new StoreUnavailableException("Cannot open SQLite database " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                closeQuietly(writer);
                throw e;
            }
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
            WalLimiter walLimiter = checkpoints == Checkpoints.EXTERNAL ? null
                    : new WalLimiter(file.toAbsolutePath(), walSizeLimit, busyTimeout.toMillis());
            return new SqliteDatabase(writer, readerConnections, readerWait.toMillis(), new SqliteDialect(), walLimiter,
                    file.toAbsolutePath());
        }

        /**
         * Switches the file to WAL. SQLite answers SQLITE_BUSY at once, without waiting, while another
         * connection holds a lock (another store opening the same new file): retried for the busy timeout.
         */
        private void switchToWal(Connection writer) throws SQLException {
            long deadline = System.nanoTime() + busyTimeout.toNanos();
            while (true) {
                try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                    String mode = rs.next() ? rs.getString(1) : null;
                    if ("wal".equalsIgnoreCase(mode)) {
                        return;
                    }
                    throw new StoreUnavailableException("Cannot switch SQLite database " + file
                            + " to WAL: its journal mode stays " + mode);
                } catch (SQLException e) {
                    boolean busy = (e.getErrorCode() & 0xFF) == SQLiteErrorCode.SQLITE_BUSY.code;
                    if (!busy || System.nanoTime() > deadline) {
                        throw e;
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }

        private SQLiteConfig commonConfig() {
            SQLiteConfig config = new SQLiteConfig();
            config.enforceForeignKeys(true);
            config.setBusyTimeout((int) busyTimeout.toMillis());
            // The store never asks for generated keys; sqlite-jdbc would otherwise prepare and run
            // "SELECT last_insert_rowid()" after every INSERT.
            config.setGetGeneratedKeys(false);
            return config;
        }

        /** WAL is switched on after the file check; SqliteDatabase begins the IMMEDIATE transactions itself. */
        private SQLiteConfig writerConfig() {
            SQLiteConfig config = commonConfig();
            config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous.name()));
            return config;
        }

        private static Connection connect(String url, SQLiteConfig config) {
            try {
                Connection connection = DriverManager.getConnection(url, config.toProperties());
                try {
                    TextFold.register(connection);
                } catch (SQLException e) {
                    connection.close();
                    throw e;
                }
                return connection;
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

package dev.chatstore.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code chatstore.*} properties. Bound once at start; not thread-safe while binding, read-only afterwards.
 *
 * <p>Which backend holds the store: {@link #getBackend() chatstore.backend} when set; otherwise SQLite when
 * {@code chatstore.sqlite.path} or {@code chatstore.sqlite.in-memory} is set; otherwise PostgreSQL when the
 * application has one {@code DataSource} and it is a PostgreSQL database. Anything else fails the start with
 * a message naming these properties.
 */
@ConfigurationProperties(prefix = "chatstore")
public class ChatstoreProperties {

    /**
     * Backend of the ChatStore bean. Default: sqlite when chatstore.sqlite.path or chatstore.sqlite.in-memory
     * is set, otherwise postgres when the application's DataSource is a PostgreSQL database.
     */
    private Backend backend;

    /** Largest attachment kept inline in the database (at most 16MB). */
    private DataSize maxInlineAttachmentSize = DataSize.ofKilobytes(64);

    /** How long persona reads are served from memory; 0 disables the persona cache. */
    private Duration personaCacheTtl = Duration.ofMinutes(10);

    /** Whether opening the store applies pending schema migrations; otherwise run store.admin().migrate(). */
    private boolean migrateOnOpen = true;

    /** How long a store operation may take before it is logged as slow, at WARN; 0 logs none. */
    private Duration slowOperationThreshold = Duration.ofSeconds(1);

    private final Sqlite sqlite = new Sqlite();

    private final Postgres postgres = new Postgres();

    private final SpringAi springAi = new SpringAi();

    public Backend getBackend() {
        return backend;
    }

    public void setBackend(Backend backend) {
        this.backend = backend;
    }

    public DataSize getMaxInlineAttachmentSize() {
        return maxInlineAttachmentSize;
    }

    public void setMaxInlineAttachmentSize(DataSize maxInlineAttachmentSize) {
        this.maxInlineAttachmentSize = maxInlineAttachmentSize;
    }

    public Duration getPersonaCacheTtl() {
        return personaCacheTtl;
    }

    public void setPersonaCacheTtl(Duration personaCacheTtl) {
        this.personaCacheTtl = personaCacheTtl;
    }

    public boolean isMigrateOnOpen() {
        return migrateOnOpen;
    }

    public void setMigrateOnOpen(boolean migrateOnOpen) {
        this.migrateOnOpen = migrateOnOpen;
    }

    public Duration getSlowOperationThreshold() {
        return slowOperationThreshold;
    }

    public void setSlowOperationThreshold(Duration slowOperationThreshold) {
        this.slowOperationThreshold = slowOperationThreshold;
    }

    public Sqlite getSqlite() {
        return sqlite;
    }

    public Postgres getPostgres() {
        return postgres;
    }

    public SpringAi getSpringAi() {
        return springAi;
    }

    /** The databases a ChatStore bean can live in. */
    public enum Backend {
        /** A SQLite database file (or a private in-memory database), through chatstore-sqlite. */
        SQLITE,
        /** The application's PostgreSQL DataSource, through chatstore-postgres. */
        POSTGRES
    }

    /** Commit durability of a SQLite store (SQLite's PRAGMA synchronous). */
    public enum SqliteSynchronous {
        /** No syncs: fastest; a power loss can corrupt the database. */
        OFF,
        /** Syncs at checkpoints: a power loss can lose the last commits, never the database. */
        NORMAL,
        /** Syncs every commit: commits survive a power loss. */
        FULL,
        /** As FULL, and also syncs the directory. */
        EXTRA
    }

    /** The {@code chatstore.sqlite.*} properties. */
    public static class Sqlite {

        /** SQLite database file, created with its parent directories when missing. Selects the sqlite backend. */
        private Path path;

        /** Whether the store is a private in-memory database that vanishes on shutdown (for tests and demos). */
        private boolean inMemory;

        /** Commit durability: FULL keeps the last commits through a power loss. */
        private SqliteSynchronous synchronous = SqliteSynchronous.NORMAL;

        /** How long to wait for another process's lock on the database file. */
        private Duration busyTimeout = Duration.ofSeconds(10);

        /** Read-only connections for concurrent reads (1 to 64; database files only). */
        private int readers = 4;

        /** How long a read waits for a free reader connection when all are busy. */
        private Duration readerWait = Duration.ofSeconds(30);

        /** Size past which the write-ahead log is cut back by a checkpoint. */
        private DataSize walSizeLimit = DataSize.ofMegabytes(64);

        public Path getPath() {
            return path;
        }

        public void setPath(Path path) {
            this.path = path;
        }

        public boolean isInMemory() {
            return inMemory;
        }

        public void setInMemory(boolean inMemory) {
            this.inMemory = inMemory;
        }

        public SqliteSynchronous getSynchronous() {
            return synchronous;
        }

        public void setSynchronous(SqliteSynchronous synchronous) {
            this.synchronous = synchronous;
        }

        public Duration getBusyTimeout() {
            return busyTimeout;
        }

        public void setBusyTimeout(Duration busyTimeout) {
            this.busyTimeout = busyTimeout;
        }

        public int getReaders() {
            return readers;
        }

        public void setReaders(int readers) {
            this.readers = readers;
        }

        public Duration getReaderWait() {
            return readerWait;
        }

        public void setReaderWait(Duration readerWait) {
            this.readerWait = readerWait;
        }

        public DataSize getWalSizeLimit() {
            return walSizeLimit;
        }

        public void setWalSizeLimit(DataSize walSizeLimit) {
            this.walSizeLimit = walSizeLimit;
        }
    }

    /** The {@code chatstore.postgres.*} properties. */
    public static class Postgres {

        /** Schema holding the store's tables in the DataSource's database (a lowercase SQL identifier). */
        private String schema = "chatstore";

        public String getSchema() {
            return schema;
        }

        public void setSchema(String schema) {
            this.schema = schema;
        }
    }

    /** The {@code chatstore.spring-ai.*} properties. */
    public static class SpringAi {

        /** The chatstore user whose conversations hold Spring AI's chat memory. */
        private String userId = "default";

        public String getUserId() {
            return userId;
        }

        public void setUserId(String userId) {
            this.userId = userId;
        }
    }
}

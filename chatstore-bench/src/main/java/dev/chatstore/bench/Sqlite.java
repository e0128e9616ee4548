package dev.chatstore.bench;

import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.sqlite.Synchronous;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite files for the benchmarks, every one with the pragmas chatstore's writer uses: WAL,
 * synchronous NORMAL, foreign keys on, a busy timeout, transactions that begin IMMEDIATE.
 */
final class Sqlite {
    private Sqlite() {
    }

    /** chatstore's writer settings (see {@code SqliteChatStore.Builder}), for every side alike. */
    private static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // As chatstore's connections: no "SELECT last_insert_rowid()" after every INSERT.
        config.setGetGeneratedKeys(false);
        return config;
    }

    /**
     * A connection with chatstore's writer settings, in auto-commit mode, with the SQL functions
     * chatstore's full-text triggers and views call, so raw writes do the same indexing work.
     */
    static Connection connect(Path file) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config().toProperties());
            SqliteChatStore.registerSqlFunctions(c);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open " + file, e);
        }
    }

    /** The same settings as a DataSource, for the libraries that want one. */
    static SQLiteDataSource dataSource(Path file) {
        SQLiteDataSource ds = new SQLiteDataSource(config());
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }

    /** Opens a chatstore store on {@code file} with the benchmark settings (WAL, synchronous NORMAL). */
    static SqliteChatStore openStore(Path file) {
        return SqliteChatStore.builder(file).synchronous(Synchronous.NORMAL).build();
    }

    /**
     * Folds the WAL into the database file, so that the file alone is the whole database (to copy
     * it). Call with no other connection open.
     */
    static void checkpoint(Path file) {
        try (Connection c = connect(file)) {
            execute(c, "PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot checkpoint " + file, e);
        }
    }

    /** Copies a closed, checkpointed database file. */
    static void copy(Path from, Path to) {
        delete(to);
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code sql} statements, one per execute (sqlite-jdbc runs only the first of several). */
    static void execute(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** Deletes a database file with its WAL and shared-memory files. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + "-wal"));
            Files.deleteIfExists(Path.of(file + "-shm"));
            Files.deleteIfExists(Path.of(file + "-journal"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

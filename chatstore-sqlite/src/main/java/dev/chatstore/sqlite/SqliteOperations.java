package dev.chatstore.sqlite;

import dev.chatstore.BackupProgress;
import dev.chatstore.BackupReport;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MaintenanceReport;
import dev.chatstore.PoolStats;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.MultiRowInsert;
import dev.chatstore.jdbc.Operations;
import dev.chatstore.jdbc.RowLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Backups and maintenance of a SQLite store. Reads (checks, backups) run on connections of their own
 * that hold one snapshot, so writers go on; VACUUM and checkpoints run on the writer, outside any
 * transaction. Backups are written beside their target, synced, checked and renamed (see
 * {@link SqliteFiles}). Thread-safe.
 */
final class SqliteOperations implements Operations {
    /** Pages copied per backup step: 4 MiB at SQLite's default page size. */
    private static final int PAGES_PER_STEP = 1024;

    private final SqliteDatabase db;
    /** Null in memory. */
    private final Path file;
    private final RowLoader rowLoader = new MultiRowInsert("main");

    SqliteOperations(SqliteDatabase db, Path file) {
        this.db = db;
        this.file = file;
    }

    @Override
    public PoolStats pool() {
        return db.poolStats();
    }

    @Override
    public long walBytes() {
        if (file == null) {
            return -1;
        }
        try {
            Path wal = SqliteFiles.wal(file);
            return Files.exists(wal) ? Files.size(wal) : 0;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public MaintenanceReport checkIntegrity(boolean full) {
        long start = System.nanoTime();
        Map<String, Long> figures = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>(onSnapshot(c -> {
            figures.put("pages", SqliteFiles.pragmaLong(c, "page_count"));
            return SqliteFiles.integrityProblems(c, full);
        }));
        if (full) {
            // FTS5's check of each index against its content table is a write statement to SQLite: it runs on
            // the writer (writes wait meanwhile); integrity_check alone does not see an index out of step.
            figures.put("full_text_indexes", db.onWriter(c -> {
                List<String> tables = SqliteFiles.fullTextTables(c);
                for (String table : tables) {
                    try (Statement s = c.createStatement()) {
                        s.execute("INSERT INTO \"" + table + "\" (\"" + table + "\", rank) VALUES ('integrity-check', 1)");
                    } catch (SQLException e) {
                        problems.add(table + ": " + e.getMessage());
                    }
                }
                return (long) tables.size();
            }));
        }
        return report(full ? "integrity_check" : "quick_check", problems.isEmpty(), start, figures, problems);
    }

    @Override
    public MaintenanceReport optimize() {
        long start = System.nanoTime();
        return db.onWriter(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA optimize");
            }
            Map<String, Long> figures = new LinkedHashMap<>();
            figures.put("statistics_rows", statisticsRows(c));
            return report("optimize", true, start, figures, List.of());
        });
    }

    private static long statisticsRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return 0;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_stat1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public MaintenanceReport vacuum() {
        long start = System.nanoTime();
        return db.onWriter(c -> {
            Map<String, Long> figures = new LinkedHashMap<>();
            figures.put("bytes_before", databaseBytes(c));
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM");
            }
            // VACUUM may renumber the rowids the external-content full-text indexes point to.
            long rebuilt = SqliteFiles.rebuildFullText(c);
            if (file != null) {
                checkpoint(c);
            }
            figures.put("bytes_after", databaseBytes(c));
            figures.put("full_text_indexes_rebuilt", rebuilt);
            return report("vacuum", true, start, figures, List.of());
        });
    }

    private static long databaseBytes(Connection c) throws SQLException {
        return SqliteFiles.pragmaLong(c, "page_count") * SqliteFiles.pragmaLong(c, "page_size");
    }

    @Override
    public MaintenanceReport checkpoint() {
        long start = System.nanoTime();
        if (file == null) {
            return report("checkpoint", true, start, Map.of(), List.of());
        }
        return db.onWriter(c -> {
            long[] result = checkpoint(c);
            Map<String, Long> figures = new LinkedHashMap<>();
            figures.put("wal_frames", result[1]);
            figures.put("frames_checkpointed", result[2]);
            boolean ok = result[0] == 0;
            return report("checkpoint", ok, start, figures,
                    ok ? List.of() : List.of("readers kept the log from being started over; try again when they finish"));
        });
    }

    /** {@code wal_checkpoint(TRUNCATE)}, waiting a short while for readers: busy flag, log frames, frames copied. */
    private static long[] checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + WalLimiter.CHECKPOINT_WAIT_MS);
            try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            } finally {
                s.execute("PRAGMA busy_timeout = " + ((SQLiteConnection) c).getBusyTimeout());
            }
        }
    }

    @Override
    public BackupReport backupTo(Path target, BackupProgress progress) {
        Check.notNull("progress", progress);
        long start = System.nanoTime();
        Path destination = requireTarget(target);
        return SqliteFiles.writeChecked(destination, temp -> onSnapshot(c -> {
            ((SQLiteConnection) c).getDatabase().backup("main", temp.toString(),
                    (remaining, total) -> progress.progress(Math.max(0, total - remaining), total), 0, 0, PAGES_PER_STEP);
            return null;
        }), start);
    }

    @Override
    public BackupReport compactTo(Path target) {
        long start = System.nanoTime();
        Path destination = requireTarget(target);
        return SqliteFiles.writeChecked(destination, temp -> {
            // VACUUM INTO reads one snapshot itself, and refuses to run inside a transaction.
            onConnection(false, c -> {
                try (PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
                    s.setString(1, temp.toString());
                    s.execute();
                }
                return null;
            });
            // VACUUM INTO renumbers rowids as VACUUM does: the copy's full-text indexes are rebuilt for its rows.
            try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + temp)) {
                TextFold.register(copy);
                SqliteFiles.rebuildFullText(copy);
            }
        }, start);
    }

    private Path requireTarget(Path target) {
        Check.notNull("target", target);
        Path absolute = target.toAbsolutePath().normalize();
        if (file != null && (absolute.equals(file.normalize()) || absolute.equals(SqliteFiles.wal(file).normalize()))) {
            throw new InvalidInputException("target", "is the store's own database file: " + target);
        }
        if (absolute.getParent() == null || !Files.isDirectory(absolute.getParent())) {
            throw new InvalidInputException("target", "is not in an existing directory: " + target);
        }
        if (Files.isDirectory(absolute)) {
            throw new InvalidInputException("target", "is a directory: " + target);
        }
        return absolute;
    }

    /**
     * Runs {@code work} on a connection holding one read snapshot of the database: a connection of its own
     * for a file (writers go on), the writer for an in-memory database (which has no other).
     */
    private <T> T onSnapshot(SqliteDatabase.SqlWork<T> work) {
        return onConnection(true, work);
    }

    /** Like {@link #onSnapshot}, in a transaction of its own only if {@code snapshot}. */
    private <T> T onConnection(boolean snapshot, SqliteDatabase.SqlWork<T> work) {
        if (file == null) {
            return db.onWriter(c -> snapshot ? inSnapshot(c, work) : work.run(c));
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties())) {
            TextFold.register(c);
            return snapshot ? inSnapshot(c, work) : work.run(c);
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot read SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T inSnapshot(Connection c, SqliteDatabase.SqlWork<T> work) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN");
            // The first read takes the snapshot the whole work then sees.
            s.executeQuery("SELECT count(*) FROM sqlite_master").close();
        }
        try {
            return work.run(c);
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
        }
    }

    private static MaintenanceReport report(String operation, boolean ok, long start, Map<String, Long> figures,
                                            List<String> problems) {
        return new MaintenanceReport(operation, ok, Duration.ofNanos(System.nanoTime() - start), figures, problems);
    }

    @Override
    public RowLoader rowLoader() {
        return rowLoader;
    }
}

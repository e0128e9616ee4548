package dev.chatstore.sqlite;

import dev.chatstore.BackupReport;
import dev.chatstore.CorruptDatabaseException;
import dev.chatstore.StoreUnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Database files as whole things: a file written beside its target, synced, checked and renamed
 * into place (so a crash leaves the previous file or the new one, never half of one), the checks
 * themselves, and the full-text rebuild a renumbering copy needs.
 */
final class SqliteFiles {
    /** Temporary files are named {@code .<target>.<TEMP_MARK><random>}. */
    private static final String TEMP_MARK = "chatstore-partial-";

    private SqliteFiles() {
    }

    /** Writes a database file to a path it is given. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path file) throws SQLException, IOException;
    }

    static Path wal(Path database) {
        return database.resolveSibling(database.getFileName() + "-wal");
    }

    private static Path shm(Path database) {
        return database.resolveSibling(database.getFileName() + "-shm");
    }

    private static Path journal(Path database) {
        return database.resolveSibling(database.getFileName() + "-journal");
    }

    /**
     * Has {@code writer} write a database to a temporary file beside {@code target}, checks it, syncs it and
     * renames it to {@code target} (replacing what is there, and removing that file's stale log). Partial files
     * a crash left beside the target before are removed first. On failure nothing is left but what was there.
     *
     * @throws CorruptDatabaseException  if the written file fails its check
     * @throws StoreUnavailableException if it cannot be written
     */
    static BackupReport writeChecked(Path target, FileWriter writer, long startNanos) {
        removeLeftovers(target);
        Path temp = target.resolveSibling("." + target.getFileName() + "." + TEMP_MARK + UUID.randomUUID());
        try {
            writer.write(temp);
            int version = check(temp);
            sync(temp);
            Files.deleteIfExists(wal(target));
            Files.deleteIfExists(shm(target));
            Files.deleteIfExists(journal(target));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.getParent());
            return new BackupReport(target, Files.size(target), version, Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (SQLException | IOException e) {
            throw new StoreUnavailableException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Removes what an interrupted {@link #writeChecked} of {@code target} left beside it. */
    private static void removeLeftovers(Path target) {
        String prefix = "." + target.getFileName() + "." + TEMP_MARK;
        try (DirectoryStream<Path> partial = Files.newDirectoryStream(target.getParent(), p ->
                p.getFileName().toString().startsWith(prefix))) {
            for (Path p : partial) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Leftovers only take space; the new file gets a name of its own.
        }
    }

    private static void deleteQuietly(Path file) {
        for (Path p : List.of(file, wal(file), shm(file), journal(file))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // A leftover is removed by the next write to the same target.
            }
        }
    }

    /**
     * Checks that {@code file} is a sound chatstore database: {@code integrity_check} passes and the schema
     * history is readable. Leaves the file as it was (its log folded in).
     *
     * @return the schema version it holds
     * @throws CorruptDatabaseException if it is not
     */
    static int check(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            TextFold.register(c);
            List<String> problems = integrityProblems(c, true);
            if (!problems.isEmpty()) {
                throw new CorruptDatabaseException(file + " fails SQLite's integrity check: "
                        + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT max(version) FROM chatstore_schema_history")) {
                rs.next();
                int version = rs.getInt(1);
                if (rs.wasNull()) {
                    throw new CorruptDatabaseException(file + " has an empty schema history: not a chatstore database");
                }
                return version;
            } catch (SQLException e) {
                throw new CorruptDatabaseException(file + " has no readable schema history: not a chatstore database ("
                        + e.getMessage() + ")", e);
            }
        } catch (SQLException e) {
            throw new CorruptDatabaseException(file + " is not a sound SQLite database: " + e.getMessage(), e);
        }
    }

    /** The rows of {@code integrity_check} (or {@code quick_check}) other than "ok". */
    static List<String> integrityProblems(Connection c, boolean full) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(full ? "PRAGMA integrity_check" : "PRAGMA quick_check")) {
            while (rs.next()) {
                String row = rs.getString(1);
                if (!"ok".equals(row)) {
                    problems.add(row);
                }
            }
        }
        return problems;
    }

    static long pragmaLong(Connection c, String pragma) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The FTS5 tables of the database. */
    static List<String> fullTextTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND lower(sql) LIKE 'create virtual table%using fts5%'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Rebuilds every FTS5 index from its content table (after rowids may have been renumbered). */
    static long rebuildFullText(Connection c) throws SQLException {
        List<String> tables = fullTextTables(c);
        for (String table : tables) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO \"" + table + "\" (\"" + table + "\") VALUES ('rebuild')");
            }
        }
        return tables.size();
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes a rename durable; a file system that cannot open directories has nothing to sync. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Not supported here (e.g. Windows): the rename is as durable as the platform makes it.
        }
    }
}

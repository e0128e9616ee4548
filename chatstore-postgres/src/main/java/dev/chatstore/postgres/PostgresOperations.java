package dev.chatstore.postgres;

import dev.chatstore.BackupProgress;
import dev.chatstore.BackupReport;
import dev.chatstore.MaintenanceReport;
import dev.chatstore.PoolStats;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.jdbc.Operations;
import dev.chatstore.jdbc.RowLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Maintenance of a PostgreSQL store: statistics and VACUUM of the store's own tables, and the
 * application's pool figures (HikariCP's when the DataSource is HikariCP). Backups, page checks and
 * checkpoints are the server's: those throw {@link UnsupportedOperationException} saying so.
 * Thread-safe.
 */
final class PostgresOperations implements Operations {
    private final DataSource dataSource;
    private final String schema;
    private final RowLoader rowLoader;

    PostgresOperations(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.rowLoader = new PostgresCopyLoader("\"" + schema + "\"");
    }

    @Override
    public PoolStats pool() {
        return HikariFigures.available() ? HikariFigures.of(dataSource) : PoolStats.unknown();
    }

    @Override
    public long walBytes() {
        return -1;
    }

    @Override
    public MaintenanceReport checkIntegrity(boolean full) {
        throw new UnsupportedOperationException("PostgreSQL checks its own pages (data checksums); an integrity check"
                + " is the server operator's, with amcheck / pg_amcheck");
    }

    @Override
    public MaintenanceReport optimize() {
        return eachTable("analyze", "ANALYZE");
    }

    @Override
    public MaintenanceReport vacuum() {
        return eachTable("vacuum", "VACUUM (ANALYZE)");
    }

    /** Runs {@code command} on each of the store's tables, on a connection in autocommit (VACUUM needs it). */
    private MaintenanceReport eachTable(String operation, String command) {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                List<String> tables = tables(c);
                Map<String, Long> figures = new LinkedHashMap<>();
                figures.put("bytes_before", bytes(c));
                try (Statement s = c.createStatement()) {
                    for (String table : tables) {
                        s.execute(command + " " + schema + "." + table);
                    }
                }
                figures.put("bytes_after", bytes(c));
                figures.put("tables", (long) tables.size());
                return new MaintenanceReport(operation, true, Duration.ofNanos(System.nanoTime() - start), figures, List.of());
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("PostgreSQL " + operation + " of schema " + schema + " failed: "
                    + e.getMessage(), e);
        }
    }

    private List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = ? ORDER BY tablename")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private long bytes(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce(sum(pg_total_relation_size(format('%I.%I', "
                + "schemaname, tablename))), 0) FROM pg_catalog.pg_tables WHERE schemaname = ?")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public MaintenanceReport checkpoint() {
        throw new UnsupportedOperationException("PostgreSQL's server checkpoints on its own (checkpoint_timeout,"
                + " max_wal_size)");
    }

    @Override
    public BackupReport backupTo(Path target, BackupProgress progress) {
        throw new UnsupportedOperationException("A PostgreSQL backup is the server's business: pg_basebackup or"
                + " pg_dump; UserChats.exportTo moves one user's data between stores");
    }

    @Override
    public BackupReport compactTo(Path target) {
        return backupTo(target, BackupProgress.NONE);
    }

    @Override
    public RowLoader rowLoader() {
        return rowLoader;
    }
}

package dev.chatstore.imports;

import dev.chatstore.StoreUnavailableException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a source database over JDBC: which tables and columns it has, and its rows through fixed statements with
 * bound parameters. On SQLite the order key of a row is its rowid (insertion order); elsewhere there is none (0).
 * Not thread-safe.
 */
final class SourceDb {
    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final boolean sqlite;
    private final Map<String, Set<String>> columns = new HashMap<>();

    SourceDb(Connection connection) {
        this.connection = connection;
        try {
            this.sqlite = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("sqlite");
        } catch (SQLException e) {
            throw unavailable("read what the source database is", e);
        }
    }

    /** The expression of a row's order key in a statement over {@code alias}. */
    String orderKey(String alias) {
        return sqlite ? alias + ".rowid" : "0";
    }

    /** @throws dev.chatstore.InvalidInputException if a table is missing */
    void requireTables(SourceProduct product, String... tables) {
        for (String table : tables) {
            if (columns(table).isEmpty()) {
                throw SourceProblem.of("the " + product.cliName() + " database has no table " + table);
            }
        }
    }

    boolean hasColumn(String table, String column) {
        return columns(table).contains(column.toLowerCase(Locale.ROOT));
    }

    /** The column's name when the table has it, else {@code NULL AS column}: for columns only some versions have. */
    String optional(String alias, String table, String column) {
        return hasColumn(table, column) ? alias + "." + column : "NULL AS " + column;
    }

    void query(String sql, RowReader reader, Object... params) {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw unavailable("read the source database", e);
        }
    }

    /** Fails with {@code problem} and the first value the statement finds, if it finds one: for dangling references. */
    void requireNone(String sql, String problem) {
        query(sql, rs -> {
            throw SourceProblem.of(problem + ": " + rs.getString(1));
        });
    }

    private Set<String> columns(String table) {
        return columns.computeIfAbsent(table, t -> {
            Set<String> names = new HashSet<>();
            try {
                DatabaseMetaData meta = connection.getMetaData();
                for (String candidate : new String[] {t, t.toUpperCase(Locale.ROOT)}) {
                    try (ResultSet rs = meta.getColumns(null, null, candidate, null)) {
                        while (rs.next()) {
                            names.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                    if (!names.isEmpty()) {
                        break;
                    }
                }
            } catch (SQLException e) {
                throw unavailable("read the source database's tables", e);
            }
            return names;
        });
    }

    private static StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException("Could not " + what + ": " + e.getMessage(), e);
    }
}

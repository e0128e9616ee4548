package dev.chatstore.sqlite;

import dev.chatstore.MigrationException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Refuses, before anything is changed, to open a SQLite file that holds another application's tables. */
final class SqliteFileCheck {
    private static final String HISTORY = "chatstore_schema_history";

    private SqliteFileCheck() {
    }

    /**
     * Passes an empty database and one chatstore migrated (it has its schema history). Litestream's
     * bookkeeping tables ({@code _litestream_seq}, {@code _litestream_lock}), which it creates in a
     * database it replicates, do not count: Litestream may reach a new file before the store does.
     *
     * @throws MigrationException naming the tables found, if the file holds tables but no schema history
     * @throws SQLException       if the file cannot be read as a SQLite database
     */
    static void requireEmptyOrChatstore(Connection c, Path file) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_litestream\\_%' ESCAPE '\\'"
                     + " ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (!tables.isEmpty() && !tables.contains(HISTORY)) {
            throw new MigrationException(file + " is not a chatstore database: it has the tables "
                    + (tables.size() > 10 ? tables.subList(0, 10) + " and " + (tables.size() - 10) + " more" : tables)
                    + " and no " + HISTORY + ". It was left unchanged; open an empty file or a chatstore database.");
        }
    }
}

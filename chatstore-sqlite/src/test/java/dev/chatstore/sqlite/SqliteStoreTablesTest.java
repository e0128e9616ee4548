package dev.chatstore.sqlite;

import dev.chatstore.jdbc.ExportFormatCoverage;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import dev.chatstore.sqlite.SqliteChatStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export format covers every table and column of a migrated SQLite database. */
class SqliteStoreTablesTest {
    @Test
    void theExportFormatCoversEveryTableAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chat.db");
        SqliteChatStore.open(file).close();
        Map<String, Set<String>> columns = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet tables = s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'")) {
                while (tables.next()) {
                    columns.put(tables.getString(1), new TreeSet<>());
                }
            }
            for (Map.Entry<String, Set<String>> table : columns.entrySet()) {
                try (ResultSet rs = s.executeQuery("SELECT name FROM pragma_table_info('" + table.getKey() + "')")) {
                    while (rs.next()) {
                        table.getValue().add(rs.getString(1));
                    }
                }
            }
        }
        assertThat(columns).as("tables found").containsKeys("conversation", "message", "embedding");
        assertThat(ExportFormatCoverage.differences(columns)).isEmpty();
    }

    /** Every statement of the engine's catalogs as SQLite's dialect renders them constrains user_id (see UserScopeCheck). */
    @Test
    void everyStatementAsSqliteRendersItKeepsToOneUser() {
        assertThat(dev.chatstore.jdbc.UserScopeCheck.violations(new SqliteDialect()))
                .as("statements naming a user's table without constraining its user_id").isEmpty();
    }
}

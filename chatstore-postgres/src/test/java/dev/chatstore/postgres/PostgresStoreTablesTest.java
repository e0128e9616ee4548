package dev.chatstore.postgres;

import dev.chatstore.jdbc.ExportFormatCoverage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The export format covers every table and column of a migrated PostgreSQL schema. */
class PostgresStoreTablesTest {
    @Test
    void theExportFormatCoversEveryTableAndColumn() throws Exception {
        String schema = TestPostgres.freshSchema();
        PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build().close();
        Map<String, Set<String>> columns = new TreeMap<>();
        try (Connection c = TestPostgres.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT c.table_name, c.column_name FROM information_schema.columns c"
                     + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                     + " WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE'")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), t -> new TreeSet<>()).add(rs.getString(2));
                }
            }
        }
        assertThat(columns).as("tables found").containsKeys("conversation", "message", "embedding");
        assertThat(ExportFormatCoverage.differences(columns)).isEmpty();
    }
}

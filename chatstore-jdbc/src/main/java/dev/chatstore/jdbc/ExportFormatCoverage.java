package dev.chatstore.jdbc;

import dev.chatstore.jdbc.internal.StoreTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the export format's catalogue of tables and columns with a migrated database's tables and columns, so that a
 * migration adding a table or a column cannot leave it out of exports unnoticed. Each backend's tests read their
 * catalog and call {@link #differences}.
 */
public final class ExportFormatCoverage {
    /**
     * Tables that are not data: the schema history, the counter approximate search's versions come from, and the
     * email claims (derived from the profiles' emails; an import claims them again).
     */
    public static final Set<String> NOT_EXPORTED = Set.of("chatstore_schema_history", "embedding_version_counter",
            "email_claim");

    private ExportFormatCoverage() {
    }

    /**
     * @param columnsByTable the database's tables (full-text index tables left out) and their columns
     * @return what differs, one line each; empty when the catalogue covers the database exactly
     */
    public static List<String> differences(Map<String, Set<String>> columnsByTable) {
        List<String> differences = new ArrayList<>();
        Map<String, Set<String>> expected = new TreeMap<>();
        for (TableSpec table : StoreTables.ALL) {
            Set<String> columns = new TreeSet<>();
            table.columns().forEach(c -> columns.add(c.name()));
            expected.put(table.name(), columns);
        }
        for (Map.Entry<String, Set<String>> table : new TreeMap<>(columnsByTable).entrySet()) {
            if (NOT_EXPORTED.contains(table.getKey())) {
                continue;
            }
            Set<String> inFormat = expected.remove(table.getKey());
            if (inFormat == null) {
                differences.add("table " + table.getKey() + " is not in the export format");
                continue;
            }
            for (String column : new TreeSet<>(table.getValue())) {
                if (!inFormat.remove(column) && !StoreTables.DERIVED_COLUMNS.contains(table.getKey() + "." + column)) {
                    differences.add("column " + table.getKey() + "." + column + " is not in the export format");
                }
            }
            inFormat.forEach(column -> differences.add("the export format's " + table.getKey() + "." + column
                    + " is not in the database"));
        }
        expected.keySet().forEach(table -> differences.add("the export format's table " + table + " is not in the database"));
        return differences;
    }
}

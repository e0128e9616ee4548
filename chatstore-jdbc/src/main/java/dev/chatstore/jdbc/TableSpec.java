package dev.chatstore.jdbc;

import java.util.List;

/**
 * A table as the store export format carries it: its name and the columns written, in order. Derived columns
 * (search vectors, versions kept for caches) are not among them.
 *
 * @param name    the table's name, also its name in the export format
 * @param columns the columns, in the order rows list their values
 */
public record TableSpec(String name, List<Column> columns) {
    public TableSpec {
        columns = List.copyOf(columns);
    }

    /** One column: its name and how its values travel. */
    public record Column(String name, ColumnType type) {
    }

    /** The position of {@code column} in {@link #columns()}, or -1. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }
}

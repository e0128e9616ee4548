package dev.chatstore.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The portable {@link RowLoader}: one {@code INSERT ... VALUES (...), (...), ...} statement per chunk of rows. Several
 * rows per statement matter on SQLite, whose full-text index writes a segment per statement. Values are bound
 * positionally through Jdbi, so each dialect binds timestamps and JSON its own way. Thread-safe.
 */
public final class MultiRowInsert implements RowLoader {
    /** SQLite allows 32,766 parameters per statement; rows of up to 30 columns fit 1,000 to a statement. */
    private static final int MAX_PARAMETERS = 30_000;
    private static final int MAX_ROWS = 200;

    private final String schema;
    private final Map<String, String> sqlByShape = new ConcurrentHashMap<>();

    /** @param schema the qualifier of every table (the dialect's {@link Dialect#schema()}) */
    public MultiRowInsert(String schema) {
        this.schema = schema;
    }

    @Override
    public void load(Handle handle, TableSpec table, List<Object[]> rows) {
        int perStatement = Math.max(1, Math.min(MAX_ROWS, MAX_PARAMETERS / table.columns().size()));
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            Update insert = handle.createUpdate(sql(table, chunk.size()));
            int position = 0;
            for (Object[] row : chunk) {
                for (int c = 0; c < row.length; c++) {
                    bind(insert, position++, table.columns().get(c).type(), row[c]);
                }
            }
            insert.execute();
        }
    }

    private static void bind(Update insert, int position, ColumnType type, Object value) {
        if (value == null) {
            insert.bindByType(position, null, javaType(type));
        } else if (type == ColumnType.JSON) {
            insert.bind(position, new JsonText((String) value));
        } else {
            insert.bind(position, value);
        }
    }

    private static Class<?> javaType(ColumnType type) {
        return switch (type) {
            case TEXT -> String.class;
            case INTEGER -> Long.class;
            case REAL -> Double.class;
            case BOOLEAN -> Boolean.class;
            case TIMESTAMP -> Instant.class;
            case JSON -> JsonText.class;
            case BYTES -> byte[].class;
        };
    }

    private String sql(TableSpec table, int rowCount) {
        return sqlByShape.computeIfAbsent(table.name() + "/" + rowCount, key -> {
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(schema).append('.').append(table.name()).append(" (");
            StringBuilder row = new StringBuilder("(");
            for (int c = 0; c < table.columns().size(); c++) {
                sql.append(c == 0 ? "" : ", ").append(table.columns().get(c).name());
                row.append(c == 0 ? "?" : ", ?");
            }
            sql.append(") VALUES ");
            row.append(')');
            for (int r = 0; r < rowCount; r++) {
                sql.append(r == 0 ? "" : ", ").append(row);
            }
            return sql.toString();
        });
    }
}

package dev.chatstore.jdbc;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Writes imported rows in bulk, on the import's transaction. Each row is an array of values in the order of
 * {@link TableSpec#columns()}, of the Java types {@link ColumnType} names. A backend may replace the default
 * ({@link MultiRowInsert}) with its own bulk path, e.g. PostgreSQL's {@code COPY}.
 */
public interface RowLoader {
    /**
     * Inserts {@code rows} into {@code table}; a failure propagates as the database reports it, and the caller rolls
     * the transaction back.
     */
    void load(Handle handle, TableSpec table, List<Object[]> rows);
}

package dev.chatstore.jdbc;

/**
 * How a column's values travel in the store export format, and the Java type a {@link RowLoader} receives for them
 * (null for NULL).
 */
public enum ColumnType {
    /** {@link String}. */
    TEXT,
    /** {@link Long}. */
    INTEGER,
    /** {@link Double}. */
    REAL,
    /** {@link Boolean}. */
    BOOLEAN,
    /** {@link java.time.Instant}, at millisecond precision. */
    TIMESTAMP,
    /** {@link String} holding JSON text exactly as stored. */
    JSON,
    /** {@code byte[]}. */
    BYTES
}

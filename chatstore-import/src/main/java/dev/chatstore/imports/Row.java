package dev.chatstore.imports;

import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the export format, its values already in the format's encodings: text and JSON columns as strings,
 * integers as longs, timestamps as {@link Instant#toString()}, bytes as Base64. A null value leaves the column out
 * (the format reads a missing column as NULL). Not thread-safe.
 */
final class Row {
    private final Map<String, Object> values = new LinkedHashMap<>();

    Row text(String column, String value) {
        return put(column, value);
    }

    Row integer(String column, Long value) {
        return put(column, value);
    }

    Row integer(String column, long value) {
        return put(column, value);
    }

    Row real(String column, double value) {
        return put(column, value);
    }

    Row bool(String column, boolean value) {
        return put(column, value);
    }

    Row instant(String column, Instant value) {
        return put(column, value == null ? null : value.toString());
    }

    /** A JSON column: the JSON text itself, which the format carries as a string. */
    Row json(String column, String jsonText) {
        return put(column, jsonText);
    }

    Row bytes(String column, byte[] value) {
        return put(column, value == null ? null : Base64.getEncoder().encodeToString(value));
    }

    Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    private Row put(String column, Object value) {
        if (value != null) {
            values.put(column, value);
        } else {
            values.remove(column);
        }
        return this;
    }
}

package dev.chatstore.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON columns of the sources: read into plain Java values, written back as chatstore stores JSON. */
final class SourceJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private SourceJson() {
    }

    /** The parsed value, or null for SQL NULL or an empty string. */
    static Object read(String text, String table, Object rowKey, String column) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw SourceProblem.at(table, rowKey, column, "not JSON: " + abbreviate(text));
        }
    }

    /** A JSON object; NULL and empty text are an empty object. */
    static Map<String, Object> object(String text, String table, Object rowKey, String column) {
        Object value = read(text, table, rowKey, column);
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw SourceProblem.at(table, rowKey, column, "not a JSON object: " + abbreviate(text));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }

    /** A JSON array; NULL and empty text are an empty list. */
    static List<Object> array(String text, String table, Object rowKey, String column) {
        Object value = read(text, table, rowKey, column);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw SourceProblem.at(table, rowKey, column, "not a JSON array: " + abbreviate(text));
        }
        @SuppressWarnings("unchecked")
        List<Object> array = (List<Object>) list;
        return array;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parsed JSON is always JSON", e);
        }
    }

    private static String abbreviate(String text) {
        return "\"" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "\"";
    }
}

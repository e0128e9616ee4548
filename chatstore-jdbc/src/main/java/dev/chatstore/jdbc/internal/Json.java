package dev.chatstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.chatstore.ChatStoreException;
import dev.chatstore.jdbc.JsonText;
import dev.chatstore.ToolCall;
import dev.chatstore.internal.Check;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for metadata columns. Values were validated and normalized by the API types, so writing
 * cannot fail on them and reading gives back equal maps.
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    /** Same maps with sorted keys: a canonical form for payload fingerprints. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, String>>> TOOL_CALLS = new TypeReference<>() {
    };

    private Json() {
    }

    private static final JsonText EMPTY_OBJECT = new JsonText("{}");

    static JsonText write(Map<String, Object> value) {
        // Most messages and rows have no metadata: no serializer for them.
        return value.isEmpty() ? EMPTY_OBJECT : new JsonText(toString(MAPPER, value));
    }

    /** A JSON value already validated by {@link Check#jsonValue}, as a JSON document. */
    static JsonText writeValue(Object value) {
        return new JsonText(toString(MAPPER, value));
    }

    /**
     * Reads a JSON document written by {@link #writeValue}, normalized as {@link Check#jsonValue}
     * does, so it equals what was written.
     *
     * @param what the column, for the message if the stored text is not JSON
     */
    static Object readValue(String json, String what) {
        try {
            return Check.jsonValue(what, MAPPER.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new ChatStoreException("Stored " + what + " is not valid JSON", e);
        }
    }

    static String canonical(Object value) {
        return toString(CANONICAL, value);
    }

    static Map<String, Object> read(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return Check.metadata("metadata", MAPPER.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new ChatStoreException("Stored metadata is not valid JSON", e);
        }
    }

    /** A JSON array of strings. */
    static JsonText writeList(List<String> values) {
        return new JsonText(toString(MAPPER, values));
    }

    /** A JSON array of strings, or null for an empty list (so rows without media stay small). */
    static JsonText writeStrings(List<String> values) {
        return values.isEmpty() ? null : new JsonText(toString(MAPPER, values));
    }

    static List<String> readStrings(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(MAPPER.readValue(json, STRINGS));
        } catch (JsonProcessingException e) {
            throw new ChatStoreException("Stored list is not valid JSON", e);
        }
    }

    /** Tool calls as a JSON array of {id, name, arguments}, or null for none. */
    static JsonText writeToolCalls(List<ToolCall> calls) {
        if (calls.isEmpty()) {
            return null;
        }
        List<Map<String, String>> rows = calls.stream().map(c -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("id", c.id());
            row.put("name", c.name());
            row.put("arguments", c.arguments());
            return row;
        }).toList();
        return new JsonText(toString(MAPPER, rows));
    }

    static List<ToolCall> readToolCalls(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return MAPPER.readValue(json, TOOL_CALLS).stream()
                    .map(row -> new ToolCall(row.get("id"), row.get("name"), row.get("arguments"))).toList();
        } catch (JsonProcessingException e) {
            throw new ChatStoreException("Stored tool calls are not valid JSON", e);
        }
    }

    /** A JSON value stored on its own (a setting), normalized like metadata. */
    static Object readValue(String json) {
        try {
            Object value = MAPPER.readValue(json, Object.class);
            return Check.jsonValue("value", value);
        } catch (JsonProcessingException e) {
            throw new ChatStoreException("Stored value is not valid JSON", e);
        }
    }

    /** A generator writing JSON Lines to {@code out}; closing it flushes but leaves {@code out} open. */
    static JsonGenerator lines(OutputStream out) throws IOException {
        JsonGenerator generator = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setRootValueSeparator(null);
        return generator;
    }

    /** Applies an RFC 7386 JSON merge patch: maps merge recursively, a null value removes the key. */
    static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(target);
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            Object value = e.getValue();
            if (value == null) {
                result.remove(e.getKey());
            } else if (value instanceof Map<?, ?> nested) {
                Object current = result.get(e.getKey());
                @SuppressWarnings("unchecked")
                Map<String, Object> base = current instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                @SuppressWarnings("unchecked")
                Map<String, Object> nestedPatch = (Map<String, Object>) nested;
                result.put(e.getKey(), mergePatch(base, nestedPatch));
            } else {
                result.put(e.getKey(), value);
            }
        }
        return result;
    }

    private static String toString(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Validated metadata failed to serialize", e);
        }
    }
}

package dev.chatstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.chatstore.ChatStoreException;
import dev.chatstore.jdbc.JsonText;
import dev.chatstore.internal.Check;
import java.util.LinkedHashMap;
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

    private Json() {
    }

    static JsonText write(Map<String, Object> value) {
        return new JsonText(toString(MAPPER, value));
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

    private static String toString(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Validated metadata failed to serialize", e);
        }
    }
}

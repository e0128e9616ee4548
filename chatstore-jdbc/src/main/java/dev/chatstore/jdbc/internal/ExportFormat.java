package dev.chatstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.chatstore.jdbc.ColumnType;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The store export format's constants and how each {@link ColumnType} is written as JSON and read back (see
 * docs/export-format.md): one place, so that writer and reader cannot disagree.
 */
final class ExportFormat {
    static final String FORMAT = "chatstore-export";
    static final int VERSION = 1;
    static final JsonFactory JSON = JsonFactory.builder().build();

    private ExportFormat() {
    }

    static void write(JsonGenerator json, ColumnType type, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (type) {
            case TEXT, JSON -> json.writeString((String) value);
            case INTEGER -> json.writeNumber((Long) value);
            case REAL -> json.writeNumber((Double) value);
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case TIMESTAMP -> json.writeString(value.toString());
            case BYTES -> json.writeString(Base64.getEncoder().encodeToString((byte[]) value));
        }
    }

    /**
     * Reads the value the parser is on as {@code type}'s Java type.
     *
     * @throws IllegalArgumentException saying what is wrong, if the JSON value does not fit the type
     */
    static Object read(JsonParser json, ColumnType type) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        switch (type) {
            case TEXT, JSON -> {
                expect(token == JsonToken.VALUE_STRING, "a string", token);
                return json.getText();
            }
            case INTEGER -> {
                expect(token == JsonToken.VALUE_NUMBER_INT, "an integer", token);
                return json.getLongValue();
            }
            case REAL -> {
                expect(token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT, "a number", token);
                return json.getDoubleValue();
            }
            case BOOLEAN -> {
                expect(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE, "true or false", token);
                return token == JsonToken.VALUE_TRUE;
            }
            case TIMESTAMP -> {
                expect(token == JsonToken.VALUE_STRING, "an ISO-8601 timestamp", token);
                try {
                    return Instant.parse(json.getText());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("is not an ISO-8601 timestamp such as 2026-01-31T12:00:00.000Z");
                }
            }
            case BYTES -> {
                expect(token == JsonToken.VALUE_STRING, "a Base64 string", token);
                try {
                    return Base64.getDecoder().decode(json.getText());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("is not Base64");
                }
            }
            default -> throw new AssertionError(type);
        }
    }

    private static void expect(boolean ok, String what, JsonToken found) {
        if (!ok) {
            throw new IllegalArgumentException("should be " + what + ", not " + describe(found));
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}

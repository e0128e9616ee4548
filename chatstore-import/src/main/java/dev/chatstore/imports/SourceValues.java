package dev.chatstore.imports;

import dev.chatstore.InvalidInputException;
import dev.chatstore.Media;
import dev.chatstore.MessageType;
import dev.chatstore.Role;
import dev.chatstore.TokenUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Conversions of source columns shared by the converters; a bad value names its table, row and column. */
final class SourceValues {
    private SourceValues() {
    }

    /** Builds an API value, turning its validation error into a source problem of the row. */
    static <T> T checked(String table, Object rowKey, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidInputException e) {
            throw SourceProblem.refused(table, rowKey, e);
        }
    }

    static String required(String value, String table, Object rowKey, String column) {
        if (value == null) {
            throw SourceProblem.at(table, rowKey, column, "is NULL");
        }
        return value;
    }

    static Role role(String value, String table, Object rowKey) {
        String wire = required(value, table, rowKey, "role").strip().toLowerCase(Locale.ROOT);
        return checked(table, rowKey, () -> Role.parse(wire));
    }

    /** "TEXT", "text", "Image" …: the product's message types case-insensitively; NULL is text. */
    static MessageType messageType(String value, String table, Object rowKey) {
        return value == null ? MessageType.TEXT
                : checked(table, rowKey, () -> MessageType.parse(value.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * A message's token count: for an assistant message what the model generated (completion tokens), for any
     * other what it was given (prompt tokens); {@code model} is the assistant's model where the source names one.
     */
    static TokenUsage usage(Role role, Long tokens, String model) {
        if (tokens == null && model == null) {
            return TokenUsage.NONE;
        }
        Integer count = tokens == null ? null : Math.toIntExact(tokens);
        return role == Role.ASSISTANT ? new TokenUsage(model, null, count) : new TokenUsage(model, count, null);
    }

    static Media media(List<String> refs, String audioRef, Long audioDurationMs) {
        return refs.isEmpty() && audioRef == null && audioDurationMs == null ? Media.NONE
                : new Media(refs, audioRef, audioDurationMs);
    }

    /** A JSON array's elements as text: strings as they are, other values as their JSON. */
    static List<String> texts(List<Object> values) {
        return values.stream().map(v -> v instanceof String s ? s : SourceJson.write(v)).toList();
    }

    static Long longOrNull(Object value, String table, Object rowKey, String column) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw SourceProblem.at(table, rowKey, column, "not an integer: \"" + value + "\"");
        }
    }

    /** SQLite keeps booleans as 0/1 (sometimes as text); NULL is {@code ifNull}. */
    static boolean bool(Object value, boolean ifNull, String table, Object rowKey, String column) {
        if (value == null) {
            return ifNull;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        return switch (value.toString().strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "yes" -> true;
            case "0", "false", "f", "no" -> false;
            default -> throw SourceProblem.at(table, rowKey, column, "not a boolean: \"" + value + "\"");
        };
    }

    /**
     * Metadata with what chatstore has no column for under the key "source" (or "import_source" when the source's
     * own metadata already uses "source"); {@code extra} empty leaves the metadata as it is.
     */
    static Map<String, Object> withSource(Map<String, Object> metadata, Map<String, Object> extra) {
        if (extra.isEmpty()) {
            return metadata;
        }
        Map<String, Object> copy = new LinkedHashMap<>(metadata);
        copy.put(copy.containsKey("source") ? "import_source" : "source", extra);
        return copy;
    }
}

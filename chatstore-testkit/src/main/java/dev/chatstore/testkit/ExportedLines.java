package dev.chatstore.testkit;

import dev.chatstore.ExportSummary;
import dev.chatstore.UserChats;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one {@link UserChats#exportTo} wrote: its summary, the bytes, and every line parsed by
 * {@link JsonLines}. Not API.
 */
record ExportedLines(ExportSummary summary, byte[] bytes, List<Map<String, Object>> records) {
    /** The record types an export may write. */
    static final Set<String> TYPES = Set.of("profile", "conversation", "message", "attachment", "fact", "setting",
            "provider");

    /** Exports {@code user} into memory and parses every line (failing the test on invalid JSON Lines). */
    static ExportedLines of(UserChats user) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportSummary summary = user.exportTo(out);
        byte[] bytes = out.toByteArray();
        return new ExportedLines(summary, bytes, JsonLines.objects(bytes));
    }

    List<Map<String, Object>> ofType(String type) {
        return records.stream().filter(r -> type.equals(r.get("type"))).toList();
    }

    /** How many records of each type. */
    Map<String, Long> countsByType() {
        Map<String, Long> counts = new TreeMap<>();
        records.forEach(r -> counts.merge(String.valueOf(r.get("type")), 1L, Long::sum));
        return counts;
    }

    /** Whether some record of {@code type} holds {@code value} as a string anywhere (key or value, any depth). */
    boolean hasValue(String type, String value) {
        return ofType(type).stream().anyMatch(r -> JsonLines.strings(r).contains(value));
    }
}

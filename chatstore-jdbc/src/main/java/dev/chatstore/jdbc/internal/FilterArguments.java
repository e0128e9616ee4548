package dev.chatstore.jdbc.internal;

import dev.chatstore.ConversationFilter;
import dev.chatstore.ConversationFilter.Match;
import dev.chatstore.ConversationFilter.MetadataCondition;
import dev.chatstore.jdbc.JsonText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ConversationFilter} as the arguments of the filtered listing statements, and as the part
 * of a cursor's scope that binds the cursor to the filter. Stateless.
 */
final class FilterArguments {
    private FilterArguments() {
    }

    /** The metadata conditions as a JSON array of {@code [op, key, value]}, op "eq" or "has". */
    static JsonText conditions(ConversationFilter filter) {
        List<Object> conditions = new ArrayList<>();
        for (MetadataCondition c : filter.metadata()) {
            conditions.add(Arrays.asList(op(c), c.key(), c.value()));
        }
        return Json.writeValue(conditions);
    }

    /**
     * A JSON object every matching metadata contains (jsonb {@code @>}), though more may: per key
     * the value of its first equality condition, or else an array of the values its contains
     * conditions look for. PostgreSQL's GIN index answers it; the exact conditions are checked after.
     */
    static JsonText containment(ConversationFilter filter) {
        Map<String, Object> equal = new LinkedHashMap<>();
        Map<String, List<Object>> contained = new LinkedHashMap<>();
        for (MetadataCondition c : filter.metadata()) {
            if (c.match() == Match.EQUALS) {
                equal.putIfAbsent(c.key(), c.value());
            } else {
                contained.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c.value());
            }
        }
        Map<String, Object> containment = new LinkedHashMap<>(equal);
        contained.forEach(containment::putIfAbsent);
        return Json.writeValue(containment);
    }

    /**
     * The listing's cursor scope: the user alone without conditions (so such cursors are those of
     * the unfiltered listing), else the user and the filter's conditions in a canonical order, so
     * the same conditions in any order share cursors and any other filter does not.
     */
    static String scope(String userId, ConversationFilter filter) {
        if (filter.isEmpty()) {
            return userId;
        }
        List<String> parts = new ArrayList<>();
        for (MetadataCondition c : filter.metadata()) {
            parts.add(Json.canonical(Arrays.asList(op(c), c.key(), c.value())));
        }
        parts.sort(null);
        return userId + "\u001f" + String.join("\u001f", parts) + "\u001fpinned="
                + filter.pinnedCondition().map(String::valueOf).orElse("any");
    }

    private static String op(MetadataCondition c) {
        return c.match() == Match.EQUALS ? "eq" : "has";
    }
}

package dev.chatstore.jdbc;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces Flyway-style {@code ${name}} placeholders in SQL with a dialect's configured values
 * (never with input). Used for the engine's statements and the migrations alike.
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");

    private Placeholders() {
    }

    /**
     * @param where names the SQL in the error message
     * @throws IllegalArgumentException if a placeholder has no value
     */
    public static String substitute(String sql, Map<String, String> values, String where) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for ${" + m.group(1) + "} in " + where);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}

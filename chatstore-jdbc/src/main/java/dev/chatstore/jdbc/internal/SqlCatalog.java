package dev.chatstore.jdbc.internal;

import dev.chatstore.jdbc.Placeholders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named SQL statements loaded once from a classpath {@code .sql} file. A file holds statements
 * each introduced by a line {@code -- name: <name>}; {@code ${key}} placeholders are replaced by
 * the dialect's values and the column lists at load. Missing files or placeholders and duplicate
 * names fail fast; {@link SqlStatements} checks the names against their owner.
 */
final class SqlCatalog {
    private static final Pattern NAME_LINE = Pattern.compile("^--\\s*name:\\s*(\\w+)\\s*$");

    private final Map<String, String> statements;

    private SqlCatalog(Map<String, String> statements) {
        this.statements = statements;
    }

    static SqlCatalog load(String resource, Map<String, String> placeholders) {
        String text = readResource(resource);
        Map<String, String> statements = new HashMap<>();
        String current = null;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\\R")) {
            Matcher m = NAME_LINE.matcher(line.strip());
            if (m.matches()) {
                put(statements, resource, current, sql);
                current = m.group(1);
                sql.setLength(0);
            } else if (current != null && !line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        put(statements, resource, current, sql);
        statements.replaceAll((name, s) -> Placeholders.substitute(s, placeholders, resource + " " + name));
        return new SqlCatalog(Map.copyOf(statements));
    }

    /** Every statement of the file, by name, with placeholders substituted. */
    Map<String, String> statements() {
        return statements;
    }

    private static void put(Map<String, String> statements, String resource, String name, StringBuilder sql) {
        if (name == null) {
            return;
        }
        if (statements.put(name, sql.toString().strip()) != null) {
            throw new IllegalStateException("Statement '" + name + "' defined twice in " + resource);
        }
    }


    static String readResource(String resource) {
        try (InputStream in = SqlCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}

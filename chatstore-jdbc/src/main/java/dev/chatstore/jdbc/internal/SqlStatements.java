package dev.chatstore.jdbc.internal;

import dev.chatstore.jdbc.Dialect;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every statement the engine runs, loaded and checked once when a store opens: the dialect's
 * values ({@code ${schema}}, {@code ${nextActivitySeq}}, {@code ${forUpdate}}, {@code ${jsonArrayAgg}}) and the fragments
 * of {@code columns.sql} ({@code ${messageColumns}} …) and {@code conversation_filter.sql}
 * ({@code ${conversationFilterMatches}}) are substituted, a dialect's own SQL replaces the engine's
 * statement or fragment of the same name, and each catalog must hold exactly the statements its
 * owner declares. Immutable and thread-safe.
 */
final class SqlStatements {
    static final String ENGINE_SQL = "dev/chatstore/jdbc/sql/";
    /** The catalogs of fragments, not statements, that the other catalogs use as placeholders. */
    private static final List<String> FRAGMENTS = List.of("columns", "conversation_filter");

    /**
     * The statements of the dialects opened lately, so that opening another store (every test opens one) does not
     * read and check the catalogs again. Bounded: a PostgreSQL store per schema has statements of its own.
     */
    private static final int CACHED = 16;
    private static final Map<Key, SqlStatements> RECENT = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, SqlStatements> eldest) {
            return size() > CACHED;
        }
    };

    /** Everything {@link #load} reads from a dialect. */
    private record Key(String schema, String nextActivitySeq, String forUpdate, String jsonArrayAgg,
                       String overridesPath, List<Class<? extends SqlStatement>> owners) {
    }

    private final Map<SqlStatement, String> sql;

    private SqlStatements(Map<SqlStatement, String> sql) {
        this.sql = sql;
    }

    /** {@link #load}, or the same statements loaded for an earlier store of a dialect with the same values. */
    static SqlStatements loadOrReuse(Dialect dialect, List<Class<? extends SqlStatement>> owners) {
        Key key = new Key(dialect.schema(), dialect.nextActivitySeq(), dialect.forUpdate(), dialect.jsonArrayAgg(),
                dialect.statementOverridesPath(), List.copyOf(owners));
        synchronized (RECENT) {
            SqlStatements known = RECENT.get(key);
            if (known != null) {
                return known;
            }
        }
        SqlStatements loaded = load(dialect, owners);
        synchronized (RECENT) {
            RECENT.put(key, loaded);
        }
        return loaded;
    }

    /**
     * @param owners one enum per catalog
     * @throws IllegalStateException if a file, statement or placeholder is missing, a statement is
     *                               not declared by its owner, or an override names no statement
     */
    static SqlStatements load(Dialect dialect, List<Class<? extends SqlStatement>> owners) {
        Map<String, String> placeholders = new HashMap<>(Map.of("schema", dialect.schema(),
                "nextActivitySeq", dialect.nextActivitySeq(), "forUpdate", dialect.forUpdate(),
                "jsonArrayAgg", dialect.jsonArrayAgg()));
        for (String fragments : FRAGMENTS) {
            Map<String, String> loaded = new HashMap<>(SqlCatalog.load(ENGINE_SQL + fragments + ".sql", placeholders)
                    .statements());
            applyOverrides(dialect, fragments, placeholders, loaded);
            placeholders.putAll(loaded);
        }
        Map<SqlStatement, String> all = new HashMap<>();
        for (Class<? extends SqlStatement> owner : owners) {
            List<SqlStatement> declared = Arrays.asList(owner.getEnumConstants());
            String catalog = declared.get(0).catalog();
            Map<String, String> statements = new HashMap<>(
                    SqlCatalog.load(ENGINE_SQL + catalog + ".sql", placeholders).statements());
            applyOverrides(dialect, catalog, placeholders, statements);
            requireSameNames(owner, catalog, declared, statements.keySet());
            declared.forEach(s -> all.put(s, statements.get(s.statementName())));
        }
        return new SqlStatements(Map.copyOf(all));
    }

    private static void applyOverrides(Dialect dialect, String catalog, Map<String, String> placeholders,
                                       Map<String, String> statements) {
        if (dialect.statementOverridesPath() == null) {
            return;
        }
        String resource = dialect.statementOverridesPath() + "/" + catalog + ".sql";
        if (SqlCatalog.class.getClassLoader().getResource(resource) == null) {
            return;
        }
        SqlCatalog.load(resource, placeholders).statements().forEach((name, text) -> {
            if (!statements.containsKey(name)) {
                throw new IllegalStateException(resource + " overrides statement '" + name
                        + "', which the engine's " + catalog + ".sql does not have");
            }
            statements.put(name, text);
        });
    }

    private static void requireSameNames(Class<?> owner, String catalog, List<SqlStatement> declared,
                                         Set<String> inFile) {
        Set<String> wanted = declared.stream().map(SqlStatement::statementName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(inFile);
        Set<String> unused = new TreeSet<>(inFile);
        unused.removeAll(wanted);
        if (!missing.isEmpty() || !unused.isEmpty()) {
            throw new IllegalStateException(catalog + ".sql and " + owner.getName() + " disagree: missing from the file "
                    + missing + ", not declared by the owner " + unused);
        }
    }

    String get(SqlStatement statement) {
        return sql.get(statement);
    }
}

package dev.chatstore.jdbc.internal;

import dev.chatstore.jdbc.Dialect;
import dev.chatstore.jdbc.JsonText;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;

/**
 * A catalog statement in positional JDBC form, for the hot paths (appends, batch appends), where
 * Jdbi's per-statement machinery (argument factories, statement context, cleanables) cost more than
 * the database's own work. The catalogs stay the one source of SQL: the named parameters are parsed
 * once, by the same parser Jdbi uses, and each name is set at all of its positions. Immutable and
 * thread-safe; the statements it binds are not.
 */
final class PositionalSql {
    private final String sql;
    private final Map<String, int[]> positions;
    private final Dialect dialect;

    private PositionalSql(String sql, Map<String, int[]> positions, Dialect dialect) {
        this.sql = sql;
        this.positions = positions;
        this.dialect = dialect;
    }

    /** Jdbi's own parser, so that both paths read the catalogs' parameters alike. */
    private static final SqlParser PARSER = new ColonPrefixSqlParser();

    static PositionalSql parse(String namedSql, Dialect dialect) {
        ParsedSql parsed = PARSER.parse(namedSql, null);
        List<String> names = parsed.getParameters().getParameterNames();
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.computeIfAbsent(names.get(i), n -> new ArrayList<>()).add(i + 1);
        }
        Map<String, int[]> positions = new HashMap<>();
        byName.forEach((name, at) -> positions.put(name, at.stream().mapToInt(Integer::intValue).toArray()));
        return new PositionalSql(parsed.getSql(), Map.copyOf(positions), dialect);
    }

    /** The SQL with {@code ?} placeholders. */
    String sql() {
        return sql;
    }

    private int[] at(String name) {
        int[] at = positions.get(name);
        if (at == null) {
            throw new IllegalStateException("The statement has no parameter :" + name + ": " + sql);
        }
        return at;
    }

    PositionalSql set(PreparedStatement ps, String name, String value) throws SQLException {
        for (int i : at(name)) {
            if (value == null) {
                ps.setNull(i, Types.VARCHAR);
            } else {
                ps.setString(i, value);
            }
        }
        return this;
    }

    PositionalSql set(PreparedStatement ps, String name, long value) throws SQLException {
        for (int i : at(name)) {
            ps.setLong(i, value);
        }
        return this;
    }

    PositionalSql set(PreparedStatement ps, String name, Long value) throws SQLException {
        for (int i : at(name)) {
            if (value == null) {
                ps.setNull(i, Types.BIGINT);
            } else {
                ps.setLong(i, value);
            }
        }
        return this;
    }

    PositionalSql set(PreparedStatement ps, String name, Integer value) throws SQLException {
        for (int i : at(name)) {
            if (value == null) {
                ps.setNull(i, Types.INTEGER);
            } else {
                ps.setInt(i, value);
            }
        }
        return this;
    }

    /** A timestamp, as the dialect stores it. */
    PositionalSql set(PreparedStatement ps, String name, Instant value) throws SQLException {
        for (int i : at(name)) {
            dialect.bindInstant(ps, i, value);
        }
        return this;
    }

    /** A JSON document (null for SQL NULL), as the dialect stores JSON. */
    PositionalSql set(PreparedStatement ps, String name, JsonText json) throws SQLException {
        for (int i : at(name)) {
            dialect.bindJson(ps, i, json == null ? null : json.json());
        }
        return this;
    }
}

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
import java.util.Locale;
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
    /** Parameters of one row: all of them, but for a statement of {@link #withRows}. */
    private final int parametersPerRow;
    /** Added to every position: the row this view binds ({@link #row}). */
    private final int shift;

    private PositionalSql(String sql, Map<String, int[]> positions, Dialect dialect, int parametersPerRow, int shift) {
        this.sql = sql;
        this.positions = positions;
        this.dialect = dialect;
        this.parametersPerRow = parametersPerRow;
        this.shift = shift;
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
        return new PositionalSql(parsed.getSql(), Map.copyOf(positions), dialect, names.size(), 0);
    }

    /**
     * This {@code INSERT … VALUES (…)} of one row with {@code rows} rows in its VALUES list, each bound through
     * {@link #row}: one statement for many rows, which matters on SQLite, whose full-text index writes a segment per
     * statement.
     *
     * @throws IllegalStateException if the statement is not an INSERT whose parameters are all in one VALUES row
     */
    PositionalSql withRows(int rows) {
        int values = sql.toUpperCase(Locale.ROOT).lastIndexOf("VALUES");
        int open = values < 0 ? -1 : sql.indexOf('(', values);
        if (open < 0) {
            throw new IllegalStateException("Not an INSERT of one VALUES row: " + sql);
        }
        int close = open;
        for (int depth = 0; close < sql.length(); close++) {
            char c = sql.charAt(close);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        if (close >= sql.length() || !sql.substring(close + 1).isBlank()
                || sql.substring(0, open).indexOf('?') >= 0) {
            throw new IllegalStateException("Not an INSERT of one VALUES row: " + sql);
        }
        String row = sql.substring(open, close + 1);
        StringBuilder many = new StringBuilder(sql.substring(0, open)).append(row);
        for (int r = 1; r < rows; r++) {
            many.append(", ").append(row);
        }
        return new PositionalSql(many.toString(), positions, dialect, parametersPerRow, 0);
    }

    /** The view of a {@link #withRows} statement that binds its row {@code r} (from 0). */
    PositionalSql row(int r) {
        return r == 0 ? this : new PositionalSql(sql, positions, dialect, parametersPerRow, r * parametersPerRow);
    }

    /** The SQL with {@code ?} placeholders. */
    String sql() {
        return sql;
    }

    /** Binds one value at one position. */
    @FunctionalInterface
    private interface Binder {
        void bind(int position) throws SQLException;
    }

    /** Binds {@code name} at each of its positions in this view's row. */
    private PositionalSql each(String name, Binder binder) throws SQLException {
        int[] at = positions.get(name);
        if (at == null) {
            throw new IllegalStateException("The statement has no parameter :" + name + ": " + sql);
        }
        for (int i : at) {
            binder.bind(i + shift);
        }
        return this;
    }

    PositionalSql set(PreparedStatement ps, String name, String value) throws SQLException {
        return each(name, i -> {
            if (value == null) {
                ps.setNull(i, Types.VARCHAR);
            } else {
                ps.setString(i, value);
            }
        });
    }

    PositionalSql set(PreparedStatement ps, String name, long value) throws SQLException {
        return each(name, i -> ps.setLong(i, value));
    }

    PositionalSql set(PreparedStatement ps, String name, Long value) throws SQLException {
        return value == null ? each(name, i -> ps.setNull(i, Types.BIGINT)) : set(ps, name, value.longValue());
    }

    PositionalSql set(PreparedStatement ps, String name, Integer value) throws SQLException {
        return value == null ? each(name, i -> ps.setNull(i, Types.INTEGER)) : each(name, i -> ps.setInt(i, value));
    }

    /** A timestamp, as the dialect stores it. */
    PositionalSql set(PreparedStatement ps, String name, Instant value) throws SQLException {
        return each(name, i -> dialect.bindInstant(ps, i, value));
    }

    /** A JSON document (null for SQL NULL), as the dialect stores JSON. */
    PositionalSql set(PreparedStatement ps, String name, JsonText json) throws SQLException {
        return each(name, i -> dialect.bindJson(ps, i, json == null ? null : json.json()));
    }
}

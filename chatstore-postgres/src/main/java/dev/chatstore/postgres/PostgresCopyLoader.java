package dev.chatstore.postgres;

import dev.chatstore.jdbc.RowLoader;
import dev.chatstore.jdbc.TableSpec;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes imported rows with {@code COPY ... FROM STDIN} in PostgreSQL's text format: one statement and one stream of
 * bytes per batch, no per-row parsing or binding on either side. Thread-safe.
 */
final class PostgresCopyLoader implements RowLoader {
    private static final HexFormat HEX = HexFormat.of();

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final long FIRST_SECOND = LocalDate.of(1, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    private static final long LAST_SECOND = LocalDate.of(9999, 12, 31).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 86_399;

    /** Characters formatted before they are sent to the server. */
    private static final int CHUNK_CHARS = 1 << 16;

    private final String schema;
    private final Map<String, String> sqlByTable = new ConcurrentHashMap<>();

    /** @param schema the quoted schema every table is in */
    PostgresCopyLoader(String schema) {
        this.schema = schema;
    }

    @Override
    public void load(Handle handle, TableSpec table, List<Object[]> rows) {
        String sql = sqlByTable.computeIfAbsent(table.name(), name -> "COPY " + schema + "." + name + " ("
                + table.columns().stream().map(TableSpec.Column::name).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT text)");
        try {
            CopyIn copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                // Sent a chunk at a time, so that the server works on the first rows while the next are formatted.
                StringBuilder text = new StringBuilder(CHUNK_CHARS + 4096);
                for (Object[] row : rows) {
                    for (int c = 0; c < row.length; c++) {
                        if (c > 0) {
                            text.append('\t');
                        }
                        append(text, row[c]);
                    }
                    text.append('\n');
                    if (text.length() >= CHUNK_CHARS) {
                        send(copy, text);
                    }
                }
                send(copy, text);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        if (text.length() > 0) {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            text.setLength(0);
        }
    }

    /** One value in COPY's text format: \N for NULL, backslash escapes for the characters that delimit. */
    private static void append(StringBuilder line, Object value) {
        if (value == null) {
            line.append("\\N");
        } else if (value instanceof String text) {
            escape(line, text);
        } else if (value instanceof Boolean b) {
            line.append(b ? 't' : 'f');
        } else if (value instanceof Instant instant) {
            appendInstant(line, instant);
        } else if (value instanceof byte[] bytes) {
            line.append("\\\\x").append(HEX.formatHex(bytes));
        } else {
            line.append(value);
        }
    }

    /**
     * An instant exactly as {@link Instant#toString()} prints it (ISO-8601, UTC, 0, 3, 6 or 9 fraction digits), without
     * its formatter's cost, for the years 1 to 9999; others through {@link Instant#toString()}.
     */
    static void appendInstant(StringBuilder line, Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            line.append(instant);
            return;
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int second = (int) Math.floorMod(seconds, 86_400L);
        digits(line, date.getYear(), 4).append('-');
        digits(line, date.getMonthValue(), 2).append('-');
        digits(line, date.getDayOfMonth(), 2).append('T');
        digits(line, second / 3_600, 2).append(':');
        digits(line, second / 60 % 60, 2).append(':');
        digits(line, second % 60, 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            line.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(line, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(line, nanos / 1_000, 6);
            } else {
                digits(line, nanos, 9);
            }
        }
        line.append('Z');
    }

    /** {@code value} (not negative) in {@code width} decimal digits, zeros first. */
    private static StringBuilder digits(StringBuilder line, int value, int width) {
        for (int divisor = POWERS[width - 1]; divisor > 0; divisor /= 10) {
            line.append((char) ('0' + value / divisor % 10));
        }
        return line;
    }

    private static void escape(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(ch);
            }
        }
    }
}

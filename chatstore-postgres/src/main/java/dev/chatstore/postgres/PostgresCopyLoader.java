package dev.chatstore.postgres;

import dev.chatstore.jdbc.RowLoader;
import dev.chatstore.jdbc.TableSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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

    private final String schema;

    /** @param schema the quoted schema every table is in */
    PostgresCopyLoader(String schema) {
        this.schema = schema;
    }

    @Override
    public void load(Handle handle, TableSpec table, List<Object[]> rows) {
        String sql = "COPY " + schema + "." + table.name() + " ("
                + table.columns().stream().map(TableSpec.Column::name).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT text)";
        ByteArrayOutputStream data = new ByteArrayOutputStream(rows.size() * 256);
        StringBuilder line = new StringBuilder(512);
        for (Object[] row : rows) {
            line.setLength(0);
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    line.append('\t');
                }
                append(line, row[c]);
            }
            line.append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            data.write(bytes, 0, bytes.length);
        }
        try {
            CopyIn copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                copy.writeToCopy(data.toByteArray(), 0, data.size());
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

    /** One value in COPY's text format: \N for NULL, backslash escapes for the characters that delimit. */
    private static void append(StringBuilder line, Object value) {
        if (value == null) {
            line.append("\\N");
        } else if (value instanceof String text) {
            escape(line, text);
        } else if (value instanceof Boolean b) {
            line.append(b ? 't' : 'f');
        } else if (value instanceof Instant instant) {
            line.append(instant);
        } else if (value instanceof byte[] bytes) {
            line.append("\\\\x").append(HEX.formatHex(bytes));
        } else {
            line.append(value);
        }
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

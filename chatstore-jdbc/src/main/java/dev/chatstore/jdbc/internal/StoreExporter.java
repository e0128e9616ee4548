package dev.chatstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.chatstore.StoreChecksums;
import dev.chatstore.StoreExportOptions;
import dev.chatstore.StoreExportSummary;
import dev.chatstore.TransferProgress;
import dev.chatstore.TransferStatus;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.ColumnType;
import dev.chatstore.jdbc.TableSpec;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Writes the whole store in the export format, streaming from one read transaction: rows are fetched a few hundred
 * at a time and written as they come, so memory does not grow with the store. Also computes every user's content
 * checksum: the SHA-256 of the user's row lines as written without secrets, equal on every backend for equal data.
 */
final class StoreExporter {
    private static final int FETCH_SIZE = 500;
    private static final int PROGRESS_EVERY_ROWS = 1_000;

    private final StoreContext ctx;
    private final String backend;
    private final int schemaVersion;

    StoreExporter(StoreContext ctx, String backend, int schemaVersion) {
        this.ctx = ctx;
        this.backend = backend;
        this.schemaVersion = schemaVersion;
    }

    StoreExportSummary export(OutputStream out, StoreExportOptions options) {
        Check.notNull("out", out);
        Check.notNull("options", options);
        return ctx.read("export the store", h -> {
            try {
                return new Run(h, out, options.includeSecrets(), options.progress()).all(options.users());
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to write the export", e);
            } catch (SQLException e) {
                throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
            }
        });
    }

    StoreChecksums checksums() {
        StoreExportSummary summary = ctx.read("compute the store's checksums", h -> {
            try {
                return new Run(h, OutputStream.nullOutputStream(), false, TransferProgress.NONE).all(Set.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
            }
        });
        return new StoreChecksums(summary.rows(), summary.userChecksums());
    }

    private String select(TableSpec table, boolean perUser) {
        String columns = table.columns().stream().map(c -> "t." + c.name()).collect(Collectors.joining(", "));
        String schema = ctx.dialect.schema();
        if (table == StoreTables.MESSAGE) {
            // Conversation by conversation, each in sequence order: the (conversation_id, seq) key serves it, no sort.
            return "SELECT " + columns + " FROM " + schema + ".conversation c JOIN " + schema
                    + ".message t ON t.conversation_id = c.id WHERE c.user_id = ? ORDER BY c.id, t.seq";
        }
        String order = StoreTables.orderKey(table).stream()
                .map(column -> table.columns().get(table.indexOf(column)).type() == ColumnType.TEXT
                        ? ctx.dialect.binaryOrder("t." + column) : "t." + column)
                .collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + schema + "." + table.name() + " t"
                + (perUser ? " WHERE t.user_id = ?" : "") + " ORDER BY " + order;
    }

    private String selectUsers() {
        String schema = ctx.dialect.schema();
        String union = List.of("conversation", "user_profile", "attachment", "memory_fact", "setting", "provider_config",
                        "search_cache", "embedding_model").stream()
                .map(table -> "SELECT user_id FROM " + schema + "." + table)
                .collect(Collectors.joining(" UNION "));
        return "SELECT u.user_id FROM (" + union + ") u ORDER BY " + ctx.dialect.binaryOrder("u.user_id");
    }

    /** One export: its output, digests and counts. */
    private final class Run {
        private final Handle h;
        private final OutputStream out;
        private final boolean includeSecrets;
        private final TransferProgress progress;
        private final long start = System.nanoTime();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
        private final JsonGenerator json;
        private final MessageDigest fileDigest = sha256();
        private final MessageDigest contentDigest = sha256();
        private final Map<String, Long> rows = new LinkedHashMap<>();
        private final Map<String, String> checksums = new HashMap<>();
        private long users;
        private long totalRows;
        private long messages;
        private long lastReported;

        Run(Handle h, OutputStream out, boolean includeSecrets, TransferProgress progress) throws IOException {
            this.h = h;
            this.out = new BufferedOutputStream(out, 1 << 16);
            this.includeSecrets = includeSecrets;
            this.progress = progress;
            this.json = ExportFormat.JSON.createGenerator(line);
            this.json.setRootValueSeparator(null);
            StoreTables.ALL.forEach(table -> rows.put(table.name(), 0L));
        }

        StoreExportSummary all(Set<String> only) throws IOException, SQLException {
            json.writeStartObject();
            json.writeStringField("format", ExportFormat.FORMAT);
            json.writeNumberField("version", ExportFormat.VERSION);
            json.writeNumberField("schemaVersion", schemaVersion);
            json.writeStringField("backend", backend);
            json.writeStringField("exportedAt", ctx.now().toString());
            json.writeBooleanField("secrets", includeSecrets);
            json.writeEndObject();
            emit(null);
            for (TableSpec table : StoreTables.STORE_TABLES) {
                rows(table, null);
            }
            for (String userId : userIds(only)) {
                user(userId);
            }
            json.writeStartObject();
            json.writeBooleanField("end", true);
            json.writeNumberField("users", users);
            json.writeNumberField("rows", totalRows);
            json.writeEndObject();
            emit(null);
            out.flush();
            report(true);
            return new StoreExportSummary(users, rows, checksums);
        }

        private List<String> userIds(Set<String> only) throws SQLException {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = h.getConnection().prepareStatement(selectUsers())) {
                select.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        if (only.isEmpty() || only.contains(id)) {
                            ids.add(id);
                        }
                    }
                }
            }
            return ids;
        }

        private void user(String userId) throws IOException, SQLException {
            json.writeStartObject();
            json.writeStringField("user", userId);
            json.writeEndObject();
            emit(null);
            fileDigest.reset();
            contentDigest.reset();
            long before = totalRows;
            for (TableSpec table : StoreTables.USER_TABLES) {
                rows(table, userId);
            }
            checksums.put(userId, ExportFormat.hex(contentDigest.digest()));
            json.writeStartObject();
            json.writeStringField("userEnd", userId);
            json.writeNumberField("rows", totalRows - before);
            json.writeStringField("sha256", ExportFormat.hex(fileDigest.digest()));
            json.writeEndObject();
            emit(null);
            users++;
        }

        private void rows(TableSpec table, String userId) throws IOException, SQLException {
            boolean secrets = table == StoreTables.PROVIDER_CONFIG;
            try (PreparedStatement select = h.getConnection().prepareStatement(select(table, userId != null))) {
                select.setFetchSize(FETCH_SIZE);
                if (userId != null) {
                    select.setString(1, userId);
                }
                try (ResultSet rs = select.executeQuery()) {
                    Object[] values = new Object[table.columns().size()];
                    while (rs.next()) {
                        read(rs, table, values);
                        row(table, values, secrets && !includeSecrets);
                        byte[] written = emit(userId == null ? null : fileDigest);
                        if (secrets && includeSecrets) {
                            // The content checksum is of the row as an export without secrets writes it.
                            row(table, values, true);
                            contentDigest.update(take());
                        } else if (userId != null) {
                            contentDigest.update(written);
                        }
                        count(table);
                    }
                }
            }
        }

        private void read(ResultSet rs, TableSpec table, Object[] values) throws SQLException {
            for (int c = 0; c < values.length; c++) {
                TableSpec.Column column = table.columns().get(c);
                int i = c + 1;
                values[c] = switch (column.type()) {
                    case TEXT, JSON -> rs.getString(i);
                    case INTEGER -> nullable(rs, rs.getLong(i));
                    case REAL -> nullable(rs, rs.getDouble(i));
                    case BOOLEAN -> nullable(rs, rs.getBoolean(i));
                    case TIMESTAMP -> ctx.dialect.readInstant(rs, column.name());
                    case BYTES -> rs.getBytes(i);
                };
            }
        }

        private static Object nullable(ResultSet rs, Object value) throws SQLException {
            return rs.wasNull() ? null : value;
        }

        private void row(TableSpec table, Object[] values, boolean withoutSecrets) throws IOException {
            json.writeStartObject();
            json.writeStringField("table", table.name());
            json.writeFieldName("row");
            json.writeStartObject();
            for (int c = 0; c < values.length; c++) {
                TableSpec.Column column = table.columns().get(c);
                json.writeFieldName(column.name());
                boolean hidden = withoutSecrets && StoreTables.SECRET_COLUMNS.contains(column.name());
                ExportFormat.write(json, column.type(), hidden ? null : values[c]);
            }
            json.writeEndObject();
            json.writeEndObject();
        }

        /** The line serialized since the last call, with its newline; the buffer is emptied. */
        private byte[] take() throws IOException {
            json.flush();
            line.write('\n');
            byte[] bytes = line.toByteArray();
            line.reset();
            return bytes;
        }

        /** Writes the serialized line to the output, adding it to {@code digest} if there is one. */
        private byte[] emit(MessageDigest digest) throws IOException {
            byte[] bytes = take();
            out.write(bytes);
            if (digest != null) {
                digest.update(bytes);
            }
            return bytes;
        }

        private void count(TableSpec table) {
            rows.merge(table.name(), 1L, Long::sum);
            totalRows++;
            if (table == StoreTables.MESSAGE) {
                messages++;
            }
            if (totalRows - lastReported >= PROGRESS_EVERY_ROWS) {
                report(false);
            }
        }

        private void report(boolean done) {
            lastReported = totalRows;
            progress.update(new TransferStatus(users, totalRows, messages, Duration.ofNanos(System.nanoTime() - start), done));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package dev.chatstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatstore.ImportException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.StoreImportReport;
import dev.chatstore.TransferStatus;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.ColumnType;
import dev.chatstore.jdbc.RowLoader;
import dev.chatstore.jdbc.TableSpec;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Reads the store export format and writes it: the personas in one transaction, then each user in one transaction of
 * their own, rows in batches through the backend's {@link RowLoader}. A user's transaction commits only once the
 * user's closing line is read and its row count and SHA-256 match, so a truncated or altered section leaves nothing
 * of that user. The work consumes a stream, so it is never retried: a failure is reported, naming the line.
 */
final class StoreImporter {
    private static final int BATCH_ROWS = 500;
    private static final ObjectMapper TREES = new ObjectMapper(ExportFormat.JSON);
    /** Columns holding chatstore ids (lowercase UUIDs), checked as the API checks them. */
    private static final Set<String> ID_COLUMNS = Set.of("id", "conversation_id", "message_id", "attachment_id",
            "reply_to_id", "parent_id", "active_tip_id", "source_conversation_id", "source_message_id",
            "active_conversation_id", "target_id", "fact_id");
    /** Tables whose rows a user may hold without a conversation: where a user's presence is looked for. */
    private static final List<String> USER_ROOTS = List.of("conversation", "user_profile", "attachment", "memory_fact",
            "setting", "provider_config", "search_cache", "embedding_model");

    private final StoreContext ctx;
    private final RowLoader loader;

    StoreImporter(StoreContext ctx, RowLoader loader) {
        this.ctx = ctx;
        this.loader = loader;
    }

    StoreImportReport importFrom(InputStream in, StoreImportOptions options) {
        Check.notNull("in", in);
        Check.notNull("options", options);
        ctx.ensureOpen();
        return new Run(new ExportLineReader(in), options).all();
    }

    /** A row line, parsed. */
    private record Row(TableSpec table, Object[] values, long line) {
    }

    /** One import: its input and counts. */
    private final class Run {
        private final ExportLineReader lines;
        private final StoreImportOptions options;
        private final long start = System.nanoTime();
        private final Map<String, Long> rows = new LinkedHashMap<>();
        private long users;
        private long skipped;
        private long totalRows;
        private long messages;
        private byte[] pushedBack;

        Run(ExportLineReader lines, StoreImportOptions options) {
            this.lines = lines;
            this.options = options;
        }

        StoreImportReport all() {
            header();
            List<Row> personas = new ArrayList<>();
            while (true) {
                byte[] line = next();
                if (line == null) {
                    throw truncated();
                }
                Row row = parseRow(line);
                if (row != null) {
                    if (row.table() != StoreTables.PERSONA) {
                        throw new ImportException(row.line(), "a " + row.table().name()
                                + " row outside a user's section (after a {\"user\": ...} line)");
                    }
                    personas.add(row);
                    continue;
                }
                pushedBack = line;
                break;
            }
            personas(personas);
            while (true) {
                byte[] line = next();
                if (line == null) {
                    throw truncated();
                }
                JsonNode control = control(line);
                if (control.has("user")) {
                    user(text(control, "user"));
                } else if (control.has("end")) {
                    end(control);
                    report(true);
                    return new StoreImportReport(users, skipped, rows);
                } else {
                    throw new ImportException(lines.lineNumber(), "expected a {\"user\": ...} or {\"end\": true} line");
                }
            }
        }

        private void header() {
            byte[] line = next();
            if (line == null) {
                throw new ImportException(1, "the file is empty; expected a chatstore export");
            }
            JsonNode header;
            try {
                header = TREES.readTree(line);
            } catch (IOException e) {
                throw new ImportException(1, "not a chatstore export: the first line is not JSON");
            }
            if (header == null || !header.isObject() || !ExportFormat.FORMAT.equals(header.path("format").asText(null))) {
                throw new ImportException(1, "not a chatstore export: the first line has no \"format\": \""
                        + ExportFormat.FORMAT + "\"");
            }
            JsonNode version = header.path("version");
            if (!version.isInt() || version.intValue() != ExportFormat.VERSION) {
                throw new ImportException(1, "export format version " + version + " is not one this library reads"
                        + " (it reads version " + ExportFormat.VERSION + ")");
            }
        }

        private void personas(List<Row> personas) {
            if (personas.isEmpty()) {
                return;
            }
            ctx.writeOnce("import personas", h -> {
                List<Row> fresh = new ArrayList<>();
                for (Row persona : personas) {
                    boolean exists = h.createQuery("SELECT 1 FROM " + ctx.dialect.schema() + ".persona WHERE id = ?")
                            .bind(0, (String) persona.values()[0]).mapTo(Integer.class).findOne().isPresent();
                    if (!exists) {
                        fresh.add(persona);
                    } else if (!options.skipExistingUsers()) {
                        throw new ImportException(persona.line(), "persona " + persona.values()[0]
                                + " already exists in this store");
                    }
                }
                new Batch(h).addAll(fresh);
                return null;
            });
        }

        private void user(String userId) {
            long userLine = lines.lineNumber();
            try {
                Check.text("user", userId, Limits.USER_ID_MAX);
            } catch (InvalidInputException e) {
                throw new ImportException(userLine, "the user id " + e.getMessage().substring("user: ".length()));
            }
            boolean imported = ctx.writeOnce("import a user", h -> {
                if (exists(h, userId)) {
                    if (!options.skipExistingUsers()) {
                        throw new ImportException(userLine, "user " + userId + " already has data in this store");
                    }
                    return false;
                }
                new UserSection(h, userId).write();
                return true;
            });
            if (imported) {
                users++;
            } else {
                skipUser(userId);
                skipped++;
            }
            report(false);
        }

        private boolean exists(Handle h, String userId) {
            String sql = "SELECT 1 WHERE " + USER_ROOTS.stream()
                    .map(t -> "EXISTS (SELECT 1 FROM " + ctx.dialect.schema() + "." + t + " WHERE user_id = ?)")
                    .collect(Collectors.joining(" OR "));
            var query = h.createQuery(sql);
            for (int i = 0; i < USER_ROOTS.size(); i++) {
                query.bind(i, userId);
            }
            return query.mapTo(Integer.class).findOne().isPresent();
        }

        /** Reads past a user the store already holds, checking only that the section is closed. */
        private void skipUser(String userId) {
            while (true) {
                byte[] line = next();
                if (line == null) {
                    throw truncated();
                }
                if (parseRow(line) == null) {
                    JsonNode control = control(line);
                    if (userId.equals(control.path("userEnd").asText(null))) {
                        return;
                    }
                    throw new ImportException(lines.lineNumber(), "user " + userId + "'s section ends without its"
                            + " {\"userEnd\": ...} line");
                }
            }
        }

        private void end(JsonNode control) {
            long endLine = lines.lineNumber();
            JsonNode declared = control.path("users");
            if (declared.isIntegralNumber() && declared.longValue() != users + skipped) {
                throw new ImportException(endLine, "the file declares " + declared.longValue() + " users but holds "
                        + (users + skipped));
            }
            byte[] after;
            while ((after = next()) != null) {
                if (!new String(after, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                    throw new ImportException(lines.lineNumber(), "something follows the last line");
                }
            }
        }

        /** The rows of one user, written in the user's transaction. */
        private final class UserSection {
            private final Handle h;
            private final String userId;
            private final Batch batch;
            private final MessageDigest digest = StoreExporter.sha256();
            /** Branch tips, set once the user's messages are in: conversation id to tip id and line. */
            private final Map<String, Object[]> tips = new LinkedHashMap<>();
            private long highestActivity;

            UserSection(Handle h, String userId) {
                this.h = h;
                this.userId = userId;
                this.batch = new Batch(h);
            }

            void write() {
                long count = 0;
                while (true) {
                    byte[] line = next();
                    if (line == null) {
                        throw truncated();
                    }
                    Row row = parseRow(line);
                    if (row == null) {
                        close(control(line), count);
                        return;
                    }
                    digest.update(line);
                    digest.update((byte) '\n');
                    count++;
                    add(row);
                }
            }

            private void add(Row row) {
                TableSpec table = row.table();
                if (!StoreTables.USER_TABLES.contains(table)) {
                    throw new ImportException(row.line(), "a " + table.name() + " row inside user " + userId + "'s section");
                }
                int userColumn = table.indexOf("user_id");
                Object owner = row.values()[userColumn];
                if (owner == null) {
                    row.values()[userColumn] = userId;
                } else if (!userId.equals(owner)) {
                    throw new ImportException(row.line(), "a row of user " + owner + " inside user " + userId + "'s section");
                }
                if (table == StoreTables.CONVERSATION) {
                    int tip = table.indexOf("active_tip_id");
                    if (row.values()[tip] != null) {
                        tips.put((String) row.values()[0], new Object[] {row.values()[tip], row.line()});
                        row.values()[tip] = null;
                    }
                    Object activity = row.values()[table.indexOf("activity_seq")];
                    if (activity instanceof Long seq) {
                        highestActivity = Math.max(highestActivity, seq);
                    }
                }
                batch.add(row);
            }

            private void close(JsonNode control, long count) {
                long line = lines.lineNumber();
                if (!userId.equals(control.path("userEnd").asText(null))) {
                    throw new ImportException(line, "user " + userId + "'s section ends without its {\"userEnd\": ...} line");
                }
                JsonNode declared = control.path("rows");
                if (!declared.isIntegralNumber() || declared.longValue() != count) {
                    throw new ImportException(line, "user " + userId + "'s section declares " + declared
                            + " rows but holds " + count);
                }
                JsonNode sha256 = control.path("sha256");
                if (!sha256.isMissingNode() && !sha256.isNull()
                        && !sha256.asText().equalsIgnoreCase(ExportFormat.hex(digest.digest()))) {
                    throw new ImportException(line, "user " + userId + "'s rows do not match their SHA-256:"
                            + " the file was altered or damaged");
                }
                batch.flush();
                setTips();
                ctx.dialect.importedActivity(h, highestActivity);
            }

            private void setTips() {
                String sql = "UPDATE " + ctx.dialect.schema() + ".conversation SET active_tip_id = ? WHERE id = ? AND user_id = ?";
                for (Map.Entry<String, Object[]> tip : tips.entrySet()) {
                    try {
                        h.createUpdate(sql).bind(0, (String) tip.getValue()[0]).bind(1, tip.getKey()).bind(2, userId).execute();
                    } catch (RuntimeException e) {
                        SQLException sqlError = StoreContext.sqlCause(e);
                        if (sqlError == null) {
                            throw e;
                        }
                        throw refused((Long) tip.getValue()[1], "conversation", sqlError);
                    }
                }
            }
        }

        /** Rows of one table waiting to be written; written when the table changes or the batch is full. */
        private final class Batch {
            private final Handle h;
            private TableSpec table;
            private final List<Row> pending = new ArrayList<>();

            Batch(Handle h) {
                this.h = h;
            }

            void addAll(List<Row> rows) {
                rows.forEach(this::add);
                flush();
            }

            void add(Row row) {
                if (row.table() != table || pending.size() >= BATCH_ROWS) {
                    flush();
                    table = row.table();
                }
                pending.add(row);
            }

            void flush() {
                if (pending.isEmpty()) {
                    return;
                }
                List<Object[]> values = pending.stream().map(Row::values).toList();
                h.execute("SAVEPOINT chatstore_import_batch");
                try {
                    load(values);
                } catch (RuntimeException e) {
                    SQLException sql = StoreContext.sqlCause(e);
                    if (sql == null) {
                        throw e;
                    }
                    h.execute("ROLLBACK TO SAVEPOINT chatstore_import_batch");
                    throw locate();
                }
                h.execute("RELEASE SAVEPOINT chatstore_import_batch");
                for (Row row : pending) {
                    rows.merge(table.name(), 1L, Long::sum);
                    totalRows++;
                    if (table == StoreTables.MESSAGE) {
                        messages++;
                    }
                }
                pending.clear();
                report(false);
            }

            /** Writes rows of the current table; a profile's email is claimed with it, as the store does. */
            private void load(List<Object[]> values) {
                loader.load(h, table, values);
                if (table == StoreTables.USER_PROFILE) {
                    for (Object[] row : values) {
                        JdbcProfile.claimImportedEmails(ctx, h, (String) row[0]);
                    }
                }
            }

            /** Writes the failed batch row by row to find the line the store refuses. */
            private ImportException locate() {
                for (Row row : pending) {
                    h.execute("SAVEPOINT chatstore_import_row");
                    try {
                        load(List.<Object[]>of(row.values()));
                        h.execute("RELEASE SAVEPOINT chatstore_import_row");
                    } catch (RuntimeException e) {
                        SQLException sql = StoreContext.sqlCause(e);
                        h.execute("ROLLBACK TO SAVEPOINT chatstore_import_row");
                        if (sql != null) {
                            return refused(row.line(), table.name(), sql);
                        }
                        throw e;
                    }
                }
                return new ImportException(pending.get(0).line(), "the store refuses the " + table.name()
                        + " rows from this line on, together though not one by one");
            }
        }

        private ImportException refused(long line, String table, SQLException e) {
            String why = switch (ctx.dialect.classify(e)) {
                case ALREADY_EXISTS -> "a row with its key already exists in this store";
                case MISSING_REFERENCE -> "it refers to a row that does not exist (or comes later in the file)";
                case TRANSIENT_CONFLICT -> "a concurrent transaction wrote the same rows (import again, skipping existing users)";
                default -> "it breaks a rule of the table (a required value missing, a value out of range)";
            };
            return new ImportException(line, "the store refuses this " + table + " row: " + why + " ("
                    + ctx.dialect.describe(e) + ")", e);
        }

        private byte[] next() {
            if (pushedBack != null) {
                byte[] line = pushedBack;
                pushedBack = null;
                return line;
            }
            return lines.next();
        }

        private ImportException truncated() {
            return new ImportException(lines.lineNumber() + 1, "the file ends before its last {\"end\": true} line:"
                    + " it is truncated");
        }

        private JsonNode control(byte[] line) {
            try {
                JsonNode node = TREES.readTree(line);
                if (node == null || !node.isObject()) {
                    throw new ImportException(lines.lineNumber(), "not a JSON object");
                }
                return node;
            } catch (JsonParseException e) {
                throw notJson(e);
            } catch (IOException e) {
                throw new ImportException(lines.lineNumber(), "not valid JSON", e);
            }
        }

        private String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual()) {
                throw new ImportException(lines.lineNumber(), "\"" + field + "\" should be a string");
            }
            return value.asText();
        }

        /** The row the line holds, or null for a control line (whose first key is not "table"). */
        private Row parseRow(byte[] line) {
            long number = lines.lineNumber();
            try (JsonParser json = ExportFormat.JSON.createParser(line)) {
                if (json.nextToken() != JsonToken.START_OBJECT) {
                    throw new ImportException(number, "not a JSON object");
                }
                if (json.nextToken() != JsonToken.FIELD_NAME || !"table".equals(json.currentName())) {
                    return null;
                }
                if (json.nextToken() != JsonToken.VALUE_STRING) {
                    throw new ImportException(number, "\"table\" should be a string");
                }
                TableSpec table = StoreTables.BY_NAME.get(json.getText());
                if (table == null) {
                    throw new ImportException(number, "no table " + abbreviate(json.getText()) + " in export format version "
                            + ExportFormat.VERSION);
                }
                if (json.nextToken() != JsonToken.FIELD_NAME || !"row".equals(json.currentName())
                        || json.nextToken() != JsonToken.START_OBJECT) {
                    throw new ImportException(number, "a row line should be {\"table\": ..., \"row\": {...}}");
                }
                Object[] values = new Object[table.columns().size()];
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    int index = table.indexOf(name);
                    if (index < 0) {
                        throw new ImportException(number, "table " + table.name() + " has no column " + abbreviate(name));
                    }
                    TableSpec.Column column = table.columns().get(index);
                    json.nextToken();
                    try {
                        values[index] = check(column, ExportFormat.read(json, column.type()));
                    } catch (IllegalArgumentException e) {
                        throw new ImportException(number, table.name() + "." + name + " " + e.getMessage());
                    }
                }
                if (json.nextToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                    throw new ImportException(number, "something follows the row");
                }
                return new Row(table, values, number);
            } catch (JsonParseException e) {
                throw notJson(e);
            } catch (IOException e) {
                throw new ImportException(number, "not valid JSON", e);
            }
        }

        /** What the API would refuse is refused here too, so that an import means the same on every backend. */
        private Object check(TableSpec.Column column, Object value) {
            if (value instanceof String text) {
                try {
                    if (ID_COLUMNS.contains(column.name())) {
                        Check.id(column.name(), text);
                    } else {
                        Check.storable(column.name(), text);
                    }
                } catch (InvalidInputException e) {
                    throw new IllegalArgumentException(e.getMessage().substring(column.name().length() + 2));
                }
                if (column.type() == ColumnType.JSON) {
                    checkJson(text);
                }
            }
            return value;
        }

        private void checkJson(String text) {
            if (text.equals("{}") || text.equals("[]")) {
                return;
            }
            try (JsonParser json = ExportFormat.JSON.createParser(text)) {
                if (json.nextToken() == null) {
                    throw new IllegalArgumentException("is not JSON text");
                }
                json.skipChildren();
                if (json.nextToken() != null) {
                    throw new IllegalArgumentException("is not one JSON value");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("is not valid JSON text");
            }
        }

        private ImportException notJson(JsonParseException e) {
            return new ImportException(lines.lineNumber(), "not valid JSON (at character "
                    + e.getLocation().getColumnNr() + ")");
        }

        private void report(boolean done) {
            options.progress().update(new TransferStatus(users + skipped, totalRows, messages,
                    Duration.ofNanos(System.nanoTime() - start), done));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}

package dev.chatstore.bench;

import dev.chatstore.Messages;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.StoreExportOptions;
import dev.chatstore.TokenUsage;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The data of the {@code transfer} section and its plain-JDBC baselines. The source is a chatstore SQLite file of
 * {@code users} users with {@value #CONVERSATIONS} conversations of {@value #MESSAGES_PER_CONVERSATION} messages each
 * (user and assistant turns alternating, the user's with an idempotency key, the assistant's with a model and token
 * counts, texts of 150 to 260 characters), built once through {@link Messages#appendAll} and kept under
 * {@code target/} between runs, with its export ({@link dev.chatstore.StoreAdmin#exportStore}).
 *
 * <p>The baselines move the same rows as chatstore does, read from the same source file with plain JDBC, into a
 * freshly migrated chatstore schema, one transaction per user as the import: the conversations first (without their
 * branch tip, which needs the messages), then the messages, then the conversations' tips.
 * {@link #rawCopyToPostgres}: pgjdbc's {@link CopyManager}, {@code COPY ... FROM STDIN} in text format, one COPY
 * per table per user. {@link #rawSqliteBatch}: one single-row {@code INSERT} per table, {@code addBatch} and
 * {@code executeBatch} every {@value #RAW_BATCH} rows, on a connection with chatstore's SQL functions registered so the
 * full-text triggers do the same work.
 */
final class TransferFixture {
    static final int CONVERSATIONS = 10;
    static final int MESSAGES_PER_CONVERSATION = 1_000;
    static final int RAW_BATCH = 500;
    /** Bumped whenever the generated data changes, so that a cached source is rebuilt. */
    private static final int DATA_VERSION = 1;

    /** The columns of the export format (docs/export-format.md) with how they travel. */
    enum Type { TEXT, INTEGER, BOOLEAN, TIMESTAMP }

    record Column(String name, Type type) {
    }

    static final List<Column> CONVERSATION = columns("id", "T", "user_id", "T", "persona_id", "T", "title", "T",
            "metadata", "T", "message_count", "L", "last_seq", "L", "last_message_at", "I", "activity_seq", "L",
            "created_at", "I", "updated_at", "I", "provider", "T", "model", "T", "system_prompt", "T", "pinned", "B",
            "archived", "B", "last_message_preview", "T", "unread_count", "L", "read_seq", "L", "active_tip_id", "T",
            "external_key", "T", "revision", "L");
    static final List<Column> MESSAGE = columns("id", "T", "conversation_id", "T", "user_id", "T", "seq", "L",
            "role", "T", "content", "T", "metadata", "T", "client_message_id", "T", "payload_hash", "T",
            "reply_to_id", "T", "created_at", "I", "parent_id", "T", "type", "T", "media_refs", "T", "audio_ref", "T",
            "audio_duration_ms", "L", "model_name", "T", "prompt_tokens", "L", "completion_tokens", "L",
            "tool_call_id", "T", "rating", "T", "mistake", "B", "mistake_note", "T", "edited_at", "I",
            "tool_calls", "T", "tool_name", "T", "reasoning", "T");

    final int users;
    final Path source;
    final Path export;
    final double buildSeconds;
    final double exportSeconds;

    private TransferFixture(int users, Path source, Path export, double buildSeconds, double exportSeconds) {
        this.users = users;
        this.source = source;
        this.export = export;
        this.buildSeconds = buildSeconds;
        this.exportSeconds = exportSeconds;
    }

    long messages() {
        return (long) users * CONVERSATIONS * MESSAGES_PER_CONVERSATION;
    }

    static String userId(int i) {
        return String.format("user-%04d", i);
    }

    /** The source and its export, from {@code cache} if an earlier run left them there, else built now. */
    static TransferFixture build(Path cache, int users) throws IOException {
        Files.createDirectories(cache);
        String name = "transfer-v" + DATA_VERSION + "-" + users + "u";
        Path source = cache.resolve(name + ".db");
        Path export = cache.resolve(name + ".jsonl");
        double buildSeconds = 0;
        double exportSeconds = 0;
        if (!Files.isRegularFile(source)) {
            long t = System.nanoTime();
            Path building = cache.resolve(name + ".building.db");
            Sqlite.delete(building);
            try (SqliteChatStore store = Sqlite.openStore(building)) {
                for (int u = 0; u < users; u++) {
                    fill(store.forUser(userId(u)), u);
                }
            }
            Sqlite.checkpoint(building);
            Files.move(building, source, StandardCopyOption.REPLACE_EXISTING);
            Sqlite.delete(building);
            Files.deleteIfExists(export);
            buildSeconds = (System.nanoTime() - t) / 1e9;
        }
        if (!Files.isRegularFile(export)) {
            long t = System.nanoTime();
            Path writing = cache.resolve(name + ".jsonl.tmp");
            try (SqliteChatStore store = Sqlite.openStore(source);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(writing), 1 << 16)) {
                store.admin().exportStore(out, StoreExportOptions.defaults());
            }
            Files.move(writing, export, StandardCopyOption.REPLACE_EXISTING);
            exportSeconds = (System.nanoTime() - t) / 1e9;
        }
        return new TransferFixture(users, source, export, buildSeconds, exportSeconds);
    }

    private static void fill(UserChats user, int u) {
        Messages messages = user.messages();
        long n = (long) u * CONVERSATIONS * MESSAGES_PER_CONVERSATION;
        for (int c = 0; c < CONVERSATIONS; c++) {
            String conversation = user.conversations().create(NewConversation.titled("Trip plans " + u + "." + c)).id();
            List<NewMessage> batch = new ArrayList<>(MESSAGES_PER_CONVERSATION);
            for (int m = 0; m < MESSAGES_PER_CONVERSATION; m++, n++) {
                if (m % 2 == 0) {
                    batch.add(NewMessage.user(Texts.text(n)).clientMessageId("client-" + n));
                } else {
                    batch.add(new NewMessage(Role.ASSISTANT, Texts.text(n), null, null, Map.of(), List.of(), null, null,
                            TokenUsage.of("gpt-bench-1", 900 + (int) (n % 400), 40 + (int) (n % 80)), null));
                }
            }
            messages.appendAll(conversation, batch);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The rows of the source: one user's conversations, or their messages (conversation by conversation, in order). */
    private static PreparedStatement select(Connection c, String table, List<Column> columns) throws SQLException {
        String list = columns.stream().map(col -> "t." + col.name()).collect(Collectors.joining(", "));
        String sql = table.equals("message")
                ? "SELECT " + list + " FROM conversation c JOIN message t ON t.conversation_id = c.id"
                        + " WHERE c.user_id = ? ORDER BY c.id, t.seq"
                : "SELECT " + list + " FROM conversation t WHERE t.user_id = ? ORDER BY t.id";
        PreparedStatement p = c.prepareStatement(sql);
        p.setFetchSize(RAW_BATCH);
        return p;
    }

    private static List<String> userIds(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT user_id FROM conversation ORDER BY user_id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /**
     * COPY of every user's conversations and messages from the source into {@code schema} (freshly migrated), one
     * transaction per user: COPY conversation (tips left NULL), COPY message, then one batched UPDATE of the tips.
     */
    static void rawCopyToPostgres(Path sourceFile, DataSource target, String schema) {
        String q = "\"" + schema + "\"";
        try (Connection src = Sqlite.connect(sourceFile); Connection pg = target.getConnection()) {
            src.setAutoCommit(false);
            pg.setAutoCommit(false);
            CopyManager copy = pg.unwrap(PGConnection.class).getCopyAPI();
            String copyConversations = "COPY " + q + ".conversation (" + names(CONVERSATION) + ") FROM STDIN (FORMAT text)";
            String copyMessages = "COPY " + q + ".message (" + names(MESSAGE) + ") FROM STDIN (FORMAT text)";
            int tipColumn = indexOf(CONVERSATION, "active_tip_id");
            try (PreparedStatement conversations = select(src, "conversation", CONVERSATION);
                 PreparedStatement messages = select(src, "message", MESSAGE);
                 PreparedStatement tip = pg.prepareStatement("UPDATE " + q + ".conversation SET active_tip_id = ?"
                         + " WHERE id = ? AND user_id = ?")) {
                for (String user : userIds(src)) {
                    Map<String, String> tips = new LinkedHashMap<>();
                    conversations.setString(1, user);
                    try (ResultSet rs = conversations.executeQuery()) {
                        copyRows(copy, copyConversations, rs, CONVERSATION, tipColumn, tips);
                    }
                    messages.setString(1, user);
                    try (ResultSet rs = messages.executeQuery()) {
                        copyRows(copy, copyMessages, rs, MESSAGE, -1, null);
                    }
                    for (Map.Entry<String, String> t : tips.entrySet()) {
                        tip.setString(1, t.getValue());
                        tip.setString(2, t.getKey());
                        tip.setString(3, user);
                        tip.addBatch();
                    }
                    tip.executeBatch();
                    pg.commit();
                }
            }
            src.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("The raw COPY failed", e);
        }
    }

    /** One COPY of the result's rows, streamed {@value #RAW_BATCH} rows at a time. */
    private static void copyRows(CopyManager copy, String sql, ResultSet rs, List<Column> columns, int tipColumn,
                                 Map<String, String> tips) throws SQLException {
        CopyIn in = copy.copyIn(sql);
        try {
            StringBuilder text = new StringBuilder(1 << 16);
            int pending = 0;
            while (rs.next()) {
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        text.append('\t');
                    }
                    int i = c + 1;
                    if (c == tipColumn) {
                        String value = rs.getString(i);
                        if (value != null) {
                            tips.put(rs.getString(1), value);
                        }
                        text.append("\\N");
                        continue;
                    }
                    switch (columns.get(c).type()) {
                        case TEXT -> {
                            String value = rs.getString(i);
                            if (value == null) {
                                text.append("\\N");
                            } else {
                                escape(text, value);
                            }
                        }
                        case INTEGER -> {
                            long value = rs.getLong(i);
                            text.append(rs.wasNull() ? "\\N" : Long.toString(value));
                        }
                        case BOOLEAN -> {
                            int value = rs.getInt(i);
                            text.append(rs.wasNull() ? "\\N" : value != 0 ? "t" : "f");
                        }
                        case TIMESTAMP -> {
                            long value = rs.getLong(i);
                            if (rs.wasNull()) {
                                text.append("\\N");
                            } else {
                                text.append(Instant.ofEpochMilli(value));
                            }
                        }
                    }
                }
                text.append('\n');
                if (++pending == RAW_BATCH) {
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    text.setLength(0);
                    pending = 0;
                }
            }
            if (text.length() > 0) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
            }
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
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

    /**
     * Single-row INSERTs of every user's conversations and messages from the source into {@code targetFile} (a
     * freshly migrated chatstore SQLite file), JDBC batches of {@value #RAW_BATCH}, one transaction per user.
     */
    static void rawSqliteBatch(Path sourceFile, Path targetFile) {
        try (Connection src = Sqlite.connect(sourceFile); Connection dst = Sqlite.connect(targetFile)) {
            src.setAutoCommit(false);
            dst.setAutoCommit(false);
            int tipColumn = indexOf(CONVERSATION, "active_tip_id");
            try (PreparedStatement conversations = select(src, "conversation", CONVERSATION);
                 PreparedStatement messages = select(src, "message", MESSAGE);
                 PreparedStatement insertConversation = dst.prepareStatement(insert(CONVERSATION, "conversation"));
                 PreparedStatement insertMessage = dst.prepareStatement(insert(MESSAGE, "message"));
                 PreparedStatement tip = dst.prepareStatement("UPDATE conversation SET active_tip_id = ?"
                         + " WHERE id = ? AND user_id = ?")) {
                for (String user : userIds(src)) {
                    Map<String, String> tips = new LinkedHashMap<>();
                    conversations.setString(1, user);
                    try (ResultSet rs = conversations.executeQuery()) {
                        insertRows(rs, insertConversation, CONVERSATION, tipColumn, tips);
                    }
                    messages.setString(1, user);
                    try (ResultSet rs = messages.executeQuery()) {
                        insertRows(rs, insertMessage, MESSAGE, -1, null);
                    }
                    for (Map.Entry<String, String> t : tips.entrySet()) {
                        tip.setString(1, t.getValue());
                        tip.setString(2, t.getKey());
                        tip.setString(3, user);
                        tip.addBatch();
                    }
                    tip.executeBatch();
                    dst.commit();
                }
            }
            src.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("The raw SQLite batch failed", e);
        }
    }

    private static void insertRows(ResultSet rs, PreparedStatement insert, List<Column> columns, int tipColumn,
                                   Map<String, String> tips) throws SQLException {
        int pending = 0;
        while (rs.next()) {
            for (int c = 0; c < columns.size(); c++) {
                int i = c + 1;
                if (c == tipColumn) {
                    String value = rs.getString(i);
                    if (value != null) {
                        tips.put(rs.getString(1), value);
                    }
                    insert.setNull(i, java.sql.Types.VARCHAR);
                    continue;
                }
                switch (columns.get(c).type()) {
                    case TEXT -> insert.setString(i, rs.getString(i));
                    case INTEGER, BOOLEAN, TIMESTAMP -> {
                        long value = rs.getLong(i);
                        if (rs.wasNull()) {
                            insert.setNull(i, java.sql.Types.BIGINT);
                        } else {
                            insert.setLong(i, value);
                        }
                    }
                }
            }
            insert.addBatch();
            if (++pending == RAW_BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            insert.executeBatch();
        }
    }

    private static String insert(List<Column> columns, String table) {
        return "INSERT INTO " + table + " (" + names(columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    // ---------------------------------------------------------------------------------------------

    /** Conversations and messages in a SQLite file. */
    static long[] countSqlite(Path file) {
        try (Connection c = Sqlite.connect(file)) {
            return count(c, "main");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the rows of " + file, e);
        }
    }

    /** Conversations and messages in a PostgreSQL schema. */
    static long[] countPostgres(DataSource ds, String schema) {
        try (Connection c = ds.getConnection()) {
            return count(c, "\"" + schema + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the rows of schema " + schema, e);
        }
    }

    private static long[] count(Connection c, String schema) throws SQLException {
        long[] counts = new long[3];
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM " + schema + ".conversation), "
                     + "(SELECT COUNT(*) FROM " + schema + ".message), "
                     + "(SELECT COUNT(*) FROM " + schema + ".conversation WHERE active_tip_id IS NOT NULL)")) {
            rs.next();
            for (int i = 0; i < 3; i++) {
                counts[i] = rs.getLong(i + 1);
            }
        }
        return counts;
    }

    static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    /** Bytes the schema's tables and indexes take. */
    static long postgresBytes(DataSource ds, String schema) {
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private static String names(List<Column> columns) {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static List<Column> columns(String... namesAndTypes) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            Type type = switch (namesAndTypes[i + 1]) {
                case "T" -> Type.TEXT;
                case "L" -> Type.INTEGER;
                case "B" -> Type.BOOLEAN;
                case "I" -> Type.TIMESTAMP;
                default -> throw new IllegalArgumentException(namesAndTypes[i + 1]);
            };
            columns.add(new Column(namesAndTypes[i], type));
        }
        return List.copyOf(columns);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

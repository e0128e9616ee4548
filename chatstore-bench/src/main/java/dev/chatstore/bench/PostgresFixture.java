package dev.chatstore.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.Limits;
import dev.chatstore.Messages;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import dev.chatstore.postgres.PostgresChatStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An embedded PostgreSQL server (Maven Central binaries) with durable commits: the embedded
 * launcher's defaults ({@code -F}, {@code synchronous_commit=off}) are overridden with
 * {@code fsync=on}, {@code synchronous_commit=on} and {@code full_page_writes=on}, and the server
 * is asked afterwards what it actually runs with ({@link #settings()}). A HikariCP pool of
 * {@value #POOL} connections, a chatstore store, and {@value #WRITERS} users with one
 * conversation each, so each writer thread appends to a conversation of its own.
 *
 * <p>The plain-JDBC baseline ({@link RawPostgresLog}) works in the same schema, on a connection of
 * its own outside the pool, and appends to a conversation of another user, made through chatstore
 * like the writers' ones: both sides write to the same tables and indexes. Before any measurement,
 * {@link #checkEquivalence} appends the same messages through both sides and compares the rows they
 * leave behind.
 */
final class PostgresFixture implements AutoCloseable {
    static final int WRITERS = 16;
    static final int POOL = 20;

    private final EmbeddedPostgres server;
    private final HikariDataSource dataSource;
    final PostgresChatStore store;
    final List<Messages> writers = new ArrayList<>();
    final List<String> conversations = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    final RawPostgresLog raw;
    final String rawUserId = "pg-raw-user";
    final String rawConversation;

    private PostgresFixture(Path dir) throws IOException {
        this.server = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(POOL);
        config.setMinimumIdle(POOL);
        config.setPoolName("chatstore-bench-pg");
        this.dataSource = new HikariDataSource(config);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method")) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the PostgreSQL settings", e);
        }
        if (!"on".equals(settings.get("fsync")) || !"on".equals(settings.get("synchronous_commit"))) {
            throw new IllegalStateException("PostgreSQL does not run with durable commits: " + settings);
        }
        this.store = PostgresChatStore.builder(dataSource).schema("bench").build();
        for (int i = 0; i < WRITERS; i++) {
            UserChats user = store.forUser("pg-user-" + i);
            conversations.add(user.conversations().create(NewConversation.titled("writer " + i)).id());
            writers.add(user.messages());
        }
        rawConversation = store.forUser(rawUserId).conversations().create(NewConversation.titled("raw writer")).id();
        try {
            raw = new RawPostgresLog(DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres")), "bench");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect the raw PostgreSQL baseline", e);
        }
    }

    static PostgresFixture start(Path dir) {
        PostgresFixture fixture;
        try {
            fixture = new PostgresFixture(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
        }
        try {
            fixture.checkEquivalence();
            fixture.analyze();
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    /**
     * Gives the planner statistics, as autovacuum's first ANALYZE does within a minute of the first writes. Until
     * then each pooled connection keeps the plans of its foreign-key checks made while the tables were empty
     * (sequential scans), and appends slow down as the message table grows: a fresh database's first minute, not
     * the steady state measured here.
     */
    private void analyze() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot analyze the benchmark's tables", e);
        }
    }

    /** Appends through each side in the check; the last one is then retried. */
    static final int PROBE_APPENDS = 5;
    /** Columns whose values legitimately differ between the sides (ids, owners, clocks, hash algorithm); their nullness must not. */
    private static final Set<String> VOLATILE = Set.of("id", "user_id", "conversation_id", "parent_id", "active_tip_id",
            "created_at", "updated_at", "last_message_at", "payload_hash", "activity_seq");

    /**
     * Two conversations of two users, made and filled through chatstore alike; then the same
     * {@value #PROBE_APPENDS} user messages with client ids appended to one through chatstore and to
     * the other through the raw baseline, and the last of them retried through each. Compared
     * afterwards: the conversation rows and every message row, column by column (the generated
     * {@code search} tsvector included); and on each side the invariants an append keeps: sequence
     * numbers 1..n without gaps, {@code last_seq} and {@code message_count} n, each message's parent the
     * one before it, the tip the newest message, the preview its first characters, the activity order
     * past where it was, a payload hash on every message with a client id, the retry stored nothing.
     *
     * @throws IllegalStateException listing what differs
     */
    void checkEquivalence() {
        List<String> differences = new ArrayList<>();
        String chatstoreUser = "pg-probe-chatstore";
        String rawUser = "pg-probe-raw";
        Messages messages = store.forUser(chatstoreUser).messages();
        String chatstoreConversation = Datasets.conversation(store.forUser(chatstoreUser), 3);
        String rawProbe = Datasets.conversation(store.forUser(rawUser), 3);
        long chatstoreActivity = (Long) row(CONVERSATION, chatstoreUser, chatstoreConversation).get("activity_seq");
        long rawActivity = (Long) row(CONVERSATION, rawUser, rawProbe).get("activity_seq");
        String newest = null;
        for (int k = 1; k <= PROBE_APPENDS; k++) {
            String clientId = "probe-" + k;
            newest = messages.append(chatstoreConversation, NewMessage.user(Texts.text(k)).clientMessageId(clientId))
                    .message().id();
            if (!raw.append(rawUser, rawProbe, Texts.text(k), clientId)) {
                differences.add("raw: a fresh append was taken for a retry");
            }
        }
        String last = "probe-" + PROBE_APPENDS;
        if (!messages.append(chatstoreConversation, NewMessage.user(Texts.text(PROBE_APPENDS)).clientMessageId(last))
                .replayed()) {
            differences.add("chatstore: the retry was not a replay");
        }
        if (raw.append(rawUser, rawProbe, Texts.text(PROBE_APPENDS), last)) {
            differences.add("raw: the retry stored a message");
        }
        Map<String, Object> chatstoreRow = row(CONVERSATION, chatstoreUser, chatstoreConversation);
        Map<String, Object> rawRow = row(CONVERSATION, rawUser, rawProbe);
        compare("conversation", chatstoreRow, rawRow, differences);
        List<Map<String, Object>> chatstoreMessages = rows(MESSAGES, chatstoreUser, chatstoreConversation);
        List<Map<String, Object>> rawMessages = rows(MESSAGES, rawUser, rawProbe);
        if (chatstoreMessages.size() != rawMessages.size()) {
            differences.add("messages: chatstore " + chatstoreMessages.size() + ", raw " + rawMessages.size());
        } else {
            for (int i = 0; i < chatstoreMessages.size(); i++) {
                compare("message seq " + (i + 1), chatstoreMessages.get(i), rawMessages.get(i), differences);
            }
        }
        if (!chatstoreMessages.isEmpty() && !newest.equals(chatstoreMessages.get(chatstoreMessages.size() - 1).get("id"))) {
            differences.add("chatstore's newest message is not the one it appended");
        }
        checkInvariants("chatstore", chatstoreRow, chatstoreMessages, chatstoreActivity, differences);
        checkInvariants("raw", rawRow, rawMessages, rawActivity, differences);
        if (!differences.isEmpty()) {
            throw new IllegalStateException("The raw PostgreSQL baseline does not do what chatstore does on this schema: "
                    + differences);
        }
    }

    private static final String CONVERSATION = "SELECT * FROM bench.conversation WHERE user_id = ? AND id = ?";
    private static final String MESSAGES = "SELECT * FROM bench.message WHERE user_id = ? AND conversation_id = ? ORDER BY seq";

    private static void checkInvariants(String side, Map<String, Object> conversation, List<Map<String, Object>> messages,
                                        long activityBefore, List<String> out) {
        int n = messages.size();
        if (n != 3 + PROBE_APPENDS) {
            out.add(side + ": " + n + " messages, not " + (3 + PROBE_APPENDS));
        }
        if (!Long.valueOf(n).equals(conversation.get("last_seq")) || !Long.valueOf(n).equals(conversation.get("message_count"))) {
            out.add(side + ": last_seq " + conversation.get("last_seq") + ", message_count " + conversation.get("message_count")
                    + " for " + n + " messages");
        }
        for (int i = 0; i < n; i++) {
            Map<String, Object> m = messages.get(i);
            if (!Long.valueOf(i + 1).equals(m.get("seq"))) {
                out.add(side + ": seq " + m.get("seq") + " at position " + (i + 1));
            }
            Object parent = i == 0 ? null : messages.get(i - 1).get("id");
            if (!Objects.equals(parent, m.get("parent_id"))) {
                out.add(side + ": the parent of seq " + (i + 1) + " is not the message before it");
            }
            if (m.get("client_message_id") != null && m.get("payload_hash") == null) {
                out.add(side + ": seq " + (i + 1) + " has a client id and no payload hash");
            }
        }
        if (n > 0) {
            Map<String, Object> tip = messages.get(n - 1);
            if (!Objects.equals(tip.get("id"), conversation.get("active_tip_id"))) {
                out.add(side + ": active_tip_id is not the newest message");
            }
            String content = (String) tip.get("content");
            String preview = content.length() <= Limits.PREVIEW_LENGTH ? content : content.substring(0, Limits.PREVIEW_LENGTH);
            if (!preview.equals(conversation.get("last_message_preview"))) {
                out.add(side + ": last_message_preview is not the newest message's start");
            }
            if (!Objects.equals(tip.get("created_at"), conversation.get("last_message_at"))) {
                out.add(side + ": last_message_at is not the newest message's time");
            }
        }
        if ((Long) conversation.get("activity_seq") <= activityBefore) {
            out.add(side + ": activity_seq did not advance past " + activityBefore);
        }
    }

    private static void compare(String what, Map<String, Object> chatstore, Map<String, Object> raw, List<String> out) {
        if (!chatstore.keySet().equals(raw.keySet())) {
            out.add(what + " columns differ: " + chatstore.keySet() + " vs " + raw.keySet());
            return;
        }
        for (String column : chatstore.keySet()) {
            Object a = chatstore.get(column);
            Object b = raw.get(column);
            boolean same = VOLATILE.contains(column) ? (a == null) == (b == null) : Objects.equals(a, b);
            if (!same) {
                out.add(what + "." + column + ": chatstore " + a + ", raw " + b);
            }
        }
    }

    private Map<String, Object> row(String sql, String userId, String id) {
        List<Map<String, Object>> rows = rows(sql, userId, id);
        if (rows.size() != 1) {
            throw new IllegalStateException(rows.size() + " rows for " + id + " of " + userId);
        }
        return rows.get(0);
    }

    private List<Map<String, Object>> rows(String sql, String userId, String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, userId);
            p.setString(2, id);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnName(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the PostgreSQL rows", e);
        }
    }

    /** The pool, for stores of other schemas and plain-JDBC baselines. */
    javax.sql.DataSource dataSource() {
        return dataSource;
    }

    /** What the server reports for its version and durability settings. */
    Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    @Override
    public void close() {
        raw.close();
        store.close();
        dataSource.close();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

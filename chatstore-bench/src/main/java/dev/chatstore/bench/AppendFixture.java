package dev.chatstore.bench;

import dev.chatstore.Message;
import dev.chatstore.Messages;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Two identical SQLite files, one used through chatstore and one through {@link RawJdbcLog}. The
 * first is built through chatstore's API, the second is a copy of it: {@value #USERS} users with
 * {@value #PER_USER} conversations of {@value #SHORT} messages each, and one more user with one
 * conversation of {@value #LONG} messages. Appends at L = {@value #SHORT} go round robin over the
 * {@value #USERS}·{@value #PER_USER} short conversations (user after user), so each grows by a few
 * messages per run at most; appends at L = {@value #LONG} all go to the long one, which only grows.
 * Both kinds live in the same file, so table and index sizes are the same for both lengths and only
 * the conversation's length differs.
 *
 * <p>Before any measurement, {@link #checkEquivalence} appends the same message through both sides
 * and compares the rows they leave behind, column by column, so the raw baseline provably does the
 * work chatstore does on whatever schema version the build has.
 */
final class AppendFixture implements AutoCloseable {
    static final int SHORT = 10;
    static final int LONG = 100_000;
    static final int USERS = 1_000;
    static final int PER_USER = 10;

    /** A conversation with its owner, and chatstore's view of the owner's messages. */
    record Target(String userId, String conversationId, Messages messages) {
    }

    final SqliteChatStore store;
    final RawJdbcLog raw;
    final List<Target> shortOnes;
    final Target longOne;
    private final Path chatstoreFile;
    private final Path rawFile;

    private AppendFixture(Path chatstoreFile, Path rawFile, List<String[]> shortIds, String[] longId) {
        this.chatstoreFile = chatstoreFile;
        this.rawFile = rawFile;
        this.store = Sqlite.openStore(chatstoreFile);
        this.raw = new RawJdbcLog(rawFile);
        Map<String, Messages> users = new LinkedHashMap<>();
        List<Target> targets = new ArrayList<>();
        for (String[] ids : shortIds) {
            targets.add(new Target(ids[0], ids[1], users.computeIfAbsent(ids[0], u -> store.forUser(u).messages())));
        }
        this.shortOnes = List.copyOf(targets);
        this.longOne = new Target(longId[0], longId[1], store.forUser(longId[0]).messages());
    }

    static AppendFixture build(Path dir) {
        Path chatstoreFile = dir.resolve("append-chatstore.db");
        Path rawFile = dir.resolve("append-raw.db");
        Sqlite.delete(chatstoreFile);
        List<String[]> shortIds = new ArrayList<>();
        String[] longId;
        String[] probe;
        try (SqliteChatStore store = Sqlite.openStore(chatstoreFile)) {
            longId = new String[] {"long-user", Datasets.conversation(store.forUser("long-user"), LONG)};
            List<UserChats> users = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                users.add(store.forUser("user-" + u));
            }
            for (int k = 0; k < PER_USER; k++) {
                for (UserChats user : users) {
                    shortIds.add(new String[] {user.userId(), Datasets.conversation(user, SHORT)});
                }
            }
            probe = new String[] {"probe-user", Datasets.conversation(store.forUser("probe-user"), 3)};
        }
        Sqlite.checkpoint(chatstoreFile);
        Sqlite.copy(chatstoreFile, rawFile);
        AppendFixture fixture = new AppendFixture(chatstoreFile, rawFile, shortIds, longId);
        try {
            fixture.checkEquivalence(probe[0], probe[1]);
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    /** Columns whose values legitimately differ between the sides (ids, clocks, hash algorithm); their nullness must not. */
    private static final Set<String> VOLATILE = Set.of("id", "created_at", "updated_at", "last_message_at",
            "payload_hash", "active_tip_id");

    /**
     * Appends the same message to the same conversation through chatstore and through the raw
     * baseline, then compares the conversation rows and the new message rows of both files.
     *
     * @throws IllegalStateException listing the columns that differ
     */
    void checkEquivalence(String userId, String conversationId) {
        Message stored = store.forUser(userId).messages()
                .append(conversationId, NewMessage.user(Texts.text(7)).clientMessageId("probe-1")).message();
        raw.append(userId, conversationId, Texts.text(7), "probe-1");
        Map<String, Object> chatstoreConversation = row(chatstoreFile, "SELECT * FROM conversation WHERE id = ?", conversationId);
        Map<String, Object> rawConversation = row(rawFile, "SELECT * FROM conversation WHERE id = ?", conversationId);
        String newest = "SELECT * FROM message WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1";
        Map<String, Object> chatstoreMessage = row(chatstoreFile, newest, conversationId);
        Map<String, Object> rawMessage = row(rawFile, newest, conversationId);
        List<String> differences = new ArrayList<>();
        compare("conversation", chatstoreConversation, rawConversation, differences);
        compare("message", chatstoreMessage, rawMessage, differences);
        if (!stored.id().equals(chatstoreMessage.get("id"))) {
            differences.add("chatstore's newest message is not the one it appended");
        }
        if (chatstoreConversation.containsKey("active_tip_id")
                && !Objects.equals(rawConversation.get("active_tip_id"), rawMessage.get("id"))) {
            differences.add("raw: conversation.active_tip_id is not the new message");
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("The raw JDBC baseline does not do what chatstore does on this schema: "
                    + differences);
        }
    }

    private static void compare(String table, Map<String, Object> chatstore, Map<String, Object> raw, List<String> out) {
        if (!chatstore.keySet().equals(raw.keySet())) {
            out.add(table + " columns differ: " + chatstore.keySet() + " vs " + raw.keySet());
            return;
        }
        for (String column : chatstore.keySet()) {
            Object a = chatstore.get(column);
            Object b = raw.get(column);
            boolean same = VOLATILE.contains(column) ? (a == null) == (b == null) : Objects.equals(a, b);
            if (!same) {
                out.add(table + "." + column + ": chatstore " + a + ", raw " + b);
            }
        }
    }

    private static Map<String, Object> row(Path file, String sql, String id) {
        try (Connection c = Sqlite.connect(file); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("No row for " + id + " in " + file);
                }
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), rs.getObject(i));
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    /** The longest short conversation and the long conversation's length now, as chatstore's and raw's files hold them. */
    Map<String, Long> lengths() {
        Map<String, Long> m = new LinkedHashMap<>();
        String longest = "SELECT MAX(last_seq) FROM conversation WHERE user_id LIKE 'user-%'";
        String length = "SELECT last_seq FROM conversation WHERE id = ?";
        m.put("chatstore_short_max", number(chatstoreFile, longest, null));
        m.put("raw_short_max", number(rawFile, longest, null));
        m.put("chatstore_long", number(chatstoreFile, length, longOne.conversationId()));
        m.put("raw_long", number(rawFile, length, longOne.conversationId()));
        return m;
    }

    private static long number(Path file, String sql, String parameter) {
        try (Connection c = Sqlite.connect(file); PreparedStatement p = c.prepareStatement(sql)) {
            if (parameter != null) {
                p.setString(1, parameter);
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        store.close();
        raw.close();
    }
}

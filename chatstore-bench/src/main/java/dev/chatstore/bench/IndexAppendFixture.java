package dev.chatstore.bench;

import dev.chatstore.NewConversation;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Two SQLite files for appends with and without the full-text index: both migrated by chatstore to
 * the same schema version, then, in the second, every FTS5 table and every trigger that writes to
 * one dropped (found in {@code sqlite_schema}, so the baseline stays "the same store minus the
 * index" whatever the migrations name them). Each holds {@value #CONVERSATIONS} users with one
 * conversation of {@value #MESSAGES} messages, written through chatstore's API; appends go round
 * robin over them.
 */
final class IndexAppendFixture implements AutoCloseable {
    static final int CONVERSATIONS = 100;
    static final int MESSAGES = 10;

    final SqliteChatStore withIndex;
    final SqliteChatStore withoutIndex;
    final List<AppendFixture.Target> withIndexTargets = new ArrayList<>();
    final List<AppendFixture.Target> withoutIndexTargets = new ArrayList<>();
    /** What the baseline dropped, for the details. */
    final List<String> dropped;

    private IndexAppendFixture(Path dir) {
        withIndex = open(dir.resolve("append-fts.db"), false, withIndexTargets, new ArrayList<>());
        List<String> drops = new ArrayList<>();
        withoutIndex = open(dir.resolve("append-no-fts.db"), true, withoutIndexTargets, drops);
        dropped = List.copyOf(drops);
    }

    static IndexAppendFixture build(Path dir) {
        return new IndexAppendFixture(dir);
    }

    private static SqliteChatStore open(Path file, boolean dropIndex, List<AppendFixture.Target> targets, List<String> dropped) {
        Sqlite.delete(file);
        Sqlite.openStore(file).close();
        if (dropIndex) {
            try (Connection c = Sqlite.connect(file)) {
                dropped.addAll(dropFullText(c));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        SqliteChatStore store = Sqlite.openStore(file);
        for (int u = 0; u < CONVERSATIONS; u++) {
            UserChats user = store.forUser("append-user-" + u);
            String c = user.conversations().create(NewConversation.titled("Appends")).id();
            Datasets.fill(user.messages(), c, MESSAGES);
            targets.add(new AppendFixture.Target(user.userId(), c, user.messages()));
        }
        return store;
    }

    /**
     * Drops the triggers that write to an FTS5 table, then the FTS5 tables (their shadow tables go
     * with them). Returns what it dropped; fails if there was nothing to drop.
     */
    private static List<String> dropFullText(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        List<String> triggers = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")) {
                while (rs.next()) {
                    String sql = rs.getString(2);
                    if (tables.stream().anyMatch(t -> sql.contains(" " + t + " ") || sql.contains(" " + t + "("))) {
                        triggers.add(rs.getString(1));
                    }
                }
            }
        }
        if (tables.isEmpty() || triggers.isEmpty()) {
            throw new IllegalStateException("No full-text index to drop: tables " + tables + ", triggers " + triggers);
        }
        List<String> statements = new ArrayList<>();
        triggers.forEach(t -> statements.add("DROP TRIGGER \"" + t + "\""));
        tables.forEach(t -> statements.add("DROP TABLE \"" + t + "\""));
        Sqlite.execute(c, statements.toArray(String[]::new));
        List<String> dropped = new ArrayList<>(tables);
        dropped.addAll(triggers);
        return dropped;
    }

    @Override
    public void close() {
        withIndex.close();
        withoutIndex.close();
    }
}

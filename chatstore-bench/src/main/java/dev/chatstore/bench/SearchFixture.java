package dev.chatstore.bench;

import dev.chatstore.Limits;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-text search data: {@value #USERS} users with {@value #PER_USER} messages each (one
 * conversation per user) in one SQLite file, every message one of the benchmark texts plus a word of
 * a vocabulary of {@value #VOCABULARY} ({@code v0} … ), so a query of a text word and a vocabulary
 * word matches a realistic share of one user's messages. (Appends with and without the index:
 * {@link IndexAppendFixture}.)
 */
final class SearchFixture implements AutoCloseable {
    static final int USERS = 1_000;
    static final int PER_USER = 1_000;
    static final int VOCABULARY = 200;
    /** What is searched: a word of the texts and a vocabulary word (about 1 in 200 of a user's messages). */
    static final String QUERY = "market v7";

    final SqliteChatStore store;
    final List<String> users = new ArrayList<>();
    final Connection raw;
    final PreparedStatement rawSearch;

    private SearchFixture(Path dir) {
        Path file = dir.resolve("search.db");
        Sqlite.delete(file);
        store = Sqlite.openStore(file);
        long n = 0;
        for (int u = 0; u < USERS; u++) {
            String userId = "search-user-" + u;
            users.add(userId);
            UserChats user = store.forUser(userId);
            String c = user.conversations().create(NewConversation.titled("Conversation " + u)).id();
            List<NewMessage> batch = new ArrayList<>(PER_USER);
            for (int i = 0; i < PER_USER; i++, n++) {
                String text = Texts.text(n) + " v" + (n * 7919 % VOCABULARY);
                batch.add(i % 2 == 0 ? NewMessage.user(text) : NewMessage.assistant(text));
            }
            for (int from = 0; from < batch.size(); from += Limits.BATCH_MAX) {
                user.messages().appendAll(c, batch.subList(from, Math.min(batch.size(), from + Limits.BATCH_MAX)));
            }
        }
        raw = Sqlite.connect(file);
        try {
            // The same FTS5 query chatstore runs for messages, in plain JDBC: match, scope, rank, snippet.
            rawSearch = raw.prepareStatement("""
                    SELECT m.id, m.conversation_id, c.title, m.seq, m.role,
                           snippet(message_fts, 0, '<mark>', '</mark>', '…', 16), -bm25(message_fts) AS score, m.created_at
                    FROM message_fts JOIN message m ON m.rowid = message_fts.rowid
                         JOIN conversation c ON c.id = m.conversation_id
                    WHERE message_fts MATCH ? AND m.user_id = ?
                    ORDER BY score DESC, m.id LIMIT 20""");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static SearchFixture build(Path dir) {
        return new SearchFixture(dir);
    }

    /** The raw query's hits (ids) for one user. */
    List<String> rawSearch(String userId, String match) {
        try {
            rawSearch.setString(1, match);
            rawSearch.setString(2, userId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = rawSearch.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            rawSearch.close();
            raw.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        store.close();
    }
}

package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Appended;
import dev.chatstore.ChatStore;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import dev.chatstore.testkit.Concurrently;
import dev.chatstore.testkit.Concurrently.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The concurrency checks on PostgreSQL, each test in a schema of its own; and replays that race a
 * transaction another connection holds open. This class runs them on the test pool (autocommit on,
 * READ COMMITTED); its subclasses on pools configured as services configure theirs.
 */
class PostgresConcurrencyTest extends ConcurrencyTest {
    private static final int REPLAYS = 8;

    /** The application's pool the stores use. */
    DataSource pool() {
        return TestPostgres.dataSource();
    }

    @Override
    ChatStore openStore() {
        return PostgresChatStore.builder(pool()).schema(TestPostgres.freshSchema()).build();
    }

    /** A second store object on the same schema, as a second application node would have. */
    @Override
    ChatStore openPeer(ChatStore store) {
        return PostgresChatStore.builder(pool()).schema(schema()).build();
    }

    private String schema() {
        return ((PostgresChatStore) store).schema();
    }

    /** What the transaction held open by another connection does, and how it ends. */
    enum Blocker {
        /** Inserts the same client message id (and payload) as a node mid-append would, then commits. */
        INSERT_THEN_COMMIT(true, true),
        /** Inserts the same client message id, then rolls back: one of the replays must store it. */
        INSERT_THEN_ROLL_BACK(true, false),
        /** Locks the conversation row ({@code SELECT … FOR UPDATE}), then commits. */
        LOCK_THEN_COMMIT(false, true);

        final boolean inserts;
        final boolean commits;

        Blocker(boolean inserts, boolean commits) {
            this.inserts = inserts;
            this.commits = commits;
        }
    }

    /**
     * Another connection holds a transaction open on the conversation (having inserted the same
     * client message id, or having locked the row); eight replays start and queue behind it; then
     * it commits or rolls back. Every replay ends with the same one row and id, and no replay
     * fails. When it fails, look at how the append's row lock and replay lookup interact with an
     * uncommitted row of the same key (a unique-violation instead of a replay is the classic bug).
     */
    @ParameterizedTest
    @EnumSource(Blocker.class)
    void replaysQueuedBehindAnOpenConflictingTransactionYieldOneRowAndOneId(Blocker blocker) throws Exception {
        UserChats alice = store.forUser("alice");
        String conversation = alice.conversations().create(NewConversation.titled("held")).id();
        NewMessage replay = NewMessage.user("the request").clientMessageId("held-key").metadata(Map.of("n", 1));
        String insertedId = null;
        try (Connection raw = TestPostgres.dataSource().getConnection()) {
            raw.setAutoCommit(false);
            if (blocker.inserts) {
                insertedId = insertLikeTheStore(raw, alice, conversation, replay);
            } else {
                try (PreparedStatement lock = raw.prepareStatement(
                        "SELECT id FROM " + schema() + ".conversation WHERE id = ? FOR UPDATE")) {
                    lock.setString(1, conversation);
                    lock.executeQuery().close();
                }
            }
            CompletableFuture<List<Outcome<Appended>>> replays = new CompletableFuture<>();
            Thread starter = new Thread(() -> replays.complete(
                    Concurrently.run(Duration.ofSeconds(60), REPLAYS, thread -> alice.messages().append(conversation, replay))), "replays");
            starter.setDaemon(true);
            starter.start();
            awaitBlockedBackends(REPLAYS);
            if (blocker.commits) {
                raw.commit();
            } else {
                raw.rollback();
            }
            List<Appended> results = Concurrently.values(replays.get(60, TimeUnit.SECONDS));
            List<Message> stored = everything(alice, conversation).stream()
                    .filter(m -> "held-key".equals(m.clientMessageId())).toList();
            assertThat(stored).as("one row with the key").hasSize(1);
            String id = stored.get(0).id();
            assertThat(results).as("every replay got that row").extracting(a -> a.message().id()).containsOnly(id);
            if (blocker.inserts && blocker.commits) {
                assertThat(id).as("the committed row is the one").isEqualTo(insertedId);
                assertThat(results).as("all are replays of the committed row").allMatch(Appended::replayed);
            } else {
                assertThat(results).as("exactly one replay stored it").filteredOn(a -> !a.replayed()).hasSize(1);
                assertThat(alice.conversations().get(conversation).orElseThrow().messageCount()).isEqualTo(1);
            }
            report("held-" + blocker, REPLAYS + " replays queued behind an open transaction");
        }
    }

    /**
     * Inserts, on {@code raw} and without committing, the row the store would insert for
     * {@code m}: the columns are copied from the same message appended to a scratch conversation,
     * so the payload fingerprint is the store's own.
     */
    private String insertLikeTheStore(Connection raw, UserChats user, String conversation, NewMessage m)
            throws SQLException {
        String scratch = user.conversations().create(NewConversation.titled("scratch")).id();
        String template = user.messages().append(scratch, m).message().id();
        List<String> columns = new ArrayList<>();
        try (PreparedStatement q = raw.prepareStatement("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = 'message' AND is_generated = 'NEVER' ORDER BY ordinal_position")) {
            q.setString(1, schema());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        String id = UUID.randomUUID().toString();
        Map<String, String> overrides = Map.of("id", "?", "conversation_id", "?", "seq", "1000000", "parent_id", "NULL");
        String select = String.join(", ", columns.stream().map(c -> overrides.getOrDefault(c, c)).toList());
        try (PreparedStatement insert = raw.prepareStatement("INSERT INTO " + schema() + ".message ("
                + String.join(", ", columns) + ") SELECT " + select + " FROM " + schema() + ".message WHERE id = ?")) {
            int index = 1;
            for (String c : columns) {
                if (c.equals("id")) {
                    insert.setString(index++, id);
                } else if (c.equals("conversation_id")) {
                    insert.setString(index++, conversation);
                }
            }
            insert.setString(index, template);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        return id;
    }

    /** Polls until {@code n} backends working on this test's schema wait for a lock. */
    private void awaitBlockedBackends(int n) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = TestPostgres.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE wait_event_type = 'Lock' AND query LIKE ?")) {
            q.setString(1, "%" + schema() + "%");
            int blocked = 0;
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    blocked = rs.getInt(1);
                }
                if (blocked >= n) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            throw new AssertionError("only " + blocked + " of " + n + " replays were waiting for the lock after 30 s");
        }
    }
}

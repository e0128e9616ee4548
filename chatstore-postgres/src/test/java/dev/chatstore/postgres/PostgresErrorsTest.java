package dev.chatstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.Conversation;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.ProfileSpec;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.UserChats;
import dev.chatstore.jdbc.DatabaseFailure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Database errors reach the caller as the API's typed exceptions, with messages that name the
 * operation and the database's code but never a statement's values. When one fails, look at
 * {@code PostgresDialect.classify} and {@code describe}, and {@code StoreContext.translate}.
 */
class PostgresErrorsTest {
    private static final String SECRET = "top secret words the user typed";

    @Test
    void errorCodesMapToTheirMeaning() {
        PostgresDialect dialect = new PostgresDialect("s");
        assertThat(dialect.classify(new SQLException("x", "23503"))).isEqualTo(DatabaseFailure.MISSING_REFERENCE);
        assertThat(dialect.classify(new SQLException("x", "23505"))).isEqualTo(DatabaseFailure.ALREADY_EXISTS);
        assertThat(dialect.classify(new SQLException("x", "40001"))).isEqualTo(DatabaseFailure.TRANSIENT_CONFLICT);
        assertThat(dialect.classify(new SQLException("x", "40P01"))).isEqualTo(DatabaseFailure.TRANSIENT_CONFLICT);
        for (String unavailable : List.of("25P03", "57014", "57P01", "57P03", "08006", "53300", "55P03")) {
            assertThat(dialect.classify(new SQLException("x", unavailable))).as(unavailable)
                    .isEqualTo(DatabaseFailure.UNAVAILABLE);
        }
        assertThat(dialect.classify(new SQLException("x", "53100"))).isEqualTo(DatabaseFailure.STORAGE_FULL);
        assertThat(dialect.classify(new SQLException("x", "42601"))).isEqualTo(DatabaseFailure.OTHER);
        assertThat(dialect.classify(new SQLException("x"))).as("no SQLSTATE").isEqualTo(DatabaseFailure.OTHER);
    }

    @Test
    void twoUsersClaimingOneEmailAtOnceGiveOneOwnerAndOneAlreadyExists() throws Exception {
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource())
                .schema(TestPostgres.freshSchema()).build()) {
            for (int round = 0; round < 15; round++) {
                String email = "shared" + round + "@example.com";
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Throwable>> claims = new ArrayList<>();
                for (String user : List.of("u" + round + "a", "u" + round + "b")) {
                    claims.add(CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return catchThrowable(() -> store.forUser(user).profile()
                                .upsert(ProfileSpec.named(user).withEmail(email)));
                    }));
                }
                start.countDown();
                List<Throwable> outcomes = new ArrayList<>();
                for (CompletableFuture<Throwable> claim : claims) {
                    outcomes.add(claim.get(30, TimeUnit.SECONDS));
                }
                assertThat(outcomes).as("round %d: one claim wins", round).containsOnlyOnce((Throwable) null);
                assertThat(outcomes).as("round %d: the other is AlreadyExistsException", round)
                        .filteredOn(t -> t != null).singleElement().isInstanceOf(AlreadyExistsException.class);
            }
        }
    }

    /**
     * A batch the server cancels (statement timeout) is unavailable, and its message holds none of
     * what pgjdbc puts in a failed batch's text: the statement with the user's content.
     */
    @Test
    void aCancelledBatchIsUnavailableAndTheMessageHoldsNoStoredContent() throws Exception {
        String schema = TestPostgres.freshSchema();
        try (PostgresChatStore setup = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build();
             PostgresChatStore store = PostgresChatStore.builder(TestPostgres.pool(true, "TRANSACTION_READ_COMMITTED",
                     "SET statement_timeout = '300ms'")).schema(schema).build();
             Connection admin = TestPostgres.dataSource().getConnection()) {
            UserChats alice = setup.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("t"));
            // A slow insert trigger, so that the server cancels the store's batch of inserts.
            admin.createStatement().execute("CREATE FUNCTION \"" + schema + "\".slow() RETURNS trigger"
                    + " LANGUAGE plpgsql AS 'BEGIN PERFORM pg_sleep(2); RETURN NEW; END'");
            admin.createStatement().execute("CREATE TRIGGER slow BEFORE INSERT ON \"" + schema + "\".message"
                    + " FOR EACH ROW EXECUTE FUNCTION \"" + schema + "\".slow()");

            Throwable thrown = catchThrowable(() -> store.forUser("alice").messages().appendAll(c.id(),
                    List.of(NewMessage.user(SECRET).clientMessageId("k"), NewMessage.assistant(SECRET + " 2"))));
            admin.createStatement().execute("DROP TRIGGER slow ON \"" + schema + "\".message");

            assertThat(thrown).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("append messages").hasMessageContaining("57014")
                    .hasMessageNotContaining(SECRET).hasMessageNotContaining("INSERT").hasMessageNotContaining("\"k\"");
            assertThat(thrown.getCause()).as("the driver's exception stays the cause").isInstanceOf(SQLException.class);
            assertThat(alice.messages().byClientMessageId(c.id(), "k")).as("nothing was stored").isEmpty();
        }
    }

    @Test
    void aConnectionTheServerTerminatesIsUnavailableAndTheStoreGoesOn() throws Exception {
        String schema = TestPostgres.freshSchema();
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema).build();
             Connection blocker = TestPostgres.dataSource().getConnection();
             Connection admin = TestPostgres.dataSource().getConnection()) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("t"));
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("SELECT 1 FROM \"" + schema + "\".conversation WHERE id = '" + c.id()
                    + "' FOR UPDATE");
            CompletableFuture<Throwable> append = CompletableFuture.supplyAsync(
                    () -> catchThrowable(() -> alice.messages().append(c.id(), NewMessage.user(SECRET))));
            int waiting = awaitBlockedBackend(admin, schema);
            admin.createStatement().execute("SELECT pg_terminate_backend(" + waiting + ")");

            Throwable thrown = append.get(30, TimeUnit.SECONDS);
            blocker.rollback();
            assertThat(thrown).as("57P01 admin_shutdown").isInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining(SECRET);
            assertThat(alice.messages().append(c.id(), NewMessage.user("again")).message().seq())
                    .as("the next call gets a healthy connection").isEqualTo(1);
        }
    }

    /** The pid of the backend waiting for a lock on a conversation row of {@code schema}. */
    private static int awaitBlockedBackend(Connection admin, String schema) throws SQLException {
        int[] pid = {0};
        awaitCondition(() -> {
            try (ResultSet rs = admin.createStatement().executeQuery("SELECT pid FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query LIKE '%" + schema + "%conversation%'")) {
                if (rs.next()) {
                    pid[0] = rs.getInt(1);
                    return true;
                }
                return false;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return pid[0];
    }

    private static void awaitCondition(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 30 s for the condition").isBefore(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.Appended;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.StorageFullException;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.UserChats;
import dev.chatstore.postgres.PostgresChatStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL faults: the server stopped and restarted under an open store, the connection pool
 * exhausted, and the disk full. Each must surface as a {@link StoreUnavailableException} (disk
 * full as its subclass {@link StorageFullException}) with the SQLException as its cause, and the
 * same store object must work again once the cause is gone. When one fails, look at
 * {@code PostgresDialect.classify} (SQLSTATE classes 08, 57P, 53) and {@code StoreContext.translate}
 * (a connection that could not be had).
 *
 * <p>The stop/restart test runs its own embedded server on a fixed port and data directory, so
 * stopping it disturbs no other test; the other tests use it too.
 */
class PostgresFaultTest {
    private static final int CONNECTION_TIMEOUT_MS = 1000;

    @TempDir
    static Path dataDirectory;

    private static int port;
    private static EmbeddedPostgres server;

    @BeforeAll
    static void startServer() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Starts (or restarts) the server on the same data directory and port. */
    private static EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static HikariDataSource pool(String name, int size, int timeoutMs) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(timeoutMs);
        config.setValidationTimeout(250);
        return new HikariDataSource(config);
    }

    /**
     * The server stops (a fast shutdown: sessions are terminated) while two threads append, and
     * starts again on the same data directory and port. While it is down every call fails with
     * {@link StoreUnavailableException}; afterwards the same store object works again, every
     * acknowledged message is there once, and a failed append retried with its client message id
     * is stored at most once.
     */
    @Test
    void aServerStoppedAndRestartedUnderTheStoreFailsCallsAsUnavailableThenWorksAgain() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (HikariDataSource pool = pool("restart", 4, CONNECTION_TIMEOUT_MS);
             PostgresChatStore store = PostgresChatStore.builder(pool).schema("restart").build()) {
            UserChats chats = store.forUser("alice");
            String conversation = chats.conversations().create(NewConversation.titled("outage")).id();
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            List<String> failedKeys = new ArrayList<>();
            List<Throwable> unexpected = new ArrayList<>();
            AtomicInteger faults = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String key = "t" + thread + "-" + i;
                        try {
                            Appended a = chats.messages().append(conversation, NewMessage.user(key).clientMessageId(key));
                            acknowledged.put(key, a.message().id());
                            written.incrementAndGet();
                        } catch (StoreUnavailableException e) {
                            faults.incrementAndGet();
                            synchronized (failedKeys) {
                                failedKeys.add(key);
                            }
                        } catch (RuntimeException e) {
                            synchronized (unexpected) {
                                unexpected.add(e);
                            }
                        }
                    }
                }, threads));
            }
            awaitCondition("the writers appended 50 messages", () -> written.get() >= 50);

            server.close();
            server = null;
            // Down: reads and writes fail as unavailable, with the SQLException as the cause.
            List<Runnable> calls = List.of(
                    () -> chats.messages().append(conversation, NewMessage.user("while down")),
                    () -> chats.conversations().get(conversation),
                    () -> chats.messages().latest(conversation, 10),
                    () -> chats.conversations().list(PageRequest.first()),
                    () -> store.admin().statistics());
            for (Runnable call : calls) {
                Throwable e = catchThrowable(call::run);
                assertThat(e).as("a call while the server is down fails as unavailable")
                        .isInstanceOf(StoreUnavailableException.class).hasCauseInstanceOf(SQLException.class);
                faults.incrementAndGet();
            }

            server = start();
            // Up again: the same store object recovers by itself once the pool has fresh connections.
            awaitCondition("a read through the store succeeds again", () -> {
                try {
                    chats.conversations().get(conversation);
                    return true;
                } catch (StoreUnavailableException e) {
                    faults.incrementAndGet();
                    return false;
                }
            });
            int after = written.get();
            awaitCondition("the writers appended 50 more messages", () -> written.get() >= after + 50);
            stop.set(true);
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(unexpected).as("every failure was a StoreUnavailableException").isEmpty();

            // The clients retry what failed; each is stored at most once (some committed before the connection broke).
            for (String key : failedKeys) {
                acknowledged.put(key, chats.messages().append(conversation, NewMessage.user(key).clientMessageId(key))
                        .message().id());
            }
            List<Message> stored = ConcurrencyTest.everything(chats, conversation);
            assertThat(stored).as("every acknowledged or retried message is stored once").extracting(Message::id)
                    .containsExactlyInAnyOrderElementsOf(acknowledged.values());
            assertThat(stored).extracting(Message::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
            Conversation c = chats.conversations().get(conversation).orElseThrow();
            assertThat(c.messageCount()).isEqualTo(stored.size());
            System.out.println("[reliability] PostgresFaultTest.restart: 1 stop/restart, " + faults.get()
                    + " calls failed as unavailable, " + failedKeys.size() + " appends retried, "
                    + stored.size() + " messages intact");
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A pool of two connections, both held by appends waiting for a row lock another connection
     * holds: a third call waits the pool's connection timeout, then fails with a
     * {@link StoreUnavailableException} that says it timed out. Once the lock is released the
     * waiting appends finish and the store works again.
     */
    @Test
    void anExhaustedPoolFailsWithAClearTimeoutAndRecovers() throws Exception {
        int timeoutMs = 500;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (HikariDataSource pool = pool("exhausted", 2, timeoutMs);
             PostgresChatStore store = PostgresChatStore.builder(pool).schema("exhausted").build();
             Connection blocker = server.getPostgresDatabase().getConnection();
             Connection monitor = server.getPostgresDatabase().getConnection()) {
            UserChats chats = store.forUser("alice");
            String conversation = chats.conversations().create(NewConversation.titled("busy")).id();
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement(
                    "SELECT id FROM exhausted.conversation WHERE id = ? FOR UPDATE")) {
                lock.setString(1, conversation);
                lock.executeQuery().close();
            }
            List<CompletableFuture<Appended>> waiting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String content = "waiting " + i;
                waiting.add(CompletableFuture.supplyAsync(() -> chats.messages().append(conversation, NewMessage.user(content)), threads));
            }
            // The monitor is in autocommit mode: inside a transaction pg_stat_activity would be a snapshot.
            awaitCondition("both pool connections wait for the lock", () -> lockWaiters(monitor, "exhausted") == 2);

            long start = System.nanoTime();
            Throwable e = catchThrowable(() -> chats.conversations().get(conversation));
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(e).as("a call that cannot get a connection fails as unavailable")
                    .isInstanceOf(StoreUnavailableException.class).hasCauseInstanceOf(SQLException.class);
            assertThat(e.getMessage()).as("the message says no connection was available in time")
                    .contains("no database connection available")
                    // HikariCP reports the time it really waited: the timeout or a few ms more on a busy machine.
                    .containsPattern("timed out after " + timeoutMs / 100 + "\\d\\dms");
            assertThat(waitedMs).as("it waited the pool's connection timeout").isBetween((long) timeoutMs, 10_000L);

            blocker.commit();
            for (CompletableFuture<Appended> w : waiting) {
                assertThat(w.get(30, TimeUnit.SECONDS).replayed()).isFalse();
            }
            assertThat(chats.conversations().get(conversation).orElseThrow().messageCount()).isEqualTo(2);
            System.out.println("[reliability] PostgresFaultTest.pool: pool of 2 exhausted, 1 timeout after " + waitedMs
                    + " ms: " + e.getMessage());
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The disk fills up (a trigger raises SQLSTATE 53100 disk_full on every message insert, as
     * PostgreSQL does when it cannot extend a file): appends fail with {@link StorageFullException},
     * store nothing, and work again once there is space (the trigger is dropped).
     */
    @Test
    void aFullDiskFailsAppendsAsStorageFullAndTheyWorkOnceThereIsSpace() throws SQLException {
        try (HikariDataSource pool = pool("disk-full", 2, CONNECTION_TIMEOUT_MS);
             PostgresChatStore store = PostgresChatStore.builder(pool).schema("diskfull").build()) {
            UserChats chats = store.forUser("alice");
            String conversation = chats.conversations().create(NewConversation.titled("full")).id();
            chats.messages().append(conversation, NewMessage.user("before"));
            execute(pool, "CREATE FUNCTION diskfull.no_space() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$");
            execute(pool, "CREATE TRIGGER no_space BEFORE INSERT ON diskfull.message FOR EACH ROW EXECUTE FUNCTION diskfull.no_space()");
            assertThatThrownBy(() -> chats.messages().append(conversation, NewMessage.user("no room")))
                    .isInstanceOf(StorageFullException.class).hasCauseInstanceOf(SQLException.class)
                    .hasMessageContaining("No space left on device");
            assertThatThrownBy(() -> chats.messages().appendAll(conversation,
                    List.of(NewMessage.user("a"), NewMessage.user("b")))).isInstanceOf(StorageFullException.class);
            assertThat(chats.conversations().get(conversation).orElseThrow().messageCount()).as("nothing was stored").isEqualTo(1);
            execute(pool, "DROP TRIGGER no_space ON diskfull.message");
            chats.messages().append(conversation, NewMessage.user("after"));
            assertThat(ConcurrencyTest.everything(chats, conversation)).extracting(Message::content)
                    .containsExactly("before", "after");
            System.out.println("[reliability] PostgresFaultTest.diskFull: 2 disk_full faults");
        }
    }

    private static void execute(HikariDataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int lockWaiters(Connection c, String schema) {
        try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                + "WHERE wait_event_type = 'Lock' AND query LIKE ?")) {
            q.setString(1, "%" + schema + "%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} until it holds; fails after 60 s. */
    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}

package dev.chatstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Conversation;
import dev.chatstore.ExportSummary;
import dev.chatstore.MigrationException;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.UserChats;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite file shared with other writers, other applications' files, a growing WAL and busy
 * readers. When one fails, look at SqliteDatabase (transactions) and SqliteChatStore.Builder (open).
 */
class SqliteSharedFileTest {
    @TempDir
    Path dir;

    /** Another connection takes the write lock between our writes: what it refuses is not stored, what it takes is. */
    @Test
    void aWriteReportedAsFailedWasNotCommittedAndOneReportedAsDoneWas() throws Exception {
        Path file = dir.resolve("contended.db");
        try (SqliteChatStore store = SqliteChatStore.builder(file).busyTimeout(Duration.ZERO).build()) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("t"));
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> competeForTheWriteLock(file, writing));
            int succeeded = 0;
            int refused = 0;
            for (int i = 0; i < 400; i++) {
                try {
                    alice.messages().append(c.id(), NewMessage.user("m" + i));
                    succeeded++;
                } catch (StoreUnavailableException e) {
                    refused++;
                }
            }
            writing.set(false);
            assertThat(other.get(30, TimeUnit.SECONDS)).as("the other writer got the lock").isPositive();
            assertThat(succeeded).as("some appends went through").isPositive();
            long stored;
            try (Connection check = DriverManager.getConnection("jdbc:sqlite:" + file);
                 ResultSet rs = check.createStatement().executeQuery("SELECT COUNT(*) FROM message")) {
                rs.next();
                stored = rs.getLong(1);
            }
            assertThat(stored).as("stored messages = acknowledged appends (%d refused)", refused).isEqualTo(succeeded);
            assertThat(alice.conversations().get(c.id()).orElseThrow().messageCount()).isEqualTo(succeeded);
        }
    }

    /** Takes and releases the write lock as fast as it can, from its own connection; returns how often it got it. */
    private static int competeForTheWriteLock(Path file, AtomicBoolean running) {
        int got = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            while (running.get()) {
                try {
                    s.execute("BEGIN IMMEDIATE");
                    got++;
                    s.execute("COMMIT");
                } catch (SQLException busy) {
                    // The store holds the lock this time.
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return got;
    }

    @Test
    void anotherApplicationsDatabaseIsRefusedAndLeftUnchanged() throws Exception {
        Path file = dir.resolve("theirs.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE conversation (x INTEGER)");
            s.execute("CREATE TABLE notes (body TEXT)");
            s.execute("INSERT INTO notes VALUES ('keep me')");
        }
        String before = sha256(file);

        assertThatThrownBy(() -> SqliteChatStore.open(file))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("not a chatstore database").hasMessageContaining("[conversation, notes]");

        assertThat(sha256(file)).as("the file's bytes are unchanged").isEqualTo(before);
        assertThat(Files.exists(dir.resolve("theirs.db-wal"))).as("no WAL was created").isFalse();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).as("still in its own journal mode").isEqualTo("delete");
        }
    }

    /** Litestream creates its two tables in a file it replicates, possibly before the store first opens it. */
    @Test
    void litestreamsBookkeepingTablesDoNotMakeAFileSomeoneElses() throws Exception {
        Path file = dir.resolve("replicated.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER)");
            s.execute("CREATE TABLE _litestream_lock (id INTEGER)");
            s.execute("INSERT INTO _litestream_seq VALUES (1, 1)");
        }
        try (SqliteChatStore store = SqliteChatStore.builder(file).checkpoints(Checkpoints.EXTERNAL).build()) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("t"));
            alice.messages().append(c.id(), NewMessage.user("hi"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("SELECT seq FROM _litestream_seq")) {
            assertThat(rs.next() && rs.getInt(1) == 1).as("Litestream's row is left alone").isTrue();
        }
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            assertThat(store.forUser("alice").conversations().list(PageRequest.first(10)).items())
                    .as("reopened").hasSize(1);
        }

        Path theirs = dir.resolve("theirs-replicated.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + theirs); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER)");
            s.execute("CREATE TABLE notes (body TEXT)");
        }
        assertThatThrownBy(() -> SqliteChatStore.open(theirs))
                .isInstanceOf(MigrationException.class).hasMessageContaining("[notes]");
    }

    @Test
    void theWalIsCutBackToItsLimitWhileReadersAndAWriterKeepGoing() throws Exception {
        Path file = dir.resolve("wal.db");
        long limit = 512 * 1024;
        try (SqliteChatStore store = SqliteChatStore.builder(file).walSizeLimit(limit).build()) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("t"));
            AtomicBoolean running = new AtomicBoolean(true);
            CompletableFuture<?>[] readers = new CompletableFuture<?>[3];
            for (int r = 0; r < readers.length; r++) {
                readers[r] = CompletableFuture.runAsync(() -> {
                    while (running.get()) {
                        alice.messages().latest(c.id(), 20);
                    }
                });
            }
            String text = "x".repeat(2000);
            long largest = 0;
            int appends = 3000;
            for (int i = 0; i < appends; i++) {
                alice.messages().append(c.id(), NewMessage.user(text + i));
                if (i % 500 == 499) {
                    largest = Math.max(largest, Files.size(dir.resolve("wal.db-wal")));
                }
            }
            running.set(false);
            CompletableFuture.allOf(readers).get(30, TimeUnit.SECONDS);
            long written = appends * 2000L;
            System.out.printf("[sqlite] WAL limit %d KiB: largest WAL seen %d KiB while %d MB were appended under 3 readers%n",
                    limit >> 10, largest >> 10, written >> 20);
            // A commit that leaves the log over its limit cuts it back; readers may postpone that a little.
            long bound = limit + 1024L * 1024;
            assertThat(largest).as("largest WAL seen, with %d MB written", written >> 20).isLessThan(bound);
            alice.messages().append(c.id(), NewMessage.user("after the readers stopped"));
            assertThat(Files.size(dir.resolve("wal.db-wal"))).isLessThan(bound);
        }
    }

    @Test
    void readsWaitForAFreeReaderForTheirOwnTimeNotTheBusyTimeout() throws Exception {
        Path file = dir.resolve("readers.db");
        try (SqliteChatStore store = SqliteChatStore.builder(file).busyTimeout(Duration.ZERO).readers(1)
                .readerWait(Duration.ofSeconds(20)).build()) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("t"));
            alice.messages().append(c.id(), NewMessage.user("hi"));
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch exporting = new CountDownLatch(1);
            CompletableFuture<ExportSummary> export = CompletableFuture.supplyAsync(
                    () -> alice.exportTo(new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            exporting.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                throw new IOException(e);
                            }
                        }
                    }));
            assertThat(exporting.await(30, TimeUnit.SECONDS)).as("the export holds the only reader").isTrue();
            AtomicInteger readerWaits = new AtomicInteger();
            Thread reader = new Thread(() -> {
                if (alice.conversations().get(c.id()).isPresent()) {
                    readerWaits.incrementAndGet();
                }
            });
            reader.start();
            awaitCondition(() -> reader.getState() == Thread.State.TIMED_WAITING || !reader.isAlive());
            release.countDown();
            reader.join(30_000);
            export.get(30, TimeUnit.SECONDS);
            assertThat(readerWaits).as("the read waited for the reader and succeeded").hasValue(1);
        }
    }

    private static void awaitCondition(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 30 s for the condition").isBefore(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

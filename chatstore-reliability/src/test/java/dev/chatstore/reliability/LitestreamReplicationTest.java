package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.Checkpoints;
import dev.chatstore.sqlite.SqliteChatStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite store replicated by the real Litestream (v0.3, found by {@link Litestream}) to a file
 * replica, and restored from it. Litestream takes up the new database first (it adds its two tables),
 * then a store opens it with {@link Checkpoints#EXTERNAL} and Litestream's recommended 5 s busy
 * timeout; three writers append for about six seconds while a reader pages, and Litestream is
 * killed with SIGKILL a quarter of the way in and restarted 1.5 s later. Every append must succeed
 * (Litestream's checkpoints take the write lock for a moment: no {@code SQLITE_BUSY} may surface, also
 * not while it is dead). After the writers stop, {@code litestream restore} is polled (bounded) until the
 * replica holds every acknowledged append; Litestream is stopped and the replica restored once more:
 * the restored file passes {@code integrity_check}, opens as a chatstore database, and holds every
 * acknowledged message as acknowledged, with each conversation's message count, last-message time and
 * last sequence exact. The store never checkpoints: the write-ahead log holds every append made while
 * Litestream was dead, and once Litestream is back its checkpoints bring the log's live frames below
 * {@value #MIN_CHECKPOINT_PAGES}. About 10 s.
 *
 * <p>When it fails, look at Litestream's log (in the failure message), at SqliteChatStore.Builder
 * (checkpoint policy, busy timeout) and at SqliteFileCheck (Litestream's tables).
 */
class LitestreamReplicationTest {
    private static final int WRITERS = 3;
    private static final long KILL_AFTER_MS = 1500;
    private static final long DEAD_FOR_MS = 1500;
    private static final long WRITE_AFTER_RESTART_MS = 3000;
    /** After a sync, Litestream checkpoints a log of this many pages or more (PASSIVE, waiting for no one)… */
    private static final int MIN_CHECKPOINT_PAGES = 200;
    /** …and one of this many or more with RESTART, which waits for the store's writer (hence the busy timeout). */
    private static final int MAX_CHECKPOINT_PAGES = 2000;
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
    private static final String PAD = " " + "lorem ipsum ".repeat(16);

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLitestream() {
        processes.forEach(Process::destroyForcibly);
    }

    private record Ack(String user, String conversationId, Message message) {
    }

    @Test
    void everyAcknowledgedAppendIsRestoredFromTheReplicaAfterLitestreamWasKilledAndRestarted() throws Exception {
        long started = System.nanoTime();
        Litestream litestream = Litestream.locate();
        Path db = dir.resolve("chat.db");
        Path wal = dir.resolve("chat.db-wal");
        Path replica = dir.resolve("replica");
        Path config = dir.resolve("litestream.yml");
        Path log = dir.resolve("litestream.log");
        Files.writeString(config, """
                dbs:
                  - path: '%s'
                    monitor-interval: 100ms
                    checkpoint-interval: 1s
                    min-checkpoint-page-count: %d
                    max-checkpoint-page-count: %d
                    replicas:
                      - type: file
                        path: '%s'
                        sync-interval: 200ms
                """.formatted(yamlQuoted(db), MIN_CHECKPOINT_PAGES, MAX_CHECKPOINT_PAGES, yamlQuoted(replica)));

        // Litestream first, as `litestream replicate -exec <application>` starts them: it adds its tables to the new file.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
        }
        Process replicating = start(litestream, config, log);
        await("Litestream took up the new database (created _litestream_seq)", log, () -> hasTable(db, "_litestream_seq"));

        List<Ack> acks = new ArrayList<>();
        ConcurrentLinkedQueue<Ack> acked = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger duringOutage = new AtomicInteger();
        AtomicBoolean outage = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        long framesAtRestart;
        long framesAtEnd;
        long walBytesAtRestart;
        long walBytesAtEnd;
        Map<String, Conversation> original = new LinkedHashMap<>();
        try (SqliteChatStore store = SqliteChatStore.builder(db).checkpoints(Checkpoints.EXTERNAL)
                .busyTimeout(Duration.ofSeconds(5)).build()) {
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            List<String> conversationIds = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String user = "user-" + w;
                UserChats chats = store.forUser(user);
                List<String> own = List.of(chats.conversations().create(NewConversation.titled(user + " a")).id(),
                        chats.conversations().create(NewConversation.titled(user + " b")).id());
                conversationIds.addAll(own);
                int writer = w;
                threads.add(started("writer-" + w, () -> {
                    try {
                        for (int i = 0; running.get(); i++) {
                            String conversation = own.get(i % own.size());
                            Message m = chats.messages().append(conversation,
                                    NewMessage.user("writer " + writer + " message " + i + PAD)).message();
                            acked.add(new Ack(user, conversation, m));
                            if (outage.get()) {
                                duringOutage.incrementAndGet();
                            }
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            UserChats reader = store.forUser("user-0");
            threads.add(started("reader", () -> {
                try {
                    while (running.get()) {
                        reader.messages().latest(conversationIds.get(0), 20);
                        reads.incrementAndGet();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));

            // The sleeps pick the moments of the kill and the restart; they synchronise nothing.
            Thread.sleep(KILL_AFTER_MS);
            replicating.destroyForcibly();
            assertThat(replicating.waitFor(30, TimeUnit.SECONDS)).as("Litestream is gone after SIGKILL").isTrue();
            outage.set(true);
            Thread.sleep(DEAD_FOR_MS);
            outage.set(false);
            framesAtRestart = liveFrames(wal);
            walBytesAtRestart = Files.size(wal);
            replicating = start(litestream, config, log);
            Thread.sleep(WRITE_AFTER_RESTART_MS);
            running.set(false);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(t.isAlive()).as("%s stopped", t.getName()).isFalse();
            }
            assertThat(errors).as("no append or read failed while Litestream replicated, was killed and restarted;"
                    + " Litestream's log:\n%s", Files.readString(log)).isEmpty();
            acks.addAll(acked);
            assertThat(duringOutage.get()).as("appends acknowledged while Litestream was dead").isPositive();
            assertThat(framesAtRestart).as("live WAL frames when Litestream restarted: every append while it was dead"
                    + " is still in the log, nothing checkpointed it").isGreaterThanOrEqualTo(duringOutage.get());

            // The replica catches up: restore it until it holds every acknowledged append (bounded).
            int polls = awaitReplicaHolds(litestream, replica, acks.size(), log);
            // And Litestream, not the store, brings the log back down.
            await("Litestream checkpointed the write-ahead log below " + MIN_CHECKPOINT_PAGES + " live frames", log,
                    () -> liveFrames(wal) < MIN_CHECKPOINT_PAGES);
            framesAtEnd = liveFrames(wal);
            walBytesAtEnd = Files.size(wal);
            for (String id : conversationIds) {
                original.put(id, store.forUser(userOf(id, acks)).conversations().get(id).orElseThrow());
            }

            replicating.destroy();
            assertThat(replicating.waitFor(30, TimeUnit.SECONDS)).as("Litestream stops on SIGTERM").isTrue();
            assertThat(replicating.exitValue()).as("Litestream's exit status after SIGTERM; its log:\n%s",
                    Files.readString(log)).isZero();

            Path restored = dir.resolve("restored.db");
            litestream.restore("-config", config.toString(), "-o", restored.toString(), db.toString());
            verifyRestored(restored, acks, original);

            String logText = Files.readString(log);
            System.out.printf("[reliability] LitestreamReplicationTest: Litestream %s (%s): %d appends acknowledged by %d"
                            + " writers (%d while Litestream was dead for %d ms after a SIGKILL), %d reads, all restored"
                            + " with exact counters; %d WAL segments and %d snapshots written over %d generation(s), the log"
                            + " started over %d time(s) by Litestream's checkpoints; restore polled %d time(s); %d errors and %d warnings in Litestream's log; live WAL frames %d when Litestream"
                            + " restarted, %d at the end (WAL file %d KiB, %d KiB); %.1f s in all%n",
                    litestream.version(), litestream.executable(), acks.size(), WRITERS, duringOutage.get(), DEAD_FOR_MS,
                    reads.get(), count(logText, "msg=\"wal segment written\""), count(logText, "msg=\"snapshot written\""),
                    generations(replica), walIndexes(logText) - generations(replica), polls, count(logText, "level=ERROR"),
                    count(logText, "level=WARN"), framesAtRestart, framesAtEnd,
                    walBytesAtRestart >> 10, walBytesAtEnd >> 10, (System.nanoTime() - started) / 1e9);
        }
    }

    private static Thread started(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.start();
        return t;
    }

    private Process start(Litestream litestream, Path config, Path log) throws IOException {
        Process p = litestream.replicate(config, log);
        processes.add(p);
        return p;
    }

    /** Restores the replica into a scratch file until it holds {@code expected} messages; returns how many restores it took. */
    private int awaitReplicaHolds(Litestream litestream, Path replica, int expected, Path log) throws Exception {
        long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
        Path probe = dir.resolve("probe.db");
        int polls = 0;
        long held = -1;
        while (System.nanoTime() < deadline) {
            polls++;
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(dir.resolve("probe.db" + suffix));
            }
            litestream.restore("-o", probe.toString(), replica.toUri().toString());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + probe);
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM message")) {
                rs.next();
                held = rs.getLong(1);
            }
            if (held == expected) {
                return polls;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("after " + SYNC_TIMEOUT.toSeconds() + " s the replica restores to " + held + " of the "
                + expected + " acknowledged messages; Litestream's log:\n" + Files.readString(log));
    }

    private static void verifyRestored(Path restored, List<Ack> acks, Map<String, Conversation> original) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + restored);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            List<String> problems = new ArrayList<>();
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
            assertThat(problems).as("integrity_check of the restored file").containsExactly("ok");
        }
        try (SqliteChatStore store = SqliteChatStore.open(restored)) {
            for (Ack a : acks) {
                Message m = store.forUser(a.user()).messages().get(a.message().id()).orElseThrow(
                        () -> new AssertionError("acknowledged message " + a.message().id() + " ("
                                + a.message().content().substring(0, 30) + ") is not in the restored file"));
                assertThat(m).as("restored message %s as acknowledged", m.id()).isEqualTo(a.message());
            }
            for (Conversation before : original.values()) {
                List<Ack> own = acks.stream().filter(a -> a.conversationId().equals(before.id())).toList();
                UserChats chats = store.forUser(own.get(0).user());
                Conversation after = chats.conversations().get(before.id()).orElseThrow();
                Message last = own.stream().map(Ack::message).reduce((x, y) -> y.seq() > x.seq() ? y : x).orElseThrow();
                assertThat(List.of(after.messageCount(), after.lastMessageAt(), last.seq()))
                        .as("restored conversation %s: message count, last-message time, last seq", after.id())
                        .containsExactly((long) own.size(), last.createdAt(), (long) own.size());
                assertThat(after).as("restored conversation %s equals the original", after.id()).isEqualTo(before);
                List<Message> newest = chats.messages().latest(after.id(), 1).items();
                assertThat(newest).extracting(Message::id).as("newest message of %s", after.id())
                        .containsExactly(last.id());
            }
        }
    }

    /**
     * The frames in the write-ahead log since SQLite last started it over: those whose salt equals
     * the header's. Read from the file, since asking SQLite would mean checkpointing.
     */
    private static long liveFrames(Path wal) {
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(32);
            if (ch.read(header, 0) < 32) {
                return 0;
            }
            int pageSize = header.getInt(8);
            long salt = header.getLong(16);
            ByteBuffer frame = ByteBuffer.allocate(24);
            long frames = 0;
            for (long at = 32; ; at += 24 + pageSize) {
                frame.clear();
                if (ch.read(frame, at) < 24 || frame.getLong(8) != salt) {
                    return frames;
                }
                frames++;
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasTable(Path db, String table) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            return rs.next() && rs.getInt(1) == 1;
        } catch (SQLException e) {
            return false; // Locked for a moment by Litestream: ask again.
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Path log, Condition condition) throws Exception {
        long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + SYNC_TIMEOUT.toSeconds() + " s for: " + what
                        + "; Litestream's log:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    private static String userOf(String conversationId, List<Ack> acks) {
        return acks.stream().filter(a -> a.conversationId().equals(conversationId)).findFirst().orElseThrow().user();
    }

    private static String yamlQuoted(Path path) {
        return path.toAbsolutePath().toString().replace("'", "''");
    }

    private static long count(String text, String needle) {
        return Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }

    /** How many times Litestream started the log over (each restart is a new WAL index in its positions). */
    private static long walIndexes(String log) {
        Matcher m = Pattern.compile("msg=\"wal segment written\".*? position=(\\w+)/(\\w+):").matcher(log);
        return m.results().map(r -> r.group(1) + "/" + r.group(2)).distinct().count();
    }

    private static long generations(Path replica) throws IOException {
        try (Stream<Path> g = Files.list(replica.resolve("generations"))) {
            return g.count();
        }
    }
}

package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the SQLite backend: a child JVM ({@link CrashWriter}) writes to one database
 * file from two threads and reports every acknowledged write; it is killed with SIGKILL at a
 * random moment, 24 times (every fourth time, the first included, while it starts up, opens and
 * migrates the store; the others
 * while it writes). After every kill the file passes {@code PRAGMA integrity_check} and
 * {@code foreign_key_check}, every write acknowledged in any round is there as it was reported,
 * every batch is there entirely or not at all, every conversation created with a greeting has it,
 * and every conversation's counters equal its real count and highest sequence number.
 *
 * <p>When it fails, look at what is acknowledged before the commit (a write reported before it is
 * durable), at multi-statement writes that are not one transaction, and at WAL and synchronous
 * settings. {@code -Dchatstore.reliability.scale=N} multiplies the rounds.
 */
class SqliteCrashTest {
    private static final int ROUNDS = 24 * ConcurrencyTest.SCALE;
    private static final long STARTUP_TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    /** What the children reported, over all rounds. */
    private final List<String[]> acks = new ArrayList<>();
    private final List<String[]> batches = new ArrayList<>();
    private final List<String[]> conversations = new ArrayList<>();
    private final Map<String, Map<String, Integer>> patches = new HashMap<>();

    @Test
    void aWriterKilledAtRandomMomentsLosesNothingItAcknowledged() throws Exception {
        Path file = dir.resolve("crash.db");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int killedWhileWriting = 0;
        int killedWhileStarting = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            Path stderr = dir.resolve("child-" + round + ".err");
            Path stdout = dir.resolve("child-" + round + ".out");
            Process child = new ProcessBuilder(javaCommand(file, round))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            Lines lines = new Lines(stdout);
            boolean duringStartup = round % 4 == 1;
            // The sleeps below pick the random moment of the kill; they synchronise nothing (the
            // child's readiness is awaited as a condition).
            if (duringStartup) {
                Thread.sleep(random.nextInt(1500));
            } else {
                if (!lines.awaitReady(child, STARTUP_TIMEOUT_SECONDS)) {
                    child.destroyForcibly();
                    throw new AssertionError("round " + round + ": the child did not open the store within "
                            + STARTUP_TIMEOUT_SECONDS + " s; its stderr:\n" + Files.readString(stderr));
                }
                Thread.sleep(20 + random.nextInt(400));
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("round %d: the child is gone", round).isTrue();
            lines.read();
            String context = "seed " + seed + ", round " + round;
            assertThat(lines.errors).as("%s: the child's writes never failed; stderr:\n%s", context, Files.readString(stderr))
                    .isEmpty();
            assertThat(child.exitValue()).as("%s: the child was killed (SIGKILL), it did not exit; stderr:\n%s",
                    context, Files.readString(stderr)).isEqualTo(137);
            int acknowledged = record(lines);
            if (duringStartup && acknowledged == 0) {
                killedWhileStarting++;
            } else {
                killedWhileWriting++;
            }
            verify(file, context);
        }
        System.out.println("[reliability] SqliteCrashTest: " + ROUNDS + " SIGKILLs survived (" + killedWhileWriting
                + " while writing, " + killedWhileStarting + " while starting), " + acks.size()
                + " acknowledged messages, " + batches.size() + " batches, " + conversations.size()
                + " greeted conversations checked after every kill");
    }

    private static List<String> javaCommand(Path file, int round) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), file.toString(), Integer.toString(round));
    }

    /** The child's reports: its stdout goes to a file, so nothing it wrote before the kill can be lost in a pipe. */
    private static final class Lines {
        final List<String[]> complete = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        private final Path file;

        Lines(Path file) {
            this.file = file;
        }

        /** Polls the file until the child reports that the store is open; false if it does not in time or dies. */
        boolean awaitReady(Process child, long timeoutSeconds) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < deadline && child.isAlive()) {
                if (Files.readString(file).contains("READY .\n")) {
                    return true;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            return false;
        }

        /** Reads every complete line (the kill may cut the last one short). */
        Lines read() throws IOException {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.endsWith(" .")) {
                    continue;
                }
                String[] fields = line.substring(0, line.length() - 2).split(" ");
                if (fields[0].equals("ERROR") || fields[0].equals("GAVE-UP")) {
                    errors.add(line);
                } else if (!fields[0].equals("READY")) {
                    complete.add(fields);
                }
            }
            return this;
        }
    }

    /** Adds a round's reports to the ones of earlier rounds; returns how many messages it acknowledged. */
    private int record(Lines lines) {
        int acknowledged = 0;
        for (String[] f : lines.complete) {
            switch (f[0]) {
                case "ACK" -> {
                    acks.add(f);
                    acknowledged++;
                }
                case "BATCH" -> batches.add(f);
                case "CONV" -> conversations.add(f);
                case "PATCH" -> patches.computeIfAbsent(f[1], k -> new HashMap<>()).merge(f[2], Integer.parseInt(f[3]), Math::max);
                default -> throw new AssertionError("unexpected line from the child: " + String.join(" ", f));
            }
        }
        return acknowledged;
    }

    private void verify(Path file, String context) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                List<String> problems = new ArrayList<>();
                while (rs.next()) {
                    problems.add(rs.getString(1));
                }
                assertThat(problems).as("%s: integrity_check", context).containsExactly("ok");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                assertThat(rs.next()).as("%s: foreign_key_check finds no orphan", context).isFalse();
            }
        }
        // Opening completes a migration the kill interrupted (the first round may be killed while migrating).
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT c.id, c.message_count, c.last_seq, "
                        + "(SELECT count(*) FROM message m WHERE m.conversation_id = c.id), "
                        + "(SELECT coalesce(max(m.seq), 0) FROM message m WHERE m.conversation_id = c.id) "
                        + "FROM conversation c")) {
                    while (rs.next()) {
                        assertThat(new long[] {rs.getLong(2), rs.getLong(3)})
                                .as("%s: conversation %s's message count and last seq equal its real count and highest seq",
                                        context, rs.getString(1))
                                .containsExactly(rs.getLong(4), rs.getLong(5));
                        assertThat(rs.getLong(4)).as("%s: seqs of %s have no gap", context, rs.getString(1))
                                .isEqualTo(rs.getLong(5));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM conversation c WHERE c.persona_id = '"
                        + CrashWriter.GREETER + "' AND NOT EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id)")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("%s: conversations created without their greeting", context).isZero();
                }
            }
            UserChats chats = store.forUser(CrashWriter.USER);
            for (String[] a : acks) {
                Message m = chats.messages().get(a[2]).orElseThrow(
                        () -> new AssertionError(context + ": acknowledged message " + a[2] + " (" + a[4] + ") is lost"));
                assertThat(List.of(m.conversationId(), Long.toString(m.seq()), m.clientMessageId()))
                        .as("%s: message %s as acknowledged", context, a[2]).containsExactly(a[1], a[3], a[4]);
            }
            for (String[] b : batches) {
                long present = List.of(b[2], b[3], b[4]).stream()
                        .filter(key -> chats.messages().byClientMessageId(b[1], key).isPresent()).count();
                assertThat(present).as("%s: batch %s is there entirely or not at all", context, b[2]).isIn(0L, 3L);
            }
            for (String[] conv : conversations) {
                UserChats user = store.forUser(conv[1]);
                Conversation c = user.conversations().get(conv[2]).orElseThrow(
                        () -> new AssertionError(context + ": acknowledged conversation " + conv[2] + " is lost"));
                List<Message> first = user.messages().oldestFirst(c.id(), PageRequest.first(1)).items();
                assertThat(first).as("%s: conversation %s starts with its greeting", context, c.id())
                        .extracting(Message::content).containsExactly(CrashWriter.GREETING);
            }
            for (Map.Entry<String, Map<String, Integer>> p : patches.entrySet()) {
                Map<String, Object> metadata = chats.conversations().get(p.getKey()).orElseThrow().metadata();
                p.getValue().forEach((key, value) -> assertThat((Integer) metadata.get(key))
                        .as("%s: the acknowledged patch %s=%d (or a later one) survived", context, key, value)
                        .isGreaterThanOrEqualTo(value));
            }
        }
    }
}

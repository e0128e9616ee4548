package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.BackupProgress;
import dev.chatstore.BackupReport;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online backups of a SQLite store: taken while eight writers go on, a backup holds every write
 * acknowledged before it started and passes SQLite's integrity check, and the writers keep
 * committing while it runs; a process killed (SIGKILL) at a random moment of its backups leaves
 * the previous backup under the target name intact, and no partial file under that name.
 */
class SqliteBackupTest {
    private static final int WRITERS = 8;

    @TempDir
    Path dir;

    /** A store with {@code messages} messages of some length, so a backup takes several steps. */
    private static void seed(SqliteChatStore store, int messages) {
        UserChats chats = store.forUser("seed");
        Conversation c = chats.conversations().create(NewConversation.titled("history"));
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            batch.add(NewMessage.user("message " + i + " " + "lorem ipsum dolor sit amet ".repeat(20)));
            if (batch.size() == 2_000) {
                chats.messages().appendAll(c.id(), batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            chats.messages().appendAll(c.id(), batch);
        }
    }

    @Test
    void aBackupTakenWhileEightWritersGoOnHoldsEveryWriteAcknowledgedBeforeIt() throws Exception {
        Path file = dir.resolve("live.db");
        Path backup = dir.resolve("live-backup.db");
        List<Message> before;
        AtomicInteger duringBackup = new AtomicInteger();
        BackupReport report;
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            seed(store, 20_000);
            ConcurrentLinkedQueue<Message> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean backingUp = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> writers = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            for (int t = 0; t < WRITERS; t++) {
                UserChats chats = store.forUser("writer-" + t);
                String conversation = chats.conversations().create(NewConversation.untitled()).id();
                writers.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        acknowledged.add(chats.messages().append(conversation, NewMessage.user("w " + i)).message());
                        if (backingUp.get()) {
                            duringBackup.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            while (acknowledged.size() < 400) {
                Thread.onSpinWait();
            }
            before = new ArrayList<>(acknowledged);
            backingUp.set(true);
            // A short pause after each step, as a larger database would take: the writers must go on meanwhile.
            report = store.admin().backupTo(backup, (done, total) -> sleep(40));
            backingUp.set(false);
            stop.set(true);
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);   // a writer's failure fails the test
            }
            pool.shutdown();
        }
        assertThat(duringBackup.get()).as("writes committed while the backup ran").isPositive();
        try (SqliteChatStore copy = SqliteChatStore.open(backup)) {
            assertThat(copy.admin().checkIntegrity(true).ok()).isTrue();
            for (Message m : before) {
                assertThat(copy.forUser(userOf(m, copy)).messages().get(m.id())).as("acknowledged before the backup: %s", m.id())
                        .isPresent();
            }
            assertThat(copy.admin().schemaVersion()).isEqualTo(report.schemaVersion());
        }
        System.out.println("[reliability] SqliteBackupTest: " + before.size() + " writes before the backup all in it, "
                + duringBackup.get() + " committed while it ran, " + report.bytes() + " bytes in " + report.took().toMillis() + " ms");
    }

    /** The writer whose conversation holds {@code m}. */
    private static String userOf(Message m, SqliteChatStore copy) {
        for (int t = 0; t < WRITERS; t++) {
            if (copy.forUser("writer-" + t).conversations().get(m.conversationId()).isPresent()) {
                return "writer-" + t;
            }
        }
        return "nobody";
    }

    @Test
    void aProcessKilledDuringItsBackupsLeavesThePreviousBackupIntact() throws Exception {
        Path file = dir.resolve("source.db");
        Path target = dir.resolve("kept-backup.db");
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            seed(store, 10_000);
            store.admin().backupTo(target, BackupProgress.NONE);
        }
        Random random = new Random();
        int finishedBackups = 0;
        for (int round = 0; round < 4; round++) {
            Path out = dir.resolve("child-" + round + ".out");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    BackupLoop.class.getName(), file.toString(), target.toString())
                    .redirectOutput(out.toFile()).redirectError(dir.resolve("child-" + round + ".err").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(out).contains("READY") && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(Files.readString(out)).as("the child started").contains("READY");
            Thread.sleep(50 + random.nextInt(400));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            finishedBackups += (int) Files.readString(out).lines().filter(l -> l.startsWith("DONE")).count();
            assertThat(target).as("round %d: a backup under the target name", round).exists();
            try (SqliteChatStore restored = SqliteChatStore.open(restoreOf(target, round))) {
                assertThat(restored.admin().checkIntegrity(true).ok()).as("round %d: the backup is whole", round).isTrue();
                assertThat(restored.admin().statistics().messages()).as("round %d", round).isEqualTo(10_000);
            }
        }
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            store.admin().backupTo(target, BackupProgress.NONE);
        }
        assertThat(dir.toFile().list()).as("the next backup removed what the kills left").noneMatch(n -> n.contains("partial"));
        System.out.println("[reliability] SqliteBackupTest: 4 kills during " + finishedBackups + " completed backups in between");
    }

    /** A copy of the backup to open (opening a file may change it; the backup itself stays as the kill left it). */
    private Path restoreOf(Path backup, int round) {
        Path copy = dir.resolve("opened-" + round + ".db");
        SqliteChatStore.restore(backup, copy, true);
        return copy;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

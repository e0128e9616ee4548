package dev.chatstore.bench;

import dev.chatstore.Appended;
import dev.chatstore.BackupProgress;
import dev.chatstore.NewMessage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends to the {@value BackupFixture#MESSAGES}-message store, with or without online backups of
 * it running back to back on another thread the whole time: what a backup costs the writers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class AppendDuringBackupBenchmark {
    private static final AtomicLong REQUESTS = new AtomicLong();

    @Param({"false", "true"})
    public boolean duringBackup;

    private BackupFixture fixture;
    private Thread backups;
    private final AtomicBoolean stop = new AtomicBoolean();

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.backups();
    }

    @Setup(Level.Iteration)
    public void startBackups() {
        if (!duringBackup) {
            return;
        }
        stop.set(false);
        backups = new Thread(() -> {
            while (!stop.get()) {
                fixture.store.admin().backupTo(fixture.dir.resolve("backup-during-appends.db"), BackupProgress.NONE);
            }
        }, "bench-backups");
        backups.start();
    }

    @TearDown(Level.Iteration)
    public void stopBackups() throws InterruptedException {
        if (backups != null) {
            stop.set(true);
            backups.join();
            backups = null;
        }
    }

    @Benchmark
    public Appended append() {
        long n = REQUESTS.incrementAndGet();
        String conversation = fixture.conversations.get((int) (n % fixture.conversations.size()));
        return fixture.chats.messages().append(conversation, NewMessage.user(Texts.text(n)));
    }
}

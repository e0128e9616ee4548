package dev.chatstore.bench;

import dev.chatstore.Appended;
import dev.chatstore.NewMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending one user message with a {@code client_message_id} to a conversation already holding
 * {@code length} messages, SQLite file, WAL, synchronous NORMAL: chatstore against the same work in
 * plain JDBC ({@link RawJdbcLog}). One operation is one committed transaction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class AppendBenchmark {
    private static final AtomicLong REQUESTS = new AtomicLong();

    /** Messages in the conversation before the append: {@value AppendFixture#SHORT} or {@value AppendFixture#LONG}. */
    @Param({"10", "100000"})
    public int length;

    private AppendFixture fixture;
    private List<AppendFixture.Target> targets;

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.append();
        if (length == AppendFixture.SHORT) {
            targets = fixture.shortOnes;
        } else if (length == AppendFixture.LONG) {
            targets = List.of(fixture.longOne);
        } else {
            throw new IllegalArgumentException("No dataset for length " + length);
        }
    }

    @Benchmark
    public Appended chatstore() {
        long n = REQUESTS.incrementAndGet();
        AppendFixture.Target t = targets.get((int) (n % targets.size()));
        return t.messages().append(t.conversationId(), NewMessage.user(Texts.text(n)).clientMessageId("req-" + n));
    }

    @Benchmark
    public void raw() {
        long n = REQUESTS.incrementAndGet();
        AppendFixture.Target t = targets.get((int) (n % targets.size()));
        fixture.raw.append(t.userId(), t.conversationId(), Texts.text(n), "req-" + n);
    }
}

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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends (one user message with a client message id, one transaction each) to a store with the
 * full-text index and to the same store without it. See {@link IndexAppendFixture}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class IndexAppendBenchmark {
    private static final AtomicLong N = new AtomicLong();

    private IndexAppendFixture fixture;

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.indexAppend();
    }

    @Benchmark
    public Appended withIndex() {
        return append(fixture.withIndexTargets);
    }

    @Benchmark
    public Appended withoutIndex() {
        return append(fixture.withoutIndexTargets);
    }

    private static Appended append(List<AppendFixture.Target> targets) {
        long n = N.incrementAndGet();
        AppendFixture.Target t = targets.get((int) (n % targets.size()));
        return t.messages().append(t.conversationId(), NewMessage.user(Texts.text(n)).clientMessageId("s-" + n));
    }
}

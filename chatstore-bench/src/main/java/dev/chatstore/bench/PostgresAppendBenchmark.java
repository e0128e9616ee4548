package dev.chatstore.bench;

import dev.chatstore.Appended;
import dev.chatstore.Messages;
import dev.chatstore.NewMessage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appending user messages with a {@code client_message_id} on PostgreSQL (embedded server, fsync
 * on, synchronous commit; see {@link PostgresFixture}), each thread to a conversation of its own:
 * one thread against {@value PostgresFixture#WRITERS}; and one thread of the plain-JDBC baseline
 * ({@link RawPostgresLog}) appending to a conversation of its own in the same schema. The score is
 * the total appends per second; one operation is one committed transaction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PostgresAppendBenchmark {
    private static final AtomicLong REQUESTS = new AtomicLong();

    final AtomicInteger nextWriter = new AtomicInteger();
    PostgresFixture fixture;

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.postgres();
    }

    /** One writer thread's conversation, a different one for each thread of a run. */
    @State(Scope.Thread)
    public static class Writer {
        Messages messages;
        String conversationId;

        @Setup(Level.Trial)
        public void pick(PostgresAppendBenchmark benchmark) {
            int i = benchmark.nextWriter.getAndIncrement() % PostgresFixture.WRITERS;
            messages = benchmark.fixture.writers.get(i);
            conversationId = benchmark.fixture.conversations.get(i);
        }
    }

    @Benchmark
    @Threads(1)
    public Appended oneThread(Writer writer) {
        return append(writer);
    }

    @Benchmark
    @Threads(PostgresFixture.WRITERS)
    public Appended sixteenThreads(Writer writer) {
        return append(writer);
    }

    @Benchmark
    @Threads(1)
    public void raw() {
        long n = REQUESTS.incrementAndGet();
        fixture.raw.append(fixture.rawUserId, fixture.rawConversation, Texts.text(n), "req-" + n);
    }

    private static Appended append(Writer writer) {
        long n = REQUESTS.incrementAndGet();
        return writer.messages.append(writer.conversationId, NewMessage.user(Texts.text(n)).clientMessageId("req-" + n));
    }
}

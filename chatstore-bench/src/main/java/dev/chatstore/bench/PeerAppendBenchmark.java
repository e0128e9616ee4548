package dev.chatstore.bench;

import dev.chatstore.Appended;
import dev.chatstore.NewMessage;
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
 * Appending one user message to a conversation of {@value PeerFixture#LENGTH} messages, SQLite
 * file, WAL, synchronous NORMAL: chatstore (with a {@code client_message_id}) against Spring AI's
 * and LangChain4j's chat memories keeping the whole history.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PeerAppendBenchmark {
    private static final AtomicLong REQUESTS = new AtomicLong();

    private PeerFixture fixture;

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.peers();
    }

    @Benchmark
    public Appended chatstore() {
        long n = REQUESTS.incrementAndGet();
        AppendFixture.Target t = fixture.chatstoreConversations.get((int) (n % PeerFixture.CHATSTORE_POOL));
        return t.messages().append(t.conversationId(), NewMessage.user(Texts.text(n)).clientMessageId("req-" + n));
    }

    @Benchmark
    public void springAi() {
        long n = REQUESTS.incrementAndGet();
        fixture.springAi.add(fixture.springAiConversations.get((int) (n % PeerFixture.PEER_POOL)), Texts.text(n));
    }

    @Benchmark
    public void langChain4j() {
        long n = REQUESTS.incrementAndGet();
        fixture.langChain4j.add(fixture.langChain4jMemories.get((int) (n % PeerFixture.PEER_POOL)), Texts.text(n));
    }
}

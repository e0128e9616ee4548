package dev.chatstore.bench;

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
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * One turn of an LLM loop through a framework's {@code MessageWindowChatMemory}: the user's
 * message is added, then the model's answer (two adds, as Spring AI's memory advisor and
 * LangChain4j's AI Services do), with a window of {@code window} messages. The chatstore adapters
 * keep the whole history; the peers keep the window only. See {@link MemoryFixture}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class MemoryTurnBenchmark {
    private static final AtomicLong TURNS = new AtomicLong();

    @Param({"20", "1000"})
    public int window;

    private MemoryFixture fixture;

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.memory(window);
    }

    @Benchmark
    public void springAiAdapter() {
        long n = TURNS.incrementAndGet();
        String id = fixture.springAdapterIds.get((int) (n % MemoryFixture.CONVERSATIONS));
        fixture.springAdapter.add(id, new UserMessage(Texts.text(n)));
        fixture.springAdapter.add(id, new AssistantMessage(Texts.text(n + 1)));
    }

    @Benchmark
    public void springAiJdbc() {
        long n = TURNS.incrementAndGet();
        String id = fixture.springPeerIds.get((int) (n % MemoryFixture.CONVERSATIONS));
        fixture.springPeer.turn(id, Texts.text(n), Texts.text(n + 1));
    }

    @Benchmark
    public void langChain4jAdapter() {
        long n = TURNS.incrementAndGet();
        MemoryFixture.langChainTurn(fixture.langChainAdapter.get((int) (n % MemoryFixture.CONVERSATIONS)), n);
    }

    @Benchmark
    public void langChain4jJson() {
        long n = TURNS.incrementAndGet();
        MemoryFixture.langChainTurn(fixture.langChainPeer.get((int) (n % MemoryFixture.CONVERSATIONS)), n);
    }
}

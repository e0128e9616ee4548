package dev.chatstore.bench;

import dev.chatstore.Message;
import dev.chatstore.Messages;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.postgres.ReadStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * History pages on PostgreSQL with {@value ReplicaFixture#USERS} threads, read through a store with one streaming
 * replica and through a store on the primary only (same schema, same data; see {@link ReplicaFixture}). Each thread
 * is one user paging through its own conversation of {@value ReplicaFixture#MESSAGES} messages newest first,
 * {@value ReplicaFixture#PAGE} messages a page: the first page, then the next by cursor, and again from the top. The
 * score is pages per second over all threads. No writes run: before each iteration the replica is waited for until
 * it has replayed the primary's insert position, and every page must hold {@value ReplicaFixture#PAGE} messages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ReplicaReadBenchmark {
    final AtomicInteger nextReader = new AtomicInteger();
    ReplicaFixture fixture;
    private ReadStats before;
    private double catchUpMs;

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.replicas();
    }

    @Setup(Level.Iteration)
    public void caughtUp() {
        catchUpMs = fixture.awaitCaughtUp(Duration.ofSeconds(30));
        fixture.resetCounts();
        before = fixture.withReplica.readStats();
    }

    /** Where the measured iteration's reads went (the store with the replica: nearly all to it), and its checks. */
    @TearDown(Level.Iteration)
    public void record(BenchmarkParams benchmark, IterationParams iteration) {
        if (iteration.getType() != IterationType.MEASUREMENT) {
            return;
        }
        ReadStats after = fixture.withReplica.readStats();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("catch_up_wait_ms", catchUpMs);
        run.put("pages", fixture.readOps.sum());
        run.put("messages", fixture.readMessages.sum());
        run.put("short_pages", fixture.shortPages.sum());
        run.put("replica_store_primary_reads", after.primary() - before.primary());
        run.put("replica_store_replica_reads", after.replica() - before.replica());
        String method = benchmark.getBenchmark().substring(benchmark.getBenchmark().lastIndexOf('.') + 1);
        fixture.recordRun(method, run);
    }

    /** One thread's user, its conversation in both stores, and where its paging is. */
    @State(Scope.Thread)
    public static class Reader {
        Messages onReplica;
        Messages onPrimary;
        String conversationId;
        String cursor;

        @Setup(Level.Trial)
        public void pick(ReplicaReadBenchmark benchmark) {
            int i = benchmark.nextReader.getAndIncrement() % ReplicaFixture.USERS;
            onReplica = benchmark.fixture.messagesOf(benchmark.fixture.withReplica, i);
            onPrimary = benchmark.fixture.messagesOf(benchmark.fixture.primaryOnly, i);
            conversationId = benchmark.fixture.conversations.get(i);
        }
    }

    @Benchmark
    @Threads(ReplicaFixture.USERS)
    public Page<Message> withReplica(Reader reader) {
        return page(reader, reader.onReplica);
    }

    @Benchmark
    @Threads(ReplicaFixture.USERS)
    public Page<Message> primaryOnly(Reader reader) {
        return page(reader, reader.onPrimary);
    }

    private Page<Message> page(Reader reader, Messages messages) {
        Page<Message> page = reader.cursor == null
                ? messages.newestFirst(reader.conversationId, PageRequest.first(ReplicaFixture.PAGE))
                : messages.newestFirst(reader.conversationId, PageRequest.at(reader.cursor, ReplicaFixture.PAGE));
        reader.cursor = page.hasNext() ? page.nextCursor() : null;
        int n = page.items().size();
        fixture.readOps.increment();
        fixture.readMessages.add(n);
        if (n != ReplicaFixture.PAGE) {
            fixture.shortPages.increment();
        }
        return page;
    }
}

package dev.chatstore.bench;

import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Top-{@value AnnFixture#K} search over one user's {@value AnnFixture#VECTORS}
 * {@value AnnFixture#DIMENSION}-dimensional vectors through chatstore: exact (every vector scored,
 * from the store's in-memory copy) and approximate (the store's HNSW index, its candidates read and
 * scored). Each call uses the next of {@value AnnFixture#QUERIES} query vectors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class AnnBenchmark {
    private AnnFixture fixture;
    private int next;

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.ann();
    }

    private float[] nextQuery() {
        next = (next + 1) % AnnFixture.QUERIES;
        return fixture.queries[next];
    }

    @Benchmark
    public List<VectorHit> exact() {
        return fixture.embeddings.nearest(VectorQuery.of(AnnFixture.MODEL, nextQuery(), AnnFixture.K));
    }

    @Benchmark
    public List<VectorHit> approximate() {
        return fixture.embeddings.nearest(VectorQuery.of(AnnFixture.MODEL, nextQuery(), AnnFixture.K).approximate());
    }
}

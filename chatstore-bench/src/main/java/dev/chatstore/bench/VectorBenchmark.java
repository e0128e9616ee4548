package dev.chatstore.bench;

import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
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
 * Exact top-{@value VectorFixture#K} search over one user's {@value VectorFixture#VECTORS}
 * {@value VectorFixture#DIMENSION}-dimensional vectors: through chatstore ({@code nearest}, which
 * reads the model's version from SQLite and scores its in-memory copy of the vectors, loaded by the
 * first search and by the first after a write), and as a plain Java scan of the same
 * vectors already in memory with their norms precomputed (the same cosine arithmetic and the
 * same bounded heap), so the ratio is what storage costs. Each call uses the next of
 * {@value VectorFixture#QUERIES} query vectors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class VectorBenchmark {
    private VectorFixture fixture;
    private int next;

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.vectors();
    }

    private float[] nextQuery() {
        next = (next + 1) % VectorFixture.QUERIES;
        return fixture.queries[next];
    }

    @Benchmark
    public List<VectorHit> chatstore() {
        return fixture.embeddings.nearest(VectorQuery.of(VectorFixture.MODEL, nextQuery(), VectorFixture.K));
    }

    /** A scored vector of the in-memory scan. */
    record Scored(double score, String id) {
    }

    private static final Comparator<Scored> RANK = Comparator.comparingDouble(Scored::score).reversed()
            .thenComparing(Scored::id);

    @Benchmark
    public List<Scored> inMemoryScan() {
        float[] q = nextQuery();
        double queryNorm = Math.sqrt(dot(q, q));
        PriorityQueue<Scored> best = new PriorityQueue<>(VectorFixture.K + 1, RANK.reversed());
        float[][] vectors = fixture.vectors;
        for (int i = 0; i < vectors.length; i++) {
            double score = dot(q, vectors[i]) / (queryNorm * fixture.norms[i]);
            if (best.size() == VectorFixture.K && score < best.peek().score()) {
                continue;
            }
            Scored s = new Scored(score, fixture.ids[i]);
            if (best.size() < VectorFixture.K) {
                best.add(s);
            } else if (RANK.compare(s, best.peek()) < 0) {
                best.poll();
                best.add(s);
            }
        }
        List<Scored> ranked = new ArrayList<>(best);
        ranked.sort(RANK);
        return ranked;
    }

    /** The dot product in double with four running sums, as chatstore computes it. */
    private static double dot(float[] a, float[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) a[i] * b[i];
            s1 += (double) a[i + 1] * b[i + 1];
            s2 += (double) a[i + 2] * b[i + 2];
            s3 += (double) a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}

package dev.chatstore.bench;

import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SearchHit;
import dev.chatstore.TextQuery;
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
 * Full-text search over {@value SearchFixture#USERS} users' {@value SearchFixture#PER_USER} messages
 * each, scoped to one user (round robin): chatstore's {@code search().text} (messages only, first
 * page of 20) against the same FTS5 query in plain JDBC. See {@link SearchFixture}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SearchBenchmark {
    private static final AtomicLong N = new AtomicLong();
    private static final TextQuery QUERY = TextQuery.of(SearchFixture.QUERY).onlyKinds(SearchHit.Kind.MESSAGE);
    /** The FTS5 expression chatstore renders for {@link SearchFixture#QUERY}. */
    private static final String MATCH = "(\"market\") AND (\"v7\")";

    private SearchFixture fixture;

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.search();
    }

    @Benchmark
    public Page<SearchHit> chatstore() {
        String user = fixture.users.get((int) (N.incrementAndGet() % fixture.users.size()));
        return fixture.store.forUser(user).search().text(QUERY, PageRequest.first(20));
    }

    @Benchmark
    public List<String> raw() {
        String user = fixture.users.get((int) (N.incrementAndGet() % fixture.users.size()));
        return fixture.rawSearch(user, MATCH);
    }
}

package dev.chatstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The comparison suite: runs the JMH benchmarks of this module side by side and writes
 * {@code bench-summary.json} (one flat object of the named figures), {@code bench-details.json}
 * (every score of every round, the machine, the PostgreSQL settings) and {@code bench-table.md},
 * and prints the table.
 *
 * <p>Every ratio compares two sides measured in the same JVM, in alternating rounds (A B, then
 * B A, …) after one discarded warm-up round; each round yields one ratio and the figure is the
 * median of the rounds, so drift and machine noise hit both sides alike. JMH runs in this JVM
 * ({@code forks(0)}) so that the datasets, built once (see {@link Fixtures}), and the JIT's work
 * carry over from round to round; each JMH run is one warm-up and one measured iteration.
 *
 * <p>Usage: {@code BenchSuite <output directory>}; system properties {@code bench.rounds} (default 7)
 * and {@code bench.importRounds} (default 3) trade time for precision, and {@code bench.sections}
 * (comma-separated, default all) runs only the named sections: {@code append_vs_raw},
 * {@code append_vs_peers}, {@code chat_memory}, {@code reads}, {@code search}, {@code append_index},
 * {@code vectors}, {@code ann}, {@code backup}, {@code import}, {@code postgres}, {@code replicas}, {@code export},
 * {@code transfer}; the others' figures are then null. {@code bench.transferUsers} (default 100, of 10,000 messages
 * each), {@code bench.transferRounds} (default 3) and {@code bench.transferWarmUp} (default true: the copy's
 * discarded warm-up round) size the {@code transfer} section. Exits with status 1 if any part failed; its figures are then null, never estimated.
 */
public final class BenchSuite {
    private static final TimeValue WARMUP = TimeValue.milliseconds(300);
    private static final TimeValue MEASUREMENT = TimeValue.seconds(1);
    /** The discarded first round warms each side up this long, so the JIT has compiled every path. */
    private static final TimeValue WARM_UP_ROUND = TimeValue.seconds(2);
    private static final TimeValue PG_WARMUP = TimeValue.milliseconds(500);
    private static final TimeValue PG_MEASUREMENT = TimeValue.milliseconds(1500);

    private final int rounds = Integer.getInteger("bench.rounds", 7);
    private final int importRounds = Integer.getInteger("bench.importRounds", 3);
    /** The sections to run (all if empty): {@code -Dbench.sections=search,append_index}. */
    private final List<String> sections = Arrays.stream(System.getProperty("bench.sections", "").split(","))
            .map(String::trim).filter(n -> !n.isEmpty()).toList();
    private final Path out;
    private final Map<String, Object> summary = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final long started = System.nanoTime();

    private BenchSuite(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target").toAbsolutePath();
        Path data = out.resolve("bench-data");
        deleteRecursively(data);
        Files.createDirectories(data);
        System.setProperty(Fixtures.DIR_PROPERTY, data.toString());
        BenchSuite suite = new BenchSuite(out);
        suite.run();
        deleteRecursively(data);
        if (!suite.failures.isEmpty()) {
            System.exit(1);
        }
    }

    private void run() throws IOException {
        details.put("machine", Machine.describe());
        details.put("sections", sections.isEmpty() ? "all" : sections);
        details.put("method", "JMH " + org.openjdk.jmh.util.Version.getPlainVersion() + " in-process (forks=0); "
                + rounds + " alternating rounds of one " + WARMUP + " warm-up and one " + MEASUREMENT
                + " measured iteration per side after one discarded warm-up round (" + WARM_UP_ROUND + " warm-up); figure = median of the per-round ratios");
        section("append_vs_raw", this::appendVsRaw);
        section("append_vs_peers", this::appendVsPeers);
        section("chat_memory", this::chatMemory);
        section("reads", this::reads);
        section("search", this::search);
        section("append_index", this::appendIndex);
        section("vectors", this::vectors);
        section("ann", this::ann);
        section("backup", this::backup);
        section("import", this::imports);
        section("open", this::open);
        section("postgres", this::postgres);
        section("replicas", this::replicas);
        section("export", this::export);
        section("transfer", this::transfer);
        Fixtures.closeAll();
        details.put("load_average_end", Machine.loadAverage());
        details.put("total_seconds", seconds());
        write();
    }

    private interface Section {
        void run() throws Exception;
    }

    private void section(String name, Section section) {
        if (!sections.isEmpty() && !sections.contains(name)) {
            return;
        }
        long start = System.nanoTime();
        log("== " + name);
        try {
            section.run();
        } catch (Exception | Error e) {
            failures.add(name + ": " + e);
            details.put(name + "_error", String.valueOf(e));
            log("!! " + name + " failed: " + e);
            e.printStackTrace(System.out);
        } finally {
            details.put(name + "_seconds", (System.nanoTime() - start) / 1e9);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private void appendVsRaw() throws RunnerException {
        long t = System.nanoTime();
        AppendFixture fixture = Fixtures.append();
        details.put("append_dataset_seconds", (System.nanoTime() - t) / 1e9);
        List<Config> configs = List.of(
                new Config("chatstore L=10", AppendBenchmark.class, "chatstore", Map.of("length", "10")),
                new Config("raw L=10", AppendBenchmark.class, "raw", Map.of("length", "10")),
                new Config("chatstore L=100000", AppendBenchmark.class, "chatstore", Map.of("length", "100000")),
                new Config("raw L=100000", AppendBenchmark.class, "raw", Map.of("length", "100000")));
        double[][] s = alternate("append", configs, rounds, WARMUP, MEASUREMENT, true);
        details.put("append_ops_per_s", scores(configs, s));
        details.put("append_conversation_lengths_after", fixture.lengths());
        details.put("append_raw_equivalence", "checked: the same append through both sides leaves the same rows (ids, clocks and hash values aside)");
        String basis = "SQLite file, WAL, synchronous NORMAL; one transaction per message";
        ratioFigure("append_vs_raw_L10", ratios(s[0], s[1]), Target.atLeast(0.9),
                opsBasis("chatstore", s[0], "raw JDBC", s[1]) + "; " + basis);
        ratioFigure("append_vs_raw_L100000", ratios(s[2], s[3]), Target.atLeast(0.9),
                opsBasis("chatstore", s[2], "raw JDBC", s[3]));
        ratioFigure("append_flatness", ratios(s[2], s[0]), Target.atLeast(0.8),
                opsBasis("chatstore L=100000", s[2], "L=10", s[0]));
        Fixtures.closeAppend();
    }

    private void appendVsPeers() throws RunnerException {
        long t = System.nanoTime();
        PeerFixture fixture = Fixtures.peers();
        details.put("peers_dataset_seconds", (System.nanoTime() - t) / 1e9);
        List<Config> configs = List.of(
                new Config("chatstore L=1000", PeerAppendBenchmark.class, "chatstore", Map.of()),
                new Config("Spring AI L=1000", PeerAppendBenchmark.class, "springAi", Map.of()),
                new Config("LangChain4j L=1000", PeerAppendBenchmark.class, "langChain4j", Map.of()));
        double[][] s = alternate("peers", configs, rounds, WARMUP, MEASUREMENT, true);
        details.put("peers_ops_per_s", scores(configs, s));
        long[] lengths = fixture.lengths();
        details.put("peers_longest_conversation_after", Map.of("chatstore", lengths[0], "spring_ai", lengths[1],
                "langchain4j", lengths[2]));
        ratioFigure("append_vs_springai_L1000", ratios(s[0], s[1]), Target.atLeast(20),
                opsBasis("chatstore", s[0], "Spring AI JdbcChatMemoryRepository", s[1]));
        ratioFigure("append_vs_langchain4j_L1000", ratios(s[0], s[2]), Target.atLeast(20),
                opsBasis("chatstore", s[0], "LangChain4j JSON row", s[2]));
        Fixtures.closePeers();
    }

    private void chatMemory() throws RunnerException {
        for (int window : new int[] {20, 1000}) {
            long t = System.nanoTime();
            MemoryFixture fixture = Fixtures.memory(window);
            details.put("memory_w" + window + "_dataset_seconds", (System.nanoTime() - t) / 1e9);
            Map<String, String> params = Map.of("window", Integer.toString(window));
            List<Config> configs = List.of(
                    new Config("Spring AI adapter w=" + window, MemoryTurnBenchmark.class, "springAiAdapter", params),
                    new Config("Spring AI JDBC w=" + window, MemoryTurnBenchmark.class, "springAiJdbc", params),
                    new Config("LangChain4j adapter w=" + window, MemoryTurnBenchmark.class, "langChain4jAdapter", params),
                    new Config("LangChain4j JSON w=" + window, MemoryTurnBenchmark.class, "langChain4jJson", params));
            double[][] s = alternate("memory w=" + window, configs, rounds, WARMUP, MEASUREMENT, true);
            details.put("memory_w" + window + "_turns_per_s", scores(configs, s));
            details.put("memory_w" + window + "_windows_after", fixture.windows());
            String basis = "MessageWindowChatMemory, window " + window + ", one turn = user message + answer; "
                    + MemoryFixture.CONVERSATIONS + " conversations round robin, the adapters' holding "
                    + MemoryFixture.HISTORY_TURNS + " turns of history; SQLite file, WAL, synchronous NORMAL";
            ratioFigure("springai_adapter_vs_jdbc_w" + window, ratios(s[0], s[1]),
                    Target.atLeast(window >= 1000 ? 20 : 3),
                    opsBasis("chatstore adapter", s[0], "Spring AI JdbcChatMemoryRepository", s[1]) + "; " + basis);
            ratioFigure("langchain4j_adapter_vs_json_w" + window, ratios(s[2], s[3]),
                    Target.atLeast(window >= 1000 ? 20 : 3),
                    opsBasis("chatstore adapter", s[2], "LangChain4j JSON-row store", s[3]));
        }
        Fixtures.closeMemories();
    }

    private void search() throws RunnerException {
        long t = System.nanoTime();
        SearchFixture fixture = Fixtures.search();
        details.put("search_dataset_seconds", (System.nanoTime() - t) / 1e9);
        String user = fixture.users.get(0);
        List<String> chatstoreIds = fixture.store.forUser(user).search()
                .text(dev.chatstore.TextQuery.of(SearchFixture.QUERY).onlyKinds(dev.chatstore.SearchHit.Kind.MESSAGE),
                        dev.chatstore.PageRequest.first(20))
                .items().stream().map(dev.chatstore.SearchHit::id).toList();
        List<String> rawIds = fixture.rawSearch(user, "(\"market\") AND (\"v7\")");
        if (chatstoreIds.isEmpty() || !chatstoreIds.equals(rawIds)) {
            throw new IllegalStateException("chatstore and the raw query find different hits: " + chatstoreIds + " vs " + rawIds);
        }
        details.put("search_hits_per_query", chatstoreIds.size());
        List<Config> queries = List.of(
                new Config("chatstore search", SearchBenchmark.class, "chatstore", Map.of()),
                new Config("raw FTS5 query", SearchBenchmark.class, "raw", Map.of()));
        double[][] q = alternate("search", queries, rounds, WARMUP, MEASUREMENT, true);
        details.put("search_queries_per_s", scores(queries, q));
        ratioFigure("fts_vs_raw", ratios(q[0], q[1]), Target.atLeast(0.8),
                opsBasis("chatstore", q[0], "plain JDBC FTS5", q[1]) + "; \"" + SearchFixture.QUERY + "\" over "
                        + SearchFixture.USERS + " users x " + SearchFixture.PER_USER + " messages, one user's first 20 hits");
        Fixtures.closeSearch();
    }

    private void appendIndex() throws RunnerException {
        IndexAppendFixture fixture = Fixtures.indexAppend();
        details.put("append_index_baseline_dropped", fixture.dropped);
        List<Config> appends = List.of(
                new Config("append with index", IndexAppendBenchmark.class, "withIndex", Map.of()),
                new Config("append without index", IndexAppendBenchmark.class, "withoutIndex", Map.of()));
        double[][] a = alternate("append index", appends, rounds, WARMUP, MEASUREMENT, true);
        details.put("append_index_ops_per_s", scores(appends, a));
        ratioFigure("append_with_fts_vs_without", ratios(a[0], a[1]), Target.atLeast(0.8),
                opsBasis("with the full-text index", a[0], "the same schema without its FTS5 tables and triggers", a[1])
                        + "; one message per transaction, SQLite file, WAL, synchronous NORMAL");
        Fixtures.closeIndexAppend();
    }

    private void reads() throws RunnerException {
        long t = System.nanoTime();
        Fixtures.reads();
        details.put("reads_dataset_seconds", (System.nanoTime() - t) / 1e9);
        List<Config> pages = List.of(
                new Config("oldest message page", ReadBenchmark.class, "oldestMessages", Map.of()),
                new Config("newest message page", ReadBenchmark.class, "newestMessages", Map.of()));
        double[][] p = alternate("pages", pages, rounds, WARMUP, MEASUREMENT, true);
        details.put("page_us_per_read", scores(pages, p));
        ratioFigure("page_deep_vs_shallow", ratios(p[0], p[1]), Target.atMost(1.5),
                timeBasis("oldest 50 of 100000", p[0], "newest 50", p[1]));
        List<Config> lists = List.of(
                new Config("oldest conversation page", ReadBenchmark.class, "oldestConversations", Map.of()),
                new Config("newest conversation page", ReadBenchmark.class, "newestConversations", Map.of()));
        double[][] l = alternate("lists", lists, rounds, WARMUP, MEASUREMENT, true);
        details.put("list_us_per_read", scores(lists, l));
        ratioFigure("list_deep_vs_shallow", ratios(l[0], l[1]), Target.atMost(1.5),
                timeBasis("oldest 20 of 10000", l[0], "newest 20", l[1]));
        List<Config> windows = List.of(
                new Config("window of 100000 messages", ReadBenchmark.class, "windowOfLongConversation", Map.of()),
                new Config("window of 100 messages", ReadBenchmark.class, "windowOfShortConversation", Map.of()));
        double[][] w = alternate("windows", windows, rounds, WARMUP, MEASUREMENT, true);
        details.put("window_us_per_read", scores(windows, w));
        ratioFigure("window_read_100k_vs_100", ratios(w[0], w[1]), Target.atMost(1.5),
                timeBasis("promptWindow(last " + ReadFixture.WINDOW + ") of 100000 messages", w[0], "of 100", w[1]));
        Fixtures.closeReads();
    }

    private void vectors() throws RunnerException {
        long t = System.nanoTime();
        Fixtures.vectors();
        details.put("vectors_dataset_seconds", (System.nanoTime() - t) / 1e9);
        List<Config> configs = List.of(
                new Config("chatstore nearest", VectorBenchmark.class, "chatstore", Map.of()),
                new Config("in-memory scan", VectorBenchmark.class, "inMemoryScan", Map.of()));
        double[][] s = alternate("vectors", configs, rounds, WARMUP, MEASUREMENT, true);
        details.put("vector_us_per_search", scores(configs, s));
        ratioFigure("vector_exact_vs_inmemory_scan", ratios(s[0], s[1]), Target.atMost(2),
                timeBasis("nearest (top " + VectorFixture.K + " of " + VectorFixture.VECTORS + " vectors of "
                        + VectorFixture.DIMENSION + " dimensions, SQLite)", s[0], "the same scan in memory", s[1]));
        Fixtures.closeVectors();
    }

    private void ann() throws RunnerException {
        long t = System.nanoTime();
        AnnFixture fixture = Fixtures.ann();
        details.put("ann_dataset_seconds", (System.nanoTime() - t) / 1e9);
        details.put("ann_index_build_seconds", fixture.buildSeconds);
        String data = AnnFixture.VECTORS + " vectors of " + AnnFixture.DIMENSION + " dimensions in " + AnnFixture.CLUSTERS
                + " Gaussian clusters, SQLite";
        figure("ann_recall_at10", fixture.recallAt10(), Target.atLeast(0.95),
                "share of the exact top " + AnnFixture.K + " in the approximate top " + AnnFixture.K + ", mean over "
                        + AnnFixture.QUERIES + " queries; " + data + "; index built in "
                        + Json.number(fixture.buildSeconds) + " s");
        List<Config> configs = List.of(
                new Config("exact nearest", AnnBenchmark.class, "exact", Map.of()),
                new Config("approximate nearest", AnnBenchmark.class, "approximate", Map.of()));
        double[][] s = alternate("ann", configs, rounds, WARMUP, MEASUREMENT, true);
        details.put("ann_us_per_search", scores(configs, s));
        ratioFigure("ann_vs_exact_speedup", ratios(s[0], s[1]), Target.atLeast(10),
                timeBasis("exact top " + AnnFixture.K, s[0], "approximate", s[1]) + "; " + data
                        + "; exact scores the store's in-memory copy of the vectors");
        Fixtures.closeAnn();
    }

    private void backup() throws RunnerException {
        long t = System.nanoTime();
        BackupFixture fixture = Fixtures.backups();
        details.put("backup_dataset_seconds", (System.nanoTime() - t) / 1e9);
        String data = BackupFixture.MESSAGES + " messages with their full-text index, SQLite file of "
                + Json.number(fixture.file.toFile().length() / 1e6) + " MB";
        List<Config> copies = List.of(
                new Config("chatstore backupTo", BackupBenchmark.class, "chatstoreBackup", Map.of()),
                new Config("VACUUM INTO", BackupBenchmark.class, "vacuumInto", Map.of()));
        double[][] s = alternate("backup", copies, rounds, WARMUP, MEASUREMENT, true);
        details.put("backup_ms_per_copy", scores(copies, s));
        ratioFigure("backup_vs_vacuum_into", ratios(s[1], s[0]), Target.atLeast(0.8),
                timeBasis("VACUUM INTO", s[1], "backupTo (copy, integrity_check, sync, rename)", s[0])
                        .replace("µs", "ms") + "; " + data + "; throughput ratio (time of VACUUM INTO / time of backupTo)");
        List<Config> appends = List.of(
                new Config("append during backups", AppendDuringBackupBenchmark.class, "append", Map.of("duringBackup", "true")),
                new Config("append alone", AppendDuringBackupBenchmark.class, "append", Map.of("duringBackup", "false")));
        double[][] a = alternate("append_during_backup", appends, rounds, WARMUP, MEASUREMENT, true);
        details.put("append_during_backup_ops_per_s", scores(appends, a));
        ratioFigure("append_during_backup", ratios(a[0], a[1]), Target.atLeast(0.5),
                opsBasis("appends while backups run back to back", a[0], "appends alone", a[1]) + "; " + data);
        Fixtures.closeBackups();
    }

    private void imports() throws RunnerException {
        List<Config> configs = List.of(
                new Config("raw JDBC import", ImportBenchmark.class, "raw", Map.of()),
                new Config("chatstore import", ImportBenchmark.class, "chatstore", Map.of()));
        double[][] s = alternate("import", configs, importRounds, null, null, false);
        details.put("import_seconds_per_1m", scores(configs, s));
        double chatstoreSeconds = median(s[1]);
        ratioFigure("import_vs_raw", ratios(s[0], s[1]), Target.atLeast(0.9),
                String.format("chatstore appendAll %s msgs/s vs raw JDBC batch %s msgs/s; 100 batches of 10000, one transaction each",
                        Json.number(ImportBenchmark.TOTAL / chatstoreSeconds), Json.number(ImportBenchmark.TOTAL / median(s[0]))));
        figure("import_msgs_per_s", ImportBenchmark.TOTAL / chatstoreSeconds, Target.none(),
                "chatstore, 1,000,000 messages into a fresh SQLite file");
    }

    private void open() throws RunnerException {
        List<Config> configs = List.of(
                new Config("chatstore in-memory open", OpenBenchmark.class, "chatstore", Map.of()),
                new Config("raw in-memory migration SQL", OpenBenchmark.class, "raw", Map.of()));
        double[][] s = alternate("open", configs, rounds, WARMUP, MEASUREMENT, true);
        details.put("open_ops_per_s", scores(configs, s));
        // Time per open is the inverse of opens per second: raw's rate over chatstore's is chatstore's time over raw's.
        ratioFigure("inmemory_open_vs_raw", ratios(s[1], s[0]), Target.atMost(2),
                String.format("chatstore %s ms vs raw %s ms per open+close of a fresh in-memory database; raw is a plain"
                                + " sqlite-jdbc connection running the %d statements of the SQLite migrations",
                        Json.number(1000 / median(s[0])), Json.number(1000 / median(s[1])),
                        OpenBenchmark.migrationStatements().size()));
    }

    private void postgres() throws RunnerException {
        long t = System.nanoTime();
        PostgresFixture fixture = Fixtures.postgres();
        details.put("postgres_start_seconds", (System.nanoTime() - t) / 1e9);
        Map<String, String> settings = fixture.settings();
        details.put("postgres_settings", settings);
        List<Config> configs = List.of(
                new Config("PostgreSQL 16 threads", PostgresAppendBenchmark.class, "sixteenThreads", Map.of()),
                new Config("PostgreSQL 1 thread", PostgresAppendBenchmark.class, "oneThread", Map.of()),
                new Config("PostgreSQL raw JDBC 1 thread", PostgresAppendBenchmark.class, "raw", Map.of()));
        double[][] s = alternate("postgres", configs, Math.max(3, rounds - 2), PG_WARMUP, PG_MEASUREMENT, true);
        details.put("postgres_ops_per_s", scores(configs, s));
        details.put("pg_append_raw_equivalence", "checked: " + PostgresFixture.PROBE_APPENDS + " appends and a retry through"
                + " both sides leave the same rows (ids, owners, clocks and hash values aside) and keep the append invariants");
        String server = "embedded PostgreSQL " + settings.get("server_version") + " with fsync=" + settings.get("fsync")
                + ", synchronous_commit=" + settings.get("synchronous_commit");
        ratioFigure("pg_append_threads16_vs_1", ratios(s[0], s[1]), Target.atLeast(1.5),
                opsBasis("16 threads", s[0], "1 thread", s[1]) + "; " + server + ", pool of " + PostgresFixture.POOL);
        ratioFigure("pg_append_vs_raw", ratios(s[1], s[2]), Target.atLeast(0.8),
                opsBasis("chatstore", s[1], "raw JDBC", s[2]) + "; " + server
                        + "; one thread, one transaction per message, same schema, a conversation each");
        Fixtures.closePostgres();
    }

    /**
     * Read replicas on PostgreSQL (issue 14), section {@code replicas}: a durable primary and one streaming replica
     * on this machine (see {@link ReplicaFixture}). First history pages with 16 threads and no writes, through a store
     * with the replica against a store on the primary only, in alternating JMH rounds, the replica caught up before
     * each iteration ({@link ReplicaReadBenchmark}). Then the same reads under a write load ({@link ReplicaWriteLoad}:
     * 4 writers, 12 readers), both stores in alternating rounds, the replica caught up before each: the share of the
     * reads the replica served (the store's {@code ReadStats}) and the reads per second. Both servers share the
     * machine's cores, so the figures are reported, without targets.
     */
    private void replicas() throws Exception {
        long t = System.nanoTime();
        ReplicaFixture fixture = Fixtures.replicas();
        details.put("replicas_start_seconds", (System.nanoTime() - t) / 1e9);
        Map<String, String> settings = fixture.settings();
        details.put("replicas_settings", settings);
        int replicaRounds = Math.max(3, rounds - 2);
        List<Config> configs = List.of(
                new Config("with replica 16 threads", ReplicaReadBenchmark.class, "withReplica", Map.of()),
                new Config("primary only 16 threads", ReplicaReadBenchmark.class, "primaryOnly", Map.of()));
        double[][] s = alternate("replicas", configs, replicaRounds, PG_WARMUP, PG_MEASUREMENT, true);
        details.put("replicas_pages_per_s", scores(configs, s));
        details.put("replicas_read_only_runs", fixture.runs);
        long shortPages = 0;
        long replicaReads = 0;
        long primaryReads = 0;
        for (Map<String, Object> run : fixture.runs.getOrDefault("withReplica", List.of())) {
            shortPages += (Long) run.get("short_pages");
            replicaReads += (Long) run.get("replica_store_replica_reads");
            primaryReads += (Long) run.get("replica_store_primary_reads");
        }
        for (Map<String, Object> run : fixture.runs.getOrDefault("primaryOnly", List.of())) {
            shortPages += (Long) run.get("short_pages");
        }
        if (shortPages != 0) {
            throw new IllegalStateException(shortPages + " pages held fewer than " + ReplicaFixture.PAGE + " messages");
        }
        double readOnlyShare = replicaReads + primaryReads == 0 ? 0 : (double) replicaReads / (replicaReads + primaryReads);
        details.put("replicas_read_only_replica_share", readOnlyShare);
        String servers = "embedded PostgreSQL " + settings.get("primary.server_version") + " primary (fsync="
                + settings.get("primary.fsync") + ", synchronous_commit=" + settings.get("primary.synchronous_commit")
                + ") and one streaming replica on the same " + Runtime.getRuntime().availableProcessors()
                + " cores, pools of " + ReplicaFixture.POOL;
        String data = ReplicaFixture.USERS + " users x " + ReplicaFixture.MESSAGES + " messages, pages of "
                + ReplicaFixture.PAGE + " newest first by cursor";
        ratioFigure("replica_read_vs_primary_only", ratios(s[0], s[1]), Target.none(),
                opsBasis("with replica", s[0], "primary only", s[1]).replace("/s", " pages/s") + "; 16 threads, no writes, "
                        + data + ", replica caught up before each iteration, "
                        + String.format("%.3f", readOnlyShare) + " of its reads on the replica; " + servers);

        // The write load: both stores, alternating, after one discarded warm-up run each.
        long warmUpMillis = 1_000;
        long measureMillis = 4_000;
        List<Map<String, Object>> loadRuns = new ArrayList<>();
        double[] replicaReadsPerSecond = new double[replicaRounds];
        double[] primaryReadsPerSecond = new double[replicaRounds];
        long loadReplica = 0;
        long loadPrimary = 0;
        double[] shares = new double[replicaRounds];
        for (int r = -1; r < replicaRounds; r++) {
            for (int k = 0; k < 2; k++) {
                boolean withReplica = (Math.floorMod(r, 2) == 0) == (k == 0);
                double waited = fixture.awaitCaughtUp(java.time.Duration.ofSeconds(60));
                ReplicaWriteLoad.Result result = ReplicaWriteLoad.run(fixture,
                        withReplica ? fixture.withReplica : fixture.primaryOnly, warmUpMillis, measureMillis);
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("round", r < 0 ? "warm-up" : Integer.toString(r + 1));
                run.put("store", withReplica ? "with replica" : "primary only");
                run.put("catch_up_wait_ms", waited);
                run.putAll(result.toMap());
                loadRuns.add(run);
                log(String.format("   [replicas] %s  %-26s %s reads/s, %s writes/s, replica share %.3f",
                        r < 0 ? "warm-up" : "round " + (r + 1), withReplica ? "writes, with replica" : "writes, primary only",
                        Json.number(result.readsPerSecond()), Json.number(result.writesPerSecond()), result.replicaShare()));
                if (r < 0) {
                    continue;
                }
                if (withReplica) {
                    replicaReadsPerSecond[r] = result.readsPerSecond();
                    shares[r] = result.replicaShare();
                    loadReplica += result.replicaReads();
                    loadPrimary += result.primaryReads();
                } else {
                    primaryReadsPerSecond[r] = result.readsPerSecond();
                }
            }
        }
        details.put("replicas_write_load_runs", loadRuns);
        details.put("replicas_write_load_share_per_round", Arrays.stream(shares).boxed().toList());
        double share = loadReplica + loadPrimary == 0 ? 0 : (double) loadReplica / (loadReplica + loadPrimary);
        double[] sortedShares = shares.clone();
        Arrays.sort(sortedShares);
        String load = ReplicaWriteLoad.WRITERS + " writer threads appending (one durable transaction each) to their "
                + "users' conversations while " + ReplicaWriteLoad.READERS + " reader threads read the newest "
                + ReplicaWriteLoad.PAGES_PER_VISIT + " pages of each of the " + ReplicaFixture.USERS
                + " users' conversations in turn, the writers' users among them, as those users; "
                + replicaRounds + " runs of " + measureMillis / 1000 + " s after " + warmUpMillis / 1000 + " s of warm-up, "
                + "replica caught up before each";
        figure("replica_read_share_under_writes", share, Target.none(),
                String.format("ReadStats replica/(primary+replica) %d/%d over the runs with the replica; ", loadReplica,
                        loadReplica + loadPrimary) + load + String.format("; rounds %s–%s",
                        Json.number(sortedShares[0]), Json.number(sortedShares[sortedShares.length - 1])));
        ratioFigure("replica_read_under_writes_vs_primary_only", ratios(replicaReadsPerSecond, primaryReadsPerSecond),
                Target.none(), opsBasis("with replica", replicaReadsPerSecond, "primary only", primaryReadsPerSecond)
                        .replace("/s", " pages/s") + " under the write load above, alternating runs");
        Fixtures.closeReplicas();
    }

    private void export() throws IOException, InterruptedException {
        Path source = ImportBenchmark.exportSource();
        if (!Files.isRegularFile(source)) {
            throw new IllegalStateException("No imported database to export (the import part did not finish)");
        }
        Path output = Fixtures.dir().resolve("export.jsonl");
        Path log = Fixtures.dir().resolve("export.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), ExportCheck.class.getName(),
                source.toString(), ImportBenchmark.USER, Integer.toString(ImportBenchmark.TOTAL), output.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = child.waitFor(10, java.util.concurrent.TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log);
        String result = lines.stream().filter(l -> l.startsWith("messages=")).findFirst().orElse("");
        boolean ok = finished && child.exitValue() == 0 && !result.isEmpty();
        details.put("export_child_jvm", Map.of("exit", finished ? child.exitValue() : -1, "result", result,
                "output_tail", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        Files.deleteIfExists(output);
        figure("export_1m_ok_xmx64m", ok ? 1.0 : 0.0, Target.atLeast(1),
                "UserChats.exportTo, 1,000,000 messages to a JSON Lines file in a child JVM with -Xmx64m: "
                        + (ok ? result.replace('=', ' ') : "failed, see bench-details.json"));
    }

    /**
     * Moving whole stores (issue 13): {@link StoreCopy} of a SQLite store into a fresh PostgreSQL schema against a
     * plain pgjdbc COPY of the same rows, the import of the store's export into a fresh SQLite file against plain JDBC
     * batches, and the export and import of the whole store in a child JVM with -Xmx64m. Each round is one full
     * transfer per side, timed by the wall clock, sides alternating (A B, B A, A B). The copy has a discarded warm-up
     * round (its first round paid for the JIT and for PostgreSQL creating its first write-ahead log segments, about 13 s
     * of 100); the SQLite import, whose first round showed no such cost, has none. Before each side
     * PostgreSQL is checkpointed, so that neither side pays for the other's dirty pages; after it, both sides' rows
     * are counted and must be equal.
     */
    private void transfer() throws Exception {
        int users = Integer.getInteger("bench.transferUsers", 100);
        int transferRounds = Integer.getInteger("bench.transferRounds", 3);
        boolean copyWarmUp = !"false".equals(System.getProperty("bench.transferWarmUp"));
        long t = System.nanoTime();
        TransferFixture fixture = TransferFixture.build(out.resolve("transfer-cache"), users);
        long messages = fixture.messages();
        long conversations = (long) users * TransferFixture.CONVERSATIONS;
        details.put("transfer_dataset", Map.of("users", users, "conversations", conversations, "messages", messages,
                "source_bytes", Files.size(fixture.source), "export_bytes", Files.size(fixture.export),
                "build_seconds", fixture.buildSeconds, "export_seconds", fixture.exportSeconds,
                "ready_seconds", (System.nanoTime() - t) / 1e9));
        log(String.format("   [transfer] %d users, %d messages; source %d MB, export %d MB (%.1f s)", users, messages,
                Files.size(fixture.source) >> 20, Files.size(fixture.export) >> 20, (System.nanoTime() - t) / 1e9));
        String data = String.format("%,d messages (%d users x %d conversations x %d messages, texts of 150-260 chars)",
                messages, users, TransferFixture.CONVERSATIONS, TransferFixture.MESSAGES_PER_CONVERSATION);
        long[] expected = {conversations, messages, conversations};

        // StoreCopy SQLite -> PostgreSQL against a plain COPY.
        t = System.nanoTime();
        PostgresFixture pg = Fixtures.postgres();
        details.put("transfer_postgres_start_seconds", (System.nanoTime() - t) / 1e9);
        Map<String, String> settings = pg.settings();
        details.put("transfer_postgres_settings", settings);
        javax.sql.DataSource ds = pg.dataSource();
        double[] copySeconds = new double[transferRounds];
        double[] rawCopySeconds = new double[transferRounds];
        double[] copyImportSeconds = new double[transferRounds];
        Map<String, Object> copyWarmUpSeconds = new LinkedHashMap<>();
        List<Object> copyChecks = new ArrayList<>();
        try (dev.chatstore.sqlite.SqliteChatStore source = Sqlite.openStore(fixture.source)) {
            // Round 0 is the discarded warm-up: the JIT, and PostgreSQL's first write-ahead log segments.
            for (int r = copyWarmUp ? -1 : 0; r < transferRounds; r++) {
                for (int k = 0; k < 2; k++) {
                    boolean chatstoreSide = (r % 2 == 0) == (k == 0);
                    String schema = "transfer_r" + (r + 1) + (chatstoreSide ? "_chatstore" : "_raw");
                    TransferFixture.execute(ds, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
                    dev.chatstore.postgres.PostgresChatStore target =
                            dev.chatstore.postgres.PostgresChatStore.builder(ds).schema(schema).build();
                    if (!chatstoreSide) {
                        target.close();
                    }
                    TransferFixture.execute(ds, "CHECKPOINT");
                    System.gc();
                    double[] importSeconds = {Double.NaN};
                    long start = System.nanoTime();
                    if (chatstoreSide) {
                        try (target) {
                            dev.chatstore.StoreCopy.copy(source, target, dev.chatstore.StoreImportOptions.defaults()
                                    .withProgress(s -> {
                                        if (s.done()) {
                                            importSeconds[0] = s.elapsed().toNanos() / 1e9;
                                        }
                                    }));
                        }
                    } else {
                        TransferFixture.rawCopyToPostgres(fixture.source, ds, schema);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long[] counted = TransferFixture.countPostgres(ds, schema);
                    long bytes = TransferFixture.postgresBytes(ds, schema);
                    TransferFixture.execute(ds, "DROP SCHEMA \"" + schema + "\" CASCADE");
                    if (!Arrays.equals(counted, expected)) {
                        throw new IllegalStateException(schema + " holds " + Arrays.toString(counted)
                                + " conversations, messages, tips; expected " + Arrays.toString(expected));
                    }
                    copyChecks.add(Map.of("schema", schema, "conversations", counted[0], "messages", counted[1],
                            "tips", counted[2], "bytes", bytes));
                    if (r < 0) {
                        copyWarmUpSeconds.put(chatstoreSide ? "StoreCopy" : "raw COPY", seconds);
                    } else {
                        (chatstoreSide ? copySeconds : rawCopySeconds)[r] = seconds;
                        if (chatstoreSide) {
                            copyImportSeconds[r] = importSeconds[0];
                        }
                    }
                    log(String.format("   [transfer] %s  %-26s %.1f s (%.0f msgs/s)%s", r < 0 ? "warm-up" : "round " + (r + 1),
                            chatstoreSide ? "StoreCopy to PostgreSQL" : "raw COPY to PostgreSQL", seconds,
                            messages / seconds, chatstoreSide ? String.format("; import done at %.1f s", importSeconds[0]) : ""));
                }
            }
        }
        Fixtures.closePostgres();
        details.put("copy_to_pg_seconds", Map.of(
                "StoreCopy", Map.of("median", median(copySeconds), "rounds", Arrays.stream(copySeconds).boxed().toList(),
                        "import_done_rounds", Arrays.stream(copyImportSeconds).boxed().toList()),
                "raw COPY", Map.of("median", median(rawCopySeconds), "rounds", Arrays.stream(rawCopySeconds).boxed().toList())));
        details.put("copy_to_pg_rows_checked", copyChecks);
        details.put("copy_to_pg_warm_up_seconds", copyWarmUpSeconds);
        double copyRate = messages / median(copySeconds);
        ratioFigure("copy_to_pg_vs_raw_copy", ratios(rawCopySeconds, copySeconds), Target.atLeast(0.7),
                String.format("StoreCopy.copy %s msgs/s vs plain pgjdbc COPY %s msgs/s; %s from a chatstore SQLite file"
                                + " into a freshly migrated PostgreSQL schema (embedded PostgreSQL %s, fsync=%s,"
                                + " synchronous_commit=%s), one transaction per user; the copy's time includes its"
                                + " verification (checksums of the target); the raw side reads the same rows from the"
                                + " SQLite file with plain JDBC and COPYs conversations, then messages, then sets the"
                                + " tips; %d rounds%s, equal row counts checked after each",
                        Json.number(copyRate), Json.number(messages / median(rawCopySeconds)), data,
                        settings.get("server_version"), settings.get("fsync"), settings.get("synchronous_commit"),
                        transferRounds, copyWarmUp ? " after a discarded warm-up round" : ""));
        figure("copy_to_pg_messages_per_s", copyRate, Target.none(),
                "StoreCopy.copy, SQLite to PostgreSQL, " + data + ", verified; median of " + transferRounds + " rounds");

        // importStore of the export into SQLite against plain JDBC batches.
        double[] importSeconds = new double[transferRounds];
        double[] rawImportSeconds = new double[transferRounds];
        List<Object> importChecks = new ArrayList<>();
        for (int r = 0; r < transferRounds; r++) {
            for (int k = 0; k < 2; k++) {
                boolean chatstoreSide = (r % 2 == 0) == (k == 0);
                Path file = Fixtures.dir().resolve(chatstoreSide ? "transfer-import-chatstore.db" : "transfer-import-raw.db");
                Sqlite.delete(file);
                dev.chatstore.sqlite.SqliteChatStore target = Sqlite.openStore(file);
                if (!chatstoreSide) {
                    target.close();
                }
                System.gc();
                long start = System.nanoTime();
                if (chatstoreSide) {
                    try (target; java.io.InputStream in = new java.io.BufferedInputStream(
                            Files.newInputStream(fixture.export), 1 << 16)) {
                        target.admin().importStore(in, dev.chatstore.StoreImportOptions.defaults());
                    }
                } else {
                    TransferFixture.rawSqliteBatch(fixture.source, file);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long[] counted = TransferFixture.countSqlite(file);
                long bytes = Files.size(file);
                Sqlite.delete(file);
                if (!Arrays.equals(counted, expected)) {
                    throw new IllegalStateException(file.getFileName() + " holds " + Arrays.toString(counted)
                            + " conversations, messages, tips; expected " + Arrays.toString(expected));
                }
                importChecks.add(Map.of("file", file.getFileName().toString(), "conversations", counted[0],
                        "messages", counted[1], "tips", counted[2], "bytes", bytes));
                (chatstoreSide ? importSeconds : rawImportSeconds)[r] = seconds;
                log(String.format("   [transfer] round %d  %-26s %.1f s (%.0f msgs/s)", r + 1,
                        chatstoreSide ? "importStore into SQLite" : "raw JDBC batch into SQLite", seconds, messages / seconds));
            }
        }
        details.put("store_import_seconds", Map.of(
                "importStore", Map.of("median", median(importSeconds), "rounds", Arrays.stream(importSeconds).boxed().toList()),
                "raw JDBC batch", Map.of("median", median(rawImportSeconds), "rounds", Arrays.stream(rawImportSeconds).boxed().toList())));
        details.put("store_import_rows_checked", importChecks);
        double importRate = messages / median(importSeconds);
        ratioFigure("store_import_vs_raw", ratios(rawImportSeconds, importSeconds), Target.atLeast(0.8),
                String.format("importStore %s msgs/s vs plain JDBC batch %s msgs/s; the store's export (%d MB) of %s"
                                + " into a fresh SQLite file (WAL, synchronous NORMAL, full-text index), one transaction per"
                                + " user; the raw side reads the same rows from the source SQLite file and INSERTs them one"
                                + " row per statement, executeBatch every %d; %d rounds, equal row counts checked after each",
                        Json.number(importRate), Json.number(messages / median(rawImportSeconds)),
                        Files.size(fixture.export) >> 20, data, TransferFixture.RAW_BATCH, transferRounds));
        figure("store_import_messages_per_s", importRate, Target.none(),
                "importStore of the export into a fresh SQLite file, " + data + "; median of " + transferRounds + " rounds");

        // The whole store exported and imported in a child JVM with -Xmx64m.
        Path exported = Fixtures.dir().resolve("transfer-child-export.jsonl");
        String exportResult = childTransfer("export", fixture.source, exported, messages);
        Files.deleteIfExists(exported);
        figure("store_export_1m_ok_xmx64m", exportResult != null ? 1.0 : 0.0, Target.atLeast(1),
                "StoreAdmin.exportStore, the whole store (" + data + ") to a JSON Lines file in a child JVM with"
                        + " -Xmx64m: " + (exportResult != null ? exportResult : "failed, see bench-details.json"));
        Path imported = Fixtures.dir().resolve("transfer-child-import.db");
        String importResult = childTransfer("import", fixture.export, imported, messages);
        Sqlite.delete(imported);
        figure("store_import_1m_ok_xmx64m", importResult != null ? 1.0 : 0.0, Target.atLeast(1),
                "StoreAdmin.importStore of that export into a fresh SQLite file in a child JVM with -Xmx64m,"
                        + " messages counted in the file afterwards: "
                        + (importResult != null ? importResult : "failed, see bench-details.json"));
    }

    /** Runs {@link TransferCheck} in a child JVM with -Xmx64m; its result line, or null if it failed. */
    private String childTransfer(String mode, Path from, Path to, long expected) throws IOException, InterruptedException {
        Path log = Fixtures.dir().resolve("transfer-" + mode + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), TransferCheck.class.getName(),
                mode, from.toString(), to.toString(), Long.toString(expected));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = child.waitFor(15, java.util.concurrent.TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log);
        String result = lines.stream().filter(l -> l.startsWith("messages=")).findFirst().orElse("");
        boolean ok = finished && child.exitValue() == 0 && !result.isEmpty();
        details.put("store_" + mode + "_child_jvm", Map.of("exit", finished ? child.exitValue() : -1, "result", result,
                "output_tail", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        log("   [transfer] child JVM -Xmx64m " + mode + ": " + (ok ? result : "FAILED " + lines.subList(Math.max(0, lines.size() - 3), lines.size())));
        return ok ? result.replace('=', ' ') : null;
    }

    // ---------------------------------------------------------------------------------------------

    /** One JMH benchmark method with its parameters. */
    private record Config(String label, Class<?> benchmark, String method, Map<String, String> params) {
    }

    /**
     * Runs the configurations in {@code rounds} rounds, forwards in even rounds and backwards in odd
     * ones, after one discarded warm-up round if asked. Returns score[config][round].
     */
    private double[][] alternate(String name, List<Config> configs, int rounds, TimeValue warmup, TimeValue measurement,
                                 boolean warmUpRound) throws RunnerException {
        double[][] scores = new double[configs.size()][rounds];
        if (warmUpRound) {
            for (Config c : configs) {
                double score = jmh(c, WARM_UP_ROUND, measurement);
                log(String.format("   [%s] warm-up  %-26s %s", name, c.label(), Json.number(score)));
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < configs.size(); k++) {
                int i = r % 2 == 0 ? k : configs.size() - 1 - k;
                Config c = configs.get(i);
                scores[i][r] = jmh(c, warmup, measurement);
                log(String.format("   [%s] round %d  %-26s %s", name, r + 1, c.label(), Json.number(scores[i][r])));
            }
        }
        return scores;
    }

    /**
     * One JMH run in this JVM: one warm-up and one measured iteration (a single shot without warm-up
     * if null). One full collection before it, instead of JMH's GC between iterations, which waits
     * for the heap to settle and cost more than a second per run.
     */
    private static double jmh(Config c, TimeValue warmup, TimeValue measurement) throws RunnerException {
        System.gc();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(c.benchmark().getName() + "." + c.method()) + "$")
                .forks(0)
                .warmupIterations(warmup == null ? 0 : 1)
                .measurementIterations(1)
                .shouldDoGC(false)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        if (warmup != null) {
            options.warmupTime(warmup).measurementTime(measurement);
        }
        c.params().forEach(options::param);
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.size() != 1) {
            throw new IllegalStateException("Expected one JMH result for " + c + ", got " + results.size());
        }
        return results.iterator().next().getPrimaryResult().getScore();
    }

    private static double[] ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Map<String, Object> scores(List<Config> configs, double[][] s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < configs.size(); i++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("median", median(s[i]));
            one.put("rounds", Arrays.stream(s[i]).boxed().toList());
            m.put(configs.get(i).label(), one);
        }
        return m;
    }

    private static String opsBasis(String a, double[] sa, String b, double[] sb) {
        return String.format("%s %s/s vs %s %s/s", a, Json.number(median(sa)), b, Json.number(median(sb)));
    }

    private static String timeBasis(String a, double[] sa, String b, double[] sb) {
        return String.format("%s %s µs vs %s %s µs", a, Json.number(median(sa)), b, Json.number(median(sb)));
    }

    // ---------------------------------------------------------------------------------------------

    /** A figure's target: at least or at most a value, or none. */
    private record Target(String text, Double atLeast, Double atMost) {
        static Target atLeast(double v) {
            return new Target("≥ " + Json.number(v), v, null);
        }

        static Target atMost(double v) {
            return new Target("≤ " + Json.number(v), null, v);
        }

        static Target none() {
            return new Target("", null, null);
        }

        /** "yes", "no", "" (no target) or "n/a" (no value). */
        String met(Double value) {
            if (atLeast == null && atMost == null) {
                return "";
            }
            if (value == null) {
                return "n/a";
            }
            boolean ok = (atLeast == null || value >= atLeast) && (atMost == null || value <= atMost);
            return ok ? "yes" : "NO";
        }
    }

    private record Figure(String name, Double value, Target target, String basis) {
    }

    /** A figure that is the median of per-round ratios; the table also shows their range. */
    private void ratioFigure(String name, double[] perRound, Target target, String basis) {
        double[] sorted = perRound.clone();
        Arrays.sort(sorted);
        details.put(name + "_per_round", Arrays.stream(perRound).boxed().toList());
        figure(name, median(perRound), target, basis + String.format("; rounds %s–%s",
                Json.number(sorted[0]), Json.number(sorted[sorted.length - 1])));
    }

    private void figure(String name, Double value, Target target, String basis) {
        summary.put(name, value);
        figures.add(new Figure(name, value, target, basis));
    }

    private void write() throws IOException {
        // The replicas section's figures (issue 14), null when it did not run.
        for (String name : List.of("replica_read_vs_primary_only", "replica_read_share_under_writes",
                "replica_read_under_writes_vs_primary_only")) {
            summary.putIfAbsent(name, null);
        }
        for (String name : List.of("append_vs_raw_L10", "append_vs_raw_L100000", "append_flatness",
                "append_vs_springai_L1000", "append_vs_langchain4j_L1000", "page_deep_vs_shallow",
                "list_deep_vs_shallow", "vector_exact_vs_inmemory_scan", "ann_recall_at10", "ann_vs_exact_speedup", "backup_vs_vacuum_into", "append_during_backup", "import_vs_raw", "import_msgs_per_s", "inmemory_open_vs_raw", "pg_append_threads16_vs_1", "pg_append_vs_raw",
                "export_1m_ok_xmx64m", "copy_to_pg_vs_raw_copy", "copy_to_pg_messages_per_s", "store_import_vs_raw",
                "store_import_messages_per_s", "store_export_1m_ok_xmx64m", "store_import_1m_ok_xmx64m")) {
            summary.putIfAbsent(name, null);
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        summary.keySet().stream().sorted(Comparator.comparingInt(BenchSuite::order)).forEach(k -> ordered.put(k, summary.get(k)));
        details.put("failures", failures);
        Files.writeString(out.resolve("bench-summary.json"), Json.write(ordered), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("bench-details.json"), Json.write(details), StandardCharsets.UTF_8);
        String table = table();
        Files.writeString(out.resolve("bench-table.md"), table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("chatstore benchmark summary (" + Machine.oneLine() + ")");
        System.out.println();
        System.out.print(table);
        System.out.println();
        System.out.println("Ratios are chatstore / other (throughput) or deep / shallow (time), medians of alternating rounds.");
        System.out.println("Written: " + out.resolve("bench-summary.json") + ", bench-details.json, bench-table.md"
                + String.format(" (%.0f s)", seconds()));
        if (!failures.isEmpty()) {
            System.out.println("FAILED parts: " + failures);
        }
    }

    private static int order(String name) {
        List<String> names = List.of("append_vs_raw_L10", "append_vs_raw_L100000", "append_flatness",
                "append_vs_springai_L1000", "append_vs_langchain4j_L1000", "page_deep_vs_shallow",
                "list_deep_vs_shallow", "vector_exact_vs_inmemory_scan", "ann_recall_at10", "ann_vs_exact_speedup", "backup_vs_vacuum_into", "append_during_backup", "import_vs_raw", "import_msgs_per_s", "inmemory_open_vs_raw", "pg_append_threads16_vs_1", "pg_append_vs_raw",
                "export_1m_ok_xmx64m", "copy_to_pg_vs_raw_copy", "copy_to_pg_messages_per_s", "store_import_vs_raw",
                "store_import_messages_per_s", "store_export_1m_ok_xmx64m", "store_import_1m_ok_xmx64m");
        int i = names.indexOf(name);
        return i < 0 ? names.size() : i;
    }

    /** The figures as a Markdown table (also readable as plain text). */
    private String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "value", "target", "met", "measured"});
        for (Figure f : figures.stream().sorted(Comparator.comparingInt(f -> order(f.name()))).toList()) {
            rows.add(new String[] {f.name(), f.value() == null ? "null" : Json.number(f.value()), f.target().text(),
                    f.target().met(f.value()), f.basis()});
        }
        int[] width = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            s.append("| ");
            for (int i = 0; i < 5; i++) {
                s.append(i < 4 ? pad(row[i], width[i]) : row[i]).append(" |").append(i < 4 ? " " : "");
            }
            s.append('\n');
            if (r == 0) {
                s.append("|");
                for (int i = 0; i < 5; i++) {
                    s.append("-".repeat(i < 4 ? width[i] + 2 : 10)).append('|');
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void log(String line) {
        System.out.printf("%6.1fs %s%n", seconds(), line);
        System.out.flush();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** SQLite's version as the bundled driver runs it. */
    static String sqliteVersion() {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}

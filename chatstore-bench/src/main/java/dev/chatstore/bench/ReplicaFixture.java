package dev.chatstore.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.Messages;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.ReadStats;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * A PostgreSQL primary and a streaming replica of it for the read-replica benchmarks (issue 14), both from the
 * embedded server's binaries and both with durable settings as in {@link PostgresFixture} ({@code fsync=on},
 * {@code synchronous_commit=on}, {@code full_page_writes=on}). The replica is made as the postgres module's
 * {@code TestReplication} makes it ({@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop},
 * {@code standby.signal}, {@code primary_conninfo}); that class is not reused because its primary runs with the
 * embedded launcher's non-durable defaults and its pools hold 8 connections, fewer than the 16 reader threads.
 *
 * <p>Two stores over the same schema and data: {@link #withReplica} reads on the replica when it has replayed what
 * the reading user must see, {@link #primaryOnly} reads on the primary. {@value #USERS} users with one conversation
 * of {@value #MESSAGES} messages each, written through the primary-only store and vacuumed before the replica is
 * copied and the replica store opens.
 */
final class ReplicaFixture implements AutoCloseable {
    static final int USERS = 16;
    static final int MESSAGES = 400;
    static final int PAGE = 50;
    static final int POOL = 20;
    static final String SCHEMA = "bench";
    static final Duration MAX_LAG = Duration.ofSeconds(10);
    static final Duration CHECK_INTERVAL = Duration.ofMillis(100);

    private static final String INSERT_POSITION = "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint";
    private static final String REPLAY_POSITION = "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint";
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "pg_wal", "pg_replslot",
            "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private final EmbeddedPostgres primary;
    private final EmbeddedPostgres replica;
    private final HikariDataSource primaryPool;
    private final HikariDataSource replicaPool;
    final PostgresChatStore primaryOnly;
    final PostgresChatStore withReplica;
    /** User i's conversation. */
    final List<String> conversations = new ArrayList<>();
    final List<String> users = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    /** Reads counted by the benchmark threads, and the messages they returned, since {@link #resetCounts()}. */
    final LongAdder readOps = new LongAdder();
    final LongAdder readMessages = new LongAdder();
    /** Pages of fewer than {@value #PAGE} messages read while no write ran: none, if both sides read alike. */
    final LongAdder shortPages = new LongAdder();
    final LongAdder writeOps = new LongAdder();
    /** What each JMH run of {@link ReplicaReadBenchmark} saw, by method, in run order. */
    final Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();

    private ReplicaFixture(Path dir) throws Exception {
        Path primaryDir = dir.resolve("replicas-primary");
        Path replicaDir = dir.resolve("replicas-replica");
        deleteTree(replicaDir);
        this.primary = EmbeddedPostgres.builder()
                .setDataDirectory(primaryDir)
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("wal_keep_size", "512MB")
                .start();
        this.primaryPool = pool(primary.getPostgresDatabase(), "primary");
        this.primaryOnly = PostgresChatStore.builder(primaryPool).schema(SCHEMA).build();
        for (int i = 0; i < USERS; i++) {
            String user = "replica-user-" + i;
            users.add(user);
            conversations.add(Datasets.conversation(primaryOnly.forUser(user), MESSAGES));
        }
        makeReplica(primaryDir, replicaDir);
        this.replica = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("replicas-replica.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("replicas-replica.log").toFile()))
                .setDataDirectory(replicaDir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("hot_standby", "on")
                .setServerConfig("hot_standby_feedback", "on")
                .start();
        this.replicaPool = pool(replica.getPostgresDatabase(), "replica");
        awaitCaughtUp(Duration.ofSeconds(60));
        this.withReplica = PostgresChatStore.builder(primaryPool).schema(SCHEMA).replicas(replicaPool)
                .maxReplicaLag(MAX_LAG).replicaCheckInterval(CHECK_INTERVAL).build();
        awaitCaughtUp(Duration.ofSeconds(60));
        readSettings();
    }

    static ReplicaFixture start(Path dir) {
        try {
            return new ReplicaFixture(dir);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start a PostgreSQL primary and its replica", e);
        }
    }

    /** The copy of the primary's data directory between pg_backup_start and pg_backup_stop, made a standby. */
    private void makeReplica(Path source, Path target) throws IOException, SQLException {
        try (Connection c = primaryPool.getConnection(); Statement s = c.createStatement()) {
            // Hint bits, visibility map and planner statistics set now, on the primary, so both servers start alike.
            s.execute("VACUUM (ANALYZE)");
            s.execute("CHECKPOINT");
            s.execute("SELECT pg_backup_start('chatstore-bench-replica', true)");
            copy(source, target);
            try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(target.resolve("backup_label"), rs.getString(1), StandardCharsets.UTF_8);
            }
        }
        Files.createDirectories(target.resolve("pg_wal/archive_status"));
        for (String empty : new String[] {"pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial",
                "pg_snapshots", "pg_subtrans"}) {
            Files.createDirectories(target.resolve(empty));
        }
        Files.createFile(target.resolve("standby.signal"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(target.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=localhost port="
                + primary.getPort() + " user=postgres application_name=chatstore_bench_replica'\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Waits until the replica has replayed everything the primary has written so far; returns the wait in ms. */
    double awaitCaughtUp(Duration timeout) {
        long start = System.nanoTime();
        long target = queryLong(primaryPool, INSERT_POSITION);
        long deadline = start + timeout.toNanos();
        while (queryLong(replicaPool, REPLAY_POSITION) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The replica did not catch up within " + timeout);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the replica", e);
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** The replica's replay lag behind the primary's insert position now, in bytes. */
    long lagBytes() {
        return Math.max(0, queryLong(primaryPool, INSERT_POSITION) - queryLong(replicaPool, REPLAY_POSITION));
    }

    Messages messagesOf(PostgresChatStore store, int user) {
        return store.forUser(users.get(user)).messages();
    }

    synchronized void recordRun(String method, Map<String, Object> run) {
        runs.computeIfAbsent(method, m -> new ArrayList<>()).add(run);
    }

    void resetCounts() {
        readOps.reset();
        readMessages.reset();
        shortPages.reset();
        writeOps.reset();
    }

    Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    private void readSettings() {
        for (var server : List.of(Map.entry("primary", primaryPool), Map.entry("replica", replicaPool))) {
            try (Connection c = server.getValue().getConnection(); Statement s = c.createStatement()) {
                for (String name : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes",
                        "wal_level", "hot_standby")) {
                    try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                        rs.next();
                        settings.put(server.getKey() + "." + name, rs.getString(1));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                    rs.next();
                    settings.put(server.getKey() + ".in_recovery", rs.getString(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read the " + server.getKey() + "'s settings", e);
            }
        }
        if (!"on".equals(settings.get("primary.fsync")) || !"on".equals(settings.get("primary.synchronous_commit"))
                || !"t".equals(settings.get("replica.in_recovery"))) {
            throw new IllegalStateException("Not a durable primary with a streaming replica: " + settings);
        }
        try (Connection c = primaryPool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state FROM pg_stat_replication")) {
            settings.put("primary.replication_state", rs.next() ? rs.getString(1) : "none");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read pg_stat_replication", e);
        }
    }

    private static HikariDataSource pool(DataSource server, String name) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(server);
        config.setMaximumPoolSize(POOL);
        config.setMinimumIdle(POOL);
        config.setPoolName("chatstore-bench-" + name);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static long queryLong(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source) && NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (NOT_COPIED.contains(file.getFileName().toString())) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(source.relativize(file).toString()));
                } catch (NoSuchFileException vanished) {
                    // Written again by WAL replay.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Override
    public void close() {
        withReplica.close();
        primaryOnly.close();
        replicaPool.close();
        primaryPool.close();
        try {
            replica.close();
            primary.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.chatstore.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A real primary and a streaming replica of it, both from the embedded server's binaries, for this JVM's tests.
 * The replica is made the way a base backup is made by hand: {@code pg_backup_start}, a copy of the primary's data
 * directory, {@code pg_backup_stop} (whose label file goes into the copy), then {@code standby.signal} and a
 * {@code primary_conninfo}; started, it streams the primary's WAL from the backup's checkpoint on. No
 * {@code pg_basebackup} is needed, so nothing beyond the Maven dependencies is.
 */
public final class TestReplication {
    /** What the copy leaves out: the running server's own files, and WAL the replica streams instead. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "pg_wal", "pg_replslot",
            "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private static TestReplication running;

    private final Path directory;
    private final EmbeddedPostgres primary;
    private EmbeddedPostgres replica;
    private final HikariDataSource primaryPool;
    private HikariDataSource replicaPool;

    private TestReplication(Path directory) throws Exception {
        this.directory = directory;
        this.primary = EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("primary"))
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("wal_keep_size", "512MB")
                .start();
        this.primaryPool = pool(primary.getPostgresDatabase(), "primary");
        startReplica();
    }

    /** The pair, started on first use and stopped when the JVM exits. */
    public static synchronized TestReplication get() {
        if (running == null) {
            try {
                running = new TestReplication(Files.createTempDirectory("chatstore-replication"));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start a primary and its replica", e);
            }
            TestReplication pair = running;
            Runtime.getRuntime().addShutdownHook(new Thread(pair::stop));
        }
        return running;
    }

    public DataSource primary() {
        return primaryPool;
    }

    public DataSource replica() {
        return replicaPool;
    }

    /** Stops replaying WAL on the replica (it stays up and answers, with older data). */
    public void pauseReplay() {
        replicaSql("SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        replicaSql("SELECT pg_wal_replay_resume()");
    }

    /** Waits until the replica has replayed everything the primary has written so far. */
    public void awaitCaughtUp(Duration timeout) throws InterruptedException {
        long target = queryLong(primaryPool, WalPosition.CURRENT);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queryLong(replicaPool, "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint") < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The replica did not catch up within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    /** Stops the replica's server (its pool stays, and fails to connect). */
    public synchronized void stopReplica() throws IOException {
        replica.close();
    }

    /** Makes a fresh replica from the primary again (after {@link #stopReplica}). */
    public synchronized void restartReplica() throws Exception {
        replicaPool.close();
        deleteTree(directory.resolve("replica"));
        startReplica();
    }

    private void startReplica() throws Exception {
        Path target = directory.resolve("replica");
        Path source = directory.resolve("primary");
        try (Connection c = primaryPool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_backup_start('chatstore-test-replica', true)");
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
        // The server refuses a data directory others may read.
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.writeString(target.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=localhost port="
                + primary.getPort() + " user=postgres application_name=chatstore_test_replica'\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        replica = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(directory.resolve("replica.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(directory.resolve("replica.log").toFile()))
                .setDataDirectory(target)
                .setCleanDataDirectory(false)
                .setServerConfig("hot_standby", "on")
                .setServerConfig("hot_standby_feedback", "on")
                .start();
        replicaPool = pool(replica.getPostgresDatabase(), "replica");
    }

    private void stop() {
        for (AutoCloseable c : new AutoCloseable[] {replicaPool, primaryPool, replica, primary}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // The JVM is exiting.
            }
        }
    }

    private void replicaSql(String sql) {
        try (Connection c = replicaPool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql + " failed on the replica", e);
        }
    }

    private static long queryLong(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    private static HikariDataSource pool(DataSource server, String name) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(server);
        config.setMaximumPoolSize(8);
        config.setPoolName("chatstore-test-" + name);
        config.setConnectionTimeout(2_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Copies the data directory as it is now; files that vanish while it is copied are the WAL's to restore. */
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
}

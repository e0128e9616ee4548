package dev.chatstore.bench;

import dev.chatstore.BackupProgress;
import dev.chatstore.BackupReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * A backup of the {@value BackupFixture#MESSAGES}-message database: chatstore's online backup
 * ({@code StoreAdmin.backupTo}: page copy of one snapshot, integrity check, sync, rename) against a
 * plain {@code VACUUM INTO} of the same file on its own connection (the copy SQLite itself offers,
 * unchecked). Each call writes the whole copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class BackupBenchmark {
    private BackupFixture fixture;

    @Setup(Level.Trial)
    public void open() {
        fixture = Fixtures.backups();
    }

    @Benchmark
    public BackupReport chatstoreBackup() {
        return fixture.store.admin().backupTo(fixture.dir.resolve("backup-chatstore.db"), BackupProgress.NONE);
    }

    @Benchmark
    public void vacuumInto() throws Exception {
        Path target = fixture.dir.resolve("backup-vacuum-into.db");
        Files.deleteIfExists(target);
        try (PreparedStatement s = fixture.raw.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, target.toString());
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

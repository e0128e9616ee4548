package dev.chatstore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A backup written and checked. Immutable.
 *
 * @param file          the backup file, complete and checked (integrity, schema history) before it got its name
 * @param bytes         its size
 * @param schemaVersion the schema version it holds
 * @param took          how long writing and checking it took
 */
public record BackupReport(Path file, long bytes, int schemaVersion, Duration took) {
    /**
     * Checks that the file and the duration are present.
     *
     * @param file          the backup file, not null
     * @param bytes         its size
     * @param schemaVersion the schema version it holds
     * @param took          how long writing and checking it took, not null
     * @throws NullPointerException if {@code file} or {@code took} is null
     */
    public BackupReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(took, "took");
    }
}

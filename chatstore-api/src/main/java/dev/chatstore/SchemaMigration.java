package dev.chatstore;

import java.time.Instant;
import java.util.Objects;

/**
 * One applied schema migration, as the store's history records it. Immutable.
 *
 * @param version         the migration's version ({@code V<version>__…sql})
 * @param description     what it does, from its file name
 * @param script          its file name
 * @param checksum        CRC32 of its lines, to recognise an edited migration
 * @param installedAt     when it was applied
 * @param executionMillis how long applying it took
 */
public record SchemaMigration(int version, String description, String script, int checksum, Instant installedAt,
                              long executionMillis) {
    /**
     * Checks that the texts and the time are present.
     *
     * @param version         the migration's version
     * @param description     what it does, not null
     * @param script          its file name, not null
     * @param checksum        CRC32 of its lines
     * @param installedAt     when it was applied, not null
     * @param executionMillis how long applying it took
     * @throws NullPointerException if {@code description}, {@code script} or {@code installedAt} is null
     */
    public SchemaMigration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(installedAt, "installedAt");
    }
}

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
    public SchemaMigration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(installedAt, "installedAt");
    }
}

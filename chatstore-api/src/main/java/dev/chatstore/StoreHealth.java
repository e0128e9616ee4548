package dev.chatstore;

import java.time.Duration;
import java.util.Objects;

/**
 * A store's health, as a health endpoint shows it: whether the database answered, how fast, whether
 * its schema is current, and the connections. Immutable.
 *
 * @param reachable           whether a round trip to the database succeeded
 * @param roundTrip           how long that round trip took (to the failure, if it failed)
 * @param schemaVersion       the database's schema version, or -1 if it could not be read
 * @param latestSchemaVersion the newest schema version this library knows
 * @param pool                the connections
 * @param walBytes            SQLite: the size of the write-ahead log file; -1 elsewhere (or in memory)
 * @param problem             what failed, or null
 */
public record StoreHealth(boolean reachable, Duration roundTrip, int schemaVersion, int latestSchemaVersion,
                          PoolStats pool, long walBytes, String problem) {
    public StoreHealth {
        Objects.requireNonNull(roundTrip, "roundTrip");
        Objects.requireNonNull(pool, "pool");
    }

    /** Whether the schema is the one this library writes (neither older, nor newer). */
    public boolean schemaCurrent() {
        return schemaVersion == latestSchemaVersion;
    }

    /** Reachable, with the current schema. */
    public boolean healthy() {
        return reachable && schemaCurrent();
    }
}

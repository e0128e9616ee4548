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
    /**
     * Checks that the duration and the pool figures are present.
     *
     * @param reachable           whether the round trip succeeded
     * @param roundTrip           how long it took, not null
     * @param schemaVersion       the database's schema version, or -1
     * @param latestSchemaVersion the newest schema version this library knows
     * @param pool                the connections, not null
     * @param walBytes            the write-ahead log's size, or -1
     * @param problem             what failed, or null
     * @throws NullPointerException if {@code roundTrip} or {@code pool} is null
     */
    public StoreHealth {
        Objects.requireNonNull(roundTrip, "roundTrip");
        Objects.requireNonNull(pool, "pool");
    }

    /** {@return whether the schema is the one this library writes (neither older, nor newer)} */
    public boolean schemaCurrent() {
        return schemaVersion == latestSchemaVersion;
    }

    /** {@return whether the database is reachable and its schema current} */
    public boolean healthy() {
        return reachable && schemaCurrent();
    }
}

package dev.chatstore.jdbc;

/**
 * What a database error means, as a {@link Dialect} classifies it; the engine turns each kind into
 * the API's typed exception (or a retry) in one place.
 */
public enum DatabaseFailure {
    /** A foreign key found no row: what the operation refers to does not exist (any more). */
    MISSING_REFERENCE,
    /** A unique key is taken. */
    ALREADY_EXISTS,
    /** Concurrent transactions could not both proceed (serialization failure, deadlock): running it again will do. */
    TRANSIENT_CONFLICT,
    /** The database cannot serve now: connection lost, server shutting down, statement cancelled or timed out, lock busy. */
    UNAVAILABLE,
    /** The disk or database is full. */
    STORAGE_FULL,
    /** Anything else: a defect or a misconfiguration. */
    OTHER
}

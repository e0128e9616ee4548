package dev.chatstore;

/**
 * A chat data store. Open one per database and share it: the SQLite and PostgreSQL stores are
 * thread-safe (an implementation that is not must say so; the conformance kit then checks it
 * without concurrent writers).
 * Everything that belongs to an end user is reached through {@link #forUser(String)}.
 * Closing releases connections; afterwards every call fails with {@link StoreUnavailableException}.
 */
public interface ChatStore extends AutoCloseable {

    /**
     * The data of one end user. Cheap; no database access.
     *
     * @param userId the application's opaque id of the user (an auth principal), non-blank, at most
     *               {@link Limits#USER_ID_MAX} chars
     * @return the user's view; every user has one, with or without data
     * @throws InvalidInputException     if {@code userId} is null, blank, too long or not storable
     * @throws StoreUnavailableException if the store is closed
     */
    UserChats forUser(String userId);

    /**
     * The data of one end user, read at least as new as {@code consistencyToken}: a token another store over the
     * same database (another application node) issued with {@link UserChats#consistencyToken()} after the user's
     * writes there. With read replicas, reads of the user go to a server that has replayed that far; from then on
     * this store remembers the position for the user, as it does its own writes. Where every read sees every
     * write (SQLite, a PostgreSQL store without replicas) any token is accepted and changes nothing.
     *
     * @param userId           as for {@link #forUser(String)}
     * @param consistencyToken a token from {@link UserChats#consistencyToken()}, or empty for none
     * @return the user's view
     * @throws InvalidInputException if {@code userId} is not valid, or the token is null or not one this kind of
     *                               store issues
     */
    default UserChats forUser(String userId, String consistencyToken) {
        if (consistencyToken == null) {
            throw new InvalidInputException("consistencyToken", "must not be null (empty for none)");
        }
        return forUser(userId);
    }

    /** {@return the store's personas} */
    Personas personas();

    /** {@return store-wide settings} */
    Settings settings();

    /** {@return the operator's view: migrations, schema history, statistics, maintenance} */
    StoreAdmin admin();

    /** Releases the store's resources. Idempotent. */
    @Override
    void close();
}

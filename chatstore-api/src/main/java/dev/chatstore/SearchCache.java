package dev.chatstore;

import java.time.Duration;
import java.util.Optional;

/**
 * One user's cache of search results, keyed by the normalised query (trimmed, whitespace
 * collapsed, Unicode NFKC, lower case), stored under its hash. Thread-safe.
 */
public interface SearchCache {

    /** Stores {@code results} (a JSON value) for {@code query} until {@code ttl} has passed (positive). */
    void put(String query, Object results, Duration ttl);

    /** The results, unless absent or expired. */
    Optional<Object> get(String query);

    /** @return false if nothing was cached for the query */
    boolean invalidate(String query);
}

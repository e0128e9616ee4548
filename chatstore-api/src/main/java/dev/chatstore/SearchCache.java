package dev.chatstore;

import java.time.Duration;
import java.util.Optional;

/**
 * One user's cache of search results, keyed by the normalised query (trimmed, whitespace
 * collapsed, Unicode NFKC, lower case), stored under its hash. Thread-safe.
 */
public interface SearchCache {

    /**
     * Stores {@code results} (a JSON value) for {@code query} until {@code ttl} has passed (positive).
     *
     * @param query   the query, non-blank, at most {@link Limits#QUERY_MAX} chars
     * @param results the results to cache: a non-null JSON value, normalized as metadata is
     * @param ttl     how long they are served, positive
     * @throws InvalidInputException if an argument is null, the query is blank or too long, the results are not a JSON
     *                               value, or {@code ttl} is not positive
     */
    void put(String query, Object results, Duration ttl);

    /**
     * The results, unless absent or expired.
     *
     * @param query the query, normalized as for {@link #put}
     * @return the cached results
     */
    Optional<Object> get(String query);

    /**
     * Drops the cached results of {@code query}, expired or not.
     *
     * @param query the query, normalized as for {@link #put}
     * @return false if no unexpired results were cached for the query
     */
    boolean invalidate(String query);
}

package dev.chatstore;

import java.util.Objects;
import java.util.Set;

/**
 * What a store runs on, read from the database when the store opened. Immutable.
 *
 * @param backend       the kind of database, e.g. {@code "sqlite"} or {@code "postgresql"}
 * @param serverVersion the database's own version string
 * @param location      where the data lives, without credentials: a file, {@code "in-memory"}, or a schema
 * @param extensions    optional database features that are available, by the database's name for them
 *                      (SQLite: compile options such as {@code "fts5"}; PostgreSQL: extensions the
 *                      server offers, such as {@code "unaccent"}, {@code "pg_trgm"} or {@code "vector"})
 */
public record StoreInfo(String backend, String serverVersion, String location, Set<String> extensions) {
    /**
     * Checks that the texts are present and copies {@code extensions}.
     *
     * @param backend       the kind of database, not null
     * @param serverVersion the database's version string, not null
     * @param location      where the data lives, not null
     * @param extensions    the available optional features, not null
     * @throws NullPointerException if an argument is null or {@code extensions} holds null
     */
    public StoreInfo {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(location, "location");
        extensions = Set.copyOf(extensions);
    }
}

package dev.chatstore.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A store named by its JDBC URL: {@code jdbc:sqlite:chat.db} (a file; {@code jdbc:sqlite::memory:} for a
 * private in-memory store) or {@code jdbc:postgresql://host:port/database}. Immutable.
 *
 * @param url  the URL as given
 * @param file SQLite: the database file; null in memory and on PostgreSQL
 */
record StoreUrl(String url, Backend backend, Path file) {
    enum Backend { SQLITE, POSTGRESQL }

    private static final String SQLITE = "jdbc:sqlite:";
    private static final String POSTGRESQL = "jdbc:postgresql:";

    /**
     * @throws IllegalArgumentException naming the URL if it is neither a SQLite nor a PostgreSQL JDBC URL
     */
    static StoreUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty store URL");
        }
        if (url.startsWith(SQLITE)) {
            String rest = url.substring(SQLITE.length());
            int query = rest.indexOf('?');
            if (query >= 0) {
                rest = rest.substring(0, query);
            }
            if (rest.startsWith("file:")) {
                rest = rest.substring("file:".length());
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("no file in " + url + " (e.g. jdbc:sqlite:chat.db)");
            }
            if (rest.equals(":memory:")) {
                return new StoreUrl(url, Backend.SQLITE, null);
            }
            try {
                return new StoreUrl(url, Backend.SQLITE, Path.of(rest));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a file name in " + url + ": " + e.getMessage());
            }
        }
        if (url.startsWith(POSTGRESQL)) {
            return new StoreUrl(url, Backend.POSTGRESQL, null);
        }
        throw new IllegalArgumentException("not a store URL: " + url
                + " (expected jdbc:sqlite:<file> or jdbc:postgresql://<host>[:<port>]/<database>)");
    }

    boolean inMemory() {
        return backend == Backend.SQLITE && file == null;
    }

    /** What the URL names, for messages: never a password. */
    String display() {
        if (backend == Backend.SQLITE) {
            return inMemory() ? "SQLite in memory" : "SQLite file " + file;
        }
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public String toString() {
        return display();
    }

    /** Picocli's converter: a bad URL is a usage error. */
    static final class Converter implements ITypeConverter<StoreUrl> {
        @Override
        public StoreUrl convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

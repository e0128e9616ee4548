package dev.chatstore.jdbc;

import dev.chatstore.internal.SearchSyntax;
import java.util.Map;

/**
 * How a backend matches, scores and highlights its full-text indexes, as SQL fragments the engine
 * assembles into one search (filters, order and keyset paging are the engine's). A fragment's values
 * go to {@code binds} under names it chooses with {@link #bind}, never into the SQL text.
 */
public interface FullText {

    /**
     * What is searched, and the alias of its row: a message's content ({@code m}), a conversation's
     * title ({@code c}), a memory fact's content ({@code f}) or an attachment's extracted text
     * ({@code a}).
     */
    enum Source {
        MESSAGE("m"), TITLE("c"), FACT("f"), ATTACHMENT("a");

        private final String alias;

        Source(String alias) {
            this.alias = alias;
        }

        /** The alias of the source's row in {@link #from}. */
        public String alias() {
            return alias;
        }
    }

    /** The FROM items of {@code source}, its row aliased {@link Source#alias()}. */
    String from(Source source);

    /** The condition that the row of {@code source} matches {@code query}, literal parts included. */
    String matches(Source source, SearchSyntax.Parsed query, Map<String, Object> binds);

    /** The relevance of the matching row, a double precision value, higher is better. */
    String score(Source source, SearchSyntax.Parsed query, Map<String, Object> binds);

    /** A part of the matching text with the query's words between {@code start} and {@code end}. */
    String snippet(Source source, SearchSyntax.Parsed query, Map<String, Object> binds, String start, String end);

    /** Adds {@code value} to {@code binds} under a fresh name and returns the name as a parameter ({@code :name}). */
    static String bind(Map<String, Object> binds, Object value) {
        String name = "fts" + binds.size();
        binds.put(name, value);
        return ":" + name;
    }
}

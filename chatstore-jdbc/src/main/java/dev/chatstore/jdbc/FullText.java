package dev.chatstore.jdbc;

import dev.chatstore.internal.Cjk;
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

    /**
     * A part of the matching text with the query's words between {@code start} and {@code end}, as
     * the text is stored (a backend that indexes text with {@link Cjk#MARK}s removes them:
     * {@link #withoutCjkMarks}).
     */
    String snippet(Source source, SearchSyntax.Parsed query, Map<String, Object> binds, String start, String end);

    /**
     * The SQL expression {@code snippet}, a snippet built from text whose CJK characters are set apart
     * by {@link Cjk#MARK}s ({@link Cjk#setApart}), without the marks: the highlights of two adjacent
     * characters joined into one ({@code <mark>東</mark><mark>京</mark>} is {@code <mark>東京</mark>}),
     * then every mark removed. Plain SQL ({@code replace}) that every backend runs alike.
     */
    static String withoutCjkMarks(String snippet, Map<String, Object> binds, String start, String end) {
        String mark = String.valueOf(Cjk.MARK);
        return "replace(replace(" + snippet + ", " + bind(binds, end + mark + mark + start) + ", ''), "
                + bind(binds, mark) + ", '')";
    }

    /** Adds {@code value} to {@code binds} under a fresh name and returns the name as a parameter ({@code :name}). */
    static String bind(Map<String, Object> binds, Object value) {
        String name = "fts" + binds.size();
        binds.put(name, value);
        return ":" + name;
    }
}

package dev.chatstore.sqlite;

import dev.chatstore.internal.SearchSyntax;
import dev.chatstore.internal.SearchSyntax.Term;
import dev.chatstore.jdbc.FullText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Full-text search on SQLite's FTS5 tables ({@code message_fts}, {@code conversation_fts}, see the V9
 * migration; {@code memory_fact_fts}, {@code attachment_fts}, see V12; all re-created by V15), each
 * of external content (a view of its table's text with each CJK character set apart,
 * {@link TextFold#SPLIT_CJK}) kept by triggers. Every token is quoted in the MATCH expression, so nothing in a query is FTS5 syntax; a
 * term with characters other than letters and digits is also required as a folded substring of the
 * text ({@link TextFold}), for the exactness of {@code 50%_off}. Scores are FTS5's BM25, negated.
 */
final class SqliteFullText implements FullText {

    @Override
    public String from(Source source) {
        String fts = table(source);
        return "main." + fts + " JOIN main." + contentTable(source) + " " + source.alias() + " ON " + source.alias()
                + ".rowid = " + fts + ".rowid";
    }

    @Override
    public String matches(Source source, SearchSyntax.Parsed query, Map<String, Object> binds) {
        List<String> conditions = new ArrayList<>();
        conditions.add(table(source) + " MATCH " + FullText.bind(binds, matchExpression(query)));
        // Terms with literal characters: the index found their tokens; the text must hold them exactly.
        for (List<Term> group : query.groups()) {
            if (group.stream().anyMatch(t -> t.literal() != null)) {
                conditions.add(group.stream().map(t -> exactly(source, t, binds))
                        .collect(Collectors.joining(" OR ", "(", ")")));
            }
        }
        for (Term excluded : query.excluded()) {
            if (excluded.literal() != null) {
                conditions.add("NOT " + exactly(source, excluded, binds));
            }
        }
        return String.join(" AND ", conditions);
    }

    @Override
    public String score(Source source, SearchSyntax.Parsed query, Map<String, Object> binds) {
        return "-bm25(" + table(source) + ")";
    }

    @Override
    public String snippet(Source source, SearchSyntax.Parsed query, Map<String, Object> binds, String start, String end) {
        // The snippet is of the text as indexed, read through the index's content view (V15): marks removed.
        return FullText.withoutCjkMarks("snippet(" + table(source) + ", 0, " + FullText.bind(binds, start) + ", "
                + FullText.bind(binds, end) + ", '…', 16)", binds, start, end);
    }

    /** The FTS5 table of {@code source}. */
    private static String table(Source source) {
        return contentTable(source) + "_fts";
    }

    /** The table whose rows {@code source} indexes. */
    private static String contentTable(Source source) {
        return switch (source) {
            case MESSAGE -> "message";
            case TITLE -> "conversation";
            case FACT -> "memory_fact";
            case ATTACHMENT -> "attachment";
        };
    }

    /** The column {@code source} indexes, qualified by the row's alias. */
    private static String text(Source source) {
        return source.alias() + "." + switch (source) {
            case MESSAGE, FACT -> "content";
            case TITLE -> "title";
            case ATTACHMENT -> "extracted_text";
        };
    }

    /** The FTS5 expression: every group (its alternatives OR-ed), then NOT the excluded terms without literals. */
    private static String matchExpression(SearchSyntax.Parsed query) {
        String positive = query.groups().stream()
                .map(group -> group.stream().map(SqliteFullText::phrase).collect(Collectors.joining(" OR ", "(", ")")))
                .collect(Collectors.joining(" AND "));
        List<String> excluded = query.excluded().stream().filter(t -> t.literal() == null)
                .map(SqliteFullText::phrase).toList();
        return excluded.isEmpty() ? positive : "(" + positive + ") NOT (" + String.join(" OR ", excluded) + ")";
    }

    /** A term as an FTS5 phrase of quoted tokens, the last one a prefix for {@code word*}. */
    private static String phrase(Term term) {
        String tokens = term.tokens().stream().map(t -> t.replace("\"", "\"\"")).collect(Collectors.joining(" "));
        return "\"" + tokens + "\"" + (term.prefix() ? " *" : "");
    }

    /** The row matches the term by the index and holds its literal text (folded) as a substring. */
    private static String exactly(Source source, Term term, Map<String, Object> binds) {
        String rowid = source.alias() + ".rowid";
        String indexed = rowid + " IN (SELECT rowid FROM " + table(source) + " WHERE " + table(source) + " MATCH "
                + FullText.bind(binds, phrase(term)) + ")";
        if (term.literal() == null) {
            return indexed;
        }
        return "(" + indexed + " AND instr(" + TextFold.FUNCTION + "(" + text(source) + "), "
                + FullText.bind(binds, TextFold.fold(term.literal())) + ") > 0)";
    }
}

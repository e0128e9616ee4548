package dev.chatstore.postgres;

import dev.chatstore.internal.SearchSyntax;
import dev.chatstore.internal.SearchSyntax.Term;
import dev.chatstore.jdbc.FullText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Full-text search on the generated tsvector columns {@code message.search} and
 * {@code conversation.title_search} (V9 migration), {@code memory_fact.search} and
 * {@code attachment.text_search} (V12), all recomputed by V15 from the text with each CJK character
 * set apart ({@code chatstore_split_cjk}), with the text search configuration
 * {@code chatstore_search}. Each term becomes a tsquery of its quoted tokens joined by {@code <->}
 * (followed by), the last one {@code :*} for a prefix, so nothing in a query is tsquery syntax; a
 * term with other characters is also required as a folded substring ({@code chatstore_fold}).
 * Scores are {@code ts_rank} normalised by document length (1 + log of the length).
 */
final class PostgresFullText implements FullText {
    private final String schema;

    /** @param schema the schema's quoted name */
    PostgresFullText(String schema) {
        this.schema = schema;
    }

    @Override
    public String from(Source source) {
        String table = switch (source) {
            case MESSAGE -> "message";
            case TITLE -> "conversation";
            case FACT -> "memory_fact";
            case ATTACHMENT -> "attachment";
        };
        return schema + "." + table + " " + source.alias();
    }

    @Override
    public String matches(Source source, SearchSyntax.Parsed query, Map<String, Object> binds) {
        List<String> conditions = new ArrayList<>();
        conditions.add(vector(source) + " @@ " + tsquery(query, binds));
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
        return "ts_rank(" + vector(source) + ", " + tsquery(query, binds) + ", 1)::float8";
    }

    @Override
    public String snippet(Source source, SearchSyntax.Parsed query, Map<String, Object> binds, String start, String end) {
        // The headline is of the text as indexed (CJK characters set apart, V15), so each is a word: marks removed.
        String text = schema + ".chatstore_split_cjk(coalesce(" + text(source) + ", ''))";
        String options = "StartSel=\"" + start + "\", StopSel=\"" + end + "\", MaxWords=16, MinWords=6, ShortWord=1";
        return FullText.withoutCjkMarks("ts_headline(" + config() + ", " + text + ", " + tsquery(query, binds) + ", "
                + FullText.bind(binds, options) + ")", binds, start, end);
    }

    private String config() {
        return "'" + schema + ".chatstore_search'::regconfig";
    }

    /** The tsvector column of {@code source}, qualified by the row's alias. */
    private static String vector(Source source) {
        return source.alias() + "." + switch (source) {
            case MESSAGE, FACT -> "search";
            case TITLE -> "title_search";
            case ATTACHMENT -> "text_search";
        };
    }

    /** The text column {@code source} indexes, qualified by the row's alias. */
    private static String text(Source source) {
        return source.alias() + "." + switch (source) {
            case MESSAGE, FACT -> "content";
            case TITLE -> "title";
            case ATTACHMENT -> "extracted_text";
        };
    }

    /** Every group (its alternatives OR-ed), and NOT the excluded terms without literals. */
    private String tsquery(SearchSyntax.Parsed query, Map<String, Object> binds) {
        List<String> parts = new ArrayList<>();
        for (List<Term> group : query.groups()) {
            parts.add(group.stream().map(t -> term(t, binds)).collect(Collectors.joining(" || ", "(", ")")));
        }
        for (Term excluded : query.excluded()) {
            if (excluded.literal() == null) {
                parts.add("!!" + term(excluded, binds));
            }
        }
        return "(" + String.join(" && ", parts) + ")";
    }

    /** A term's tsquery: its tokens quoted, each followed by the next ({@code <->}), the last a prefix for {@code word*}. */
    private String term(Term term, Map<String, Object> binds) {
        List<String> tokens = term.tokens();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                text.append(" <-> ");
            }
            text.append('\'').append(tokens.get(i).replace("'", "''").replace("\\", "\\\\")).append('\'');
        }
        if (term.prefix()) {
            text.append(":*");
        }
        return "to_tsquery(" + config() + ", " + FullText.bind(binds, text.toString()) + ")";
    }

    /** The row matches the term by the index and holds its literal text (folded) as a substring. */
    private String exactly(Source source, Term term, Map<String, Object> binds) {
        String indexed = vector(source) + " @@ " + term(term, binds);
        if (term.literal() == null) {
            return indexed;
        }
        return "(" + indexed + " AND strpos(" + schema + ".chatstore_fold(" + text(source) + "), " + schema
                + ".chatstore_fold(" + FullText.bind(binds, term.literal()) + ")) > 0)";
    }
}

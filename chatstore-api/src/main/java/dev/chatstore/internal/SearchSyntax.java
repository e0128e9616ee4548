package dev.chatstore.internal;

import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * The full-text query syntax of {@link dev.chatstore.TextQuery}, parsed into what every backend
 * renders its own way: groups that must all match, each of alternatives (OR), and excluded terms.
 * Words are split into their letters and digits (the tokens every backend's index holds), each
 * CJK character a token of its own ({@link Cjk}); a term with any other character also carries its
 * text as a literal, which the backend requires as a
 * substring (folded for case and diacritics), so no character is ever a pattern. Stateless.
 */
public final class SearchSyntax {

    /**
     * A word or phrase.
     *
     * @param tokens  its runs of letters and digits, in order (at least one); each CJK character is one
     * @param literal its text when it holds a character other than letters, digits and spaces, else null
     * @param prefix  whether the last token is a prefix ({@code word*})
     */
    public record Term(List<String> tokens, String literal, boolean prefix) {
        /**
         * Copies {@code tokens}.
         *
         * @param tokens  its runs of letters and digits, not null
         * @param literal its text, or null
         * @param prefix  whether the last token is a prefix
         * @throws NullPointerException if {@code tokens} is or holds null
         */
        public Term {
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * A parsed query: every group must match (by one of its alternatives) and no excluded term may.
     *
     * @param groups   the groups, in query order; each lists its alternatives
     * @param excluded the terms that must not match
     */
    public record Parsed(List<List<Term>> groups, List<Term> excluded) {
        /**
         * Copies the lists.
         *
         * @param groups   the groups, not null
         * @param excluded the excluded terms, not null
         * @throws NullPointerException if a list is or holds null
         */
        public Parsed {
            groups = groups.stream().map(List::copyOf).toList();
            excluded = List.copyOf(excluded);
        }
    }

    private SearchSyntax() {
    }

    /**
     * Parses a full-text query in the syntax of {@link dev.chatstore.TextQuery}.
     *
     * @param text the query, not null
     * @return the parsed query
     * @throws InvalidInputException (argument {@code text}) naming what is malformed, e.g. a lone {@code -}, an
     *                               unclosed quote, or more than {@link Limits#SEARCH_TERMS_MAX} words and phrases
     */
    public static Parsed parse(String text) {
        List<Object> items = new ArrayList<>();   // Term, Excluded or OR
        int terms = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean excluded = false;
            if (c == '-') {
                if (i + 1 >= n || Character.isWhitespace(text.charAt(i + 1))) {
                    throw invalid("a '-' must be followed by the word or phrase to leave out");
                }
                excluded = true;
                i++;
                c = text.charAt(i);
            }
            String body;
            boolean phrase = c == '"';
            if (phrase) {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw invalid("a phrase's quote is not closed: " + clip(text.substring(i)));
                }
                body = text.substring(i + 1, close);
                i = close + 1;
                if (body.isBlank()) {
                    throw invalid("an empty phrase \"\"");
                }
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                body = text.substring(i, end);
                i = end;
                if (!excluded && body.equals("OR")) {
                    items.add(Or.OR);
                    continue;
                }
            }
            boolean prefix = false;
            if (phrase && i < n && text.charAt(i) == '*') {
                prefix = true;
                i++;
            } else if (!phrase && body.length() > 1 && body.endsWith("*")) {
                prefix = true;
                body = body.substring(0, body.length() - 1);
            }
            Term term = term(body, prefix);
            if (++terms > Limits.SEARCH_TERMS_MAX) {
                throw invalid("more than " + Limits.SEARCH_TERMS_MAX + " words and phrases");
            }
            items.add(excluded ? new Excluded(term) : term);
        }
        return group(items);
    }

    private enum Or { OR }

    private record Excluded(Term term) {
    }

    private static Parsed group(List<Object> items) {
        List<List<Term>> groups = new ArrayList<>();
        List<Term> excluded = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            Object item = items.get(k);
            if (item instanceof Excluded x) {
                excluded.add(x.term());
            } else if (item == Or.OR) {
                boolean before = k > 0 && items.get(k - 1) instanceof Term;
                boolean after = k + 1 < items.size() && items.get(k + 1) instanceof Term;
                if (!before || !after) {
                    throw invalid("OR must stand between two words or phrases that are looked for");
                }
                groups.get(groups.size() - 1).add((Term) items.get(++k));
            } else {
                List<Term> group = new ArrayList<>();
                group.add((Term) item);
                groups.add(group);
            }
        }
        if (groups.isEmpty()) {
            throw invalid("a query needs at least one word or phrase to look for, not only ones to leave out");
        }
        return new Parsed(groups, excluded);
    }

    private static Term term(String body, boolean prefix) {
        List<String> tokens = new ArrayList<>();
        boolean literal = false;
        StringBuilder token = new StringBuilder();
        for (int k = 0; k < body.length(); ) {
            int cp = body.codePointAt(k);
            k += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) && Cjk.isCjk(cp)) {
                // A CJK character is a word of its own, as in the index: the term becomes their phrase.
                if (token.length() > 0) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
                tokens.add(Character.toString(cp));
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                token.appendCodePoint(cp);
                continue;
            }
            if (token.length() > 0) {
                tokens.add(token.toString());
                token.setLength(0);
            }
            if (!Character.isWhitespace(cp)) {
                literal = true;
            }
        }
        if (token.length() > 0) {
            tokens.add(token.toString());
        }
        if (tokens.isEmpty()) {
            throw invalid(clip(body) + " has no letters or digits to look for");
        }
        return new Term(tokens, literal ? body.strip() : null, prefix);
    }

    private static String clip(String s) {
        return s.length() <= 40 ? "'" + s + "'" : "'" + s.substring(0, 40) + "…'";
    }

    private static InvalidInputException invalid(String problem) {
        return new InvalidInputException("text", problem);
    }
}

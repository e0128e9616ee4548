package dev.chatstore.jdbc.internal;

import dev.chatstore.ConversationFilter;
import dev.chatstore.HybridHit;
import dev.chatstore.HybridQuery;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.Search;
import dev.chatstore.SearchHit;
import dev.chatstore.TextQuery;
import dev.chatstore.internal.Check;
import dev.chatstore.internal.SearchSyntax;
import dev.chatstore.jdbc.FullText;
import dev.chatstore.jdbc.FullText.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * One user's full-text search over messages, conversation titles, active memory facts and
 * attachments' extracted text: the dialect matches, scores and highlights ({@link FullText}); this
 * class scopes each source to the user and the query's filters (as {@link TextQuery} states them;
 * a conversation filter through the listings' own condition, {@code search.sql}), joins the sources
 * with UNION ALL and pages by (score, kind, id), so the order is total and a page
 * never repeats or skips a hit. Stateless apart from its user; thread-safe.
 */
final class JdbcSearch implements Search {
    private static final String LISTING = "search";

    enum Sql implements SqlStatement {
        CONVERSATIONS_PASSING_FILTER;

        @Override
        public String catalog() {
            return "search";
        }
    }

    private final StoreContext ctx;
    private final String userId;

    JdbcSearch(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
    }

    @Override
    public List<HybridHit> hybrid(HybridQuery query) {
        return new JdbcHybridSearch(this, new JdbcEmbeddings(ctx, userId)).search(query);
    }

    /** A hit's place in the order: score descending, then kind and id ascending. */
    private record Key(double score, String kind, String id) {
    }

    @Override
    public Page<SearchHit> text(TextQuery query, PageRequest page) {
        Check.notNull("query", query);
        int limit = Check.pageLimit(page, Limits.SEARCH_PAGE_DEFAULT, Limits.SEARCH_PAGE_MAX);
        SearchSyntax.Parsed parsed = SearchSyntax.parse(query.text());
        // A cursor belongs to this user and this query: another query's cursor would skip or repeat hits.
        String scope = userId + '\n' + query.text() + '\n' + query.conversationId() + '\n' + query.roles() + '\n'
                + query.from() + '\n' + query.to() + '\n' + query.includeArchived() + '\n' + query.kinds() + '\n'
                + FilterArguments.scope("", query.conversationFilter());
        return ctx.readFor(userId, "search", h -> new Keyset<>(LISTING, scope, new Hits(h, query, parsed)).page(page.cursor(), limit, 3));
    }

    /** The hits in listing order (or reversed), strictly beyond a key. */
    private final class Hits implements Keyset.Source<SearchHit, Key> {
        private final Handle h;
        private final TextQuery query;
        private final SearchSyntax.Parsed parsed;

        Hits(Handle h, TextQuery query, SearchSyntax.Parsed parsed) {
            this.h = h;
            this.query = query;
            this.parsed = parsed;
        }

        @Override
        public List<SearchHit> fetch(boolean inListingOrder, Key bound, int limit) {
            Map<String, Object> binds = new HashMap<>();
            String sql = sql(query, parsed, inListingOrder, bound, binds);
            if (sql == null) {
                return List.of();   // only kinds that the roles leave out: nothing can match
            }
            Query q = h.createQuery(sql).bind("userId", userId).bind("limit", limit);
            if (binds.containsKey("containment")) {
                // SQLite's conversation filter condition has no use for PostgreSQL's index key.
                q.configure(org.jdbi.v3.core.statement.SqlStatements.class, c -> c.setUnusedBindingAllowed(true));
            }
            binds.forEach(q::bind);
            return q.map((rs, c) -> new SearchHit(
                    SearchHit.Kind.valueOf(rs.getString("kind")),
                    rs.getString("id"),
                    rs.getString("conversation_id"),
                    rs.getString("conversation_title"),
                    rs.getLong("seq"),
                    rs.getString("role") == null ? null : Role.parse(rs.getString("role")),
                    rs.getString("snippet"),
                    rs.getDouble("score"),
                    ctx.dialect.readInstant(rs, "created_at"))).list();
        }

        @Override
        public Key keyOf(SearchHit hit) {
            return new Key(hit.score(), hit.kind().name(), hit.id());
        }

        @Override
        public Key start() {
            return null;
        }

        @Override
        public List<String> encodeKey(Key key) {
            return List.of(Long.toString(Double.doubleToLongBits(key.score())), key.kind(), key.id());
        }

        @Override
        public Key decodeKey(Cursor cursor) {
            double score = Double.longBitsToDouble(cursor.longPart(0));
            String kind = cursor.key().get(1);
            try {
                SearchHit.Kind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("cursor", "is garbled");
            }
            return new Key(score, kind, Check.id("cursor", cursor.key().get(2)));
        }
    }

    /** The search's SQL, or null when the query's kinds and roles leave no source to search. */
    private String sql(TextQuery query, SearchSyntax.Parsed parsed, boolean forward, Key bound,
                       Map<String, Object> binds) {
        FullText fts = ctx.dialect.fullText();
        String schema = ctx.dialect.schema();
        List<String> selects = new ArrayList<>();
        String passing = passingConversations(query, binds);
        boolean titles = query.kinds().contains(SearchHit.Kind.CONVERSATION_TITLE) && query.roles().isEmpty();
        if (query.kinds().contains(SearchHit.Kind.MESSAGE)) {
            List<String> where = new ArrayList<>(List.of(fts.matches(Source.MESSAGE, parsed, binds), "m.user_id = :userId"));
            if (query.conversationId() != null) {
                where.add("m.conversation_id = " + FullText.bind(binds, query.conversationId()));
            }
            if (passing != null) {
                where.add("m.conversation_id IN " + passing);
            }
            if (!query.roles().isEmpty()) {
                where.add("m.role IN (" + query.roles().stream().sorted()
                        .map(r -> FullText.bind(binds, r.wireName())).collect(Collectors.joining(", ")) + ")");
            }
            timeAndArchive(query, "m.created_at", where, binds);
            selects.add("SELECT 'MESSAGE' AS kind, m.id AS id, m.conversation_id AS conversation_id,"
                    + " c.title AS conversation_title, m.seq AS seq, m.role AS role, "
                    + fts.snippet(Source.MESSAGE, parsed, binds, SearchHit.HIGHLIGHT_START, SearchHit.HIGHLIGHT_END)
                    + " AS snippet, " + fts.score(Source.MESSAGE, parsed, binds) + " AS score, m.created_at AS created_at"
                    + " FROM " + fts.from(Source.MESSAGE) + " JOIN " + schema + ".conversation c ON c.id = m.conversation_id"
                    + " WHERE " + String.join(" AND ", where));
        }
        if (titles) {
            List<String> where = new ArrayList<>(List.of(fts.matches(Source.TITLE, parsed, binds), "c.user_id = :userId"));
            if (query.conversationId() != null) {
                where.add("c.id = " + FullText.bind(binds, query.conversationId()));
            }
            if (passing != null) {
                where.add("c.id IN " + passing);
            }
            timeAndArchive(query, "c.created_at", where, binds);
            selects.add("SELECT 'CONVERSATION_TITLE' AS kind, c.id AS id, c.id AS conversation_id,"
                    + " c.title AS conversation_title, 0 AS seq, CAST(NULL AS TEXT) AS role, "
                    + fts.snippet(Source.TITLE, parsed, binds, SearchHit.HIGHLIGHT_START, SearchHit.HIGHLIGHT_END)
                    + " AS snippet, " + fts.score(Source.TITLE, parsed, binds) + " AS score, c.created_at AS created_at"
                    + " FROM " + fts.from(Source.TITLE) + " WHERE " + String.join(" AND ", where));
        }
        // Facts and attachments have no role: like titles, they are left out when roles are asked for.
        boolean others = query.roles().isEmpty();
        if (others && query.kinds().contains(SearchHit.Kind.FACT)) {
            List<String> where = new ArrayList<>(List.of(fts.matches(Source.FACT, parsed, binds), "f.user_id = :userId",
                    "f.active = " + FullText.bind(binds, true)));
            if (query.conversationId() != null) {
                where.add("f.source_conversation_id = " + FullText.bind(binds, query.conversationId()));
            }
            if (passing != null) {
                // A fact without a source conversation (NULL) is not in any.
                where.add("f.source_conversation_id IN " + passing);
            }
            timeRange(query, "f.created_at", where, binds);
            if (!query.includeArchived()) {
                // A fact learned in an archived conversation goes with it; one without a source stays.
                where.add("(c.id IS NULL OR c.archived = " + FullText.bind(binds, false) + ")");
            }
            selects.add("SELECT 'FACT' AS kind, f.id AS id, c.id AS conversation_id,"
                    + " c.title AS conversation_title, 0 AS seq, CAST(NULL AS TEXT) AS role, "
                    + fts.snippet(Source.FACT, parsed, binds, SearchHit.HIGHLIGHT_START, SearchHit.HIGHLIGHT_END)
                    + " AS snippet, " + fts.score(Source.FACT, parsed, binds) + " AS score, f.created_at AS created_at"
                    + " FROM " + fts.from(Source.FACT) + " LEFT JOIN " + schema + ".conversation c"
                    + " ON c.id = f.source_conversation_id AND c.user_id = f.user_id"
                    + " WHERE " + String.join(" AND ", where));
        }
        if (others && query.kinds().contains(SearchHit.Kind.ATTACHMENT)) {
            List<String> where = new ArrayList<>(List.of(fts.matches(Source.ATTACHMENT, parsed, binds), "a.user_id = :userId"));
            if (query.conversationId() != null) {
                where.add("EXISTS (SELECT 1 FROM " + schema + ".conversation_attachment ca WHERE ca.attachment_id = a.id"
                        + " AND ca.user_id = :userId AND ca.conversation_id = " + FullText.bind(binds, query.conversationId()) + ")");
            }
            if (passing != null) {
                where.add("EXISTS (SELECT 1 FROM " + schema + ".conversation_attachment ca WHERE ca.attachment_id = a.id"
                        + " AND ca.user_id = :userId AND ca.conversation_id IN " + passing + ")");
            }
            timeRange(query, "a.created_at", where, binds);
            if (!query.includeArchived()) {
                // Left out only when every conversation it is linked to is archived; a file linked nowhere stays.
                where.add("(NOT EXISTS (SELECT 1 FROM " + schema + ".conversation_attachment ca"
                        + " WHERE ca.attachment_id = a.id AND ca.user_id = :userId)"
                        + " OR EXISTS (SELECT 1 FROM " + schema + ".conversation_attachment ca JOIN " + schema
                        + ".conversation lc ON lc.id = ca.conversation_id WHERE ca.attachment_id = a.id"
                        + " AND ca.user_id = :userId AND lc.archived = " + FullText.bind(binds, false) + "))");
            }
            selects.add("SELECT 'ATTACHMENT' AS kind, a.id AS id, CAST(NULL AS TEXT) AS conversation_id,"
                    + " CAST(NULL AS TEXT) AS conversation_title, 0 AS seq, CAST(NULL AS TEXT) AS role, "
                    + fts.snippet(Source.ATTACHMENT, parsed, binds, SearchHit.HIGHLIGHT_START, SearchHit.HIGHLIGHT_END)
                    + " AS snippet, " + fts.score(Source.ATTACHMENT, parsed, binds) + " AS score, a.created_at AS created_at"
                    + " FROM " + fts.from(Source.ATTACHMENT) + " WHERE " + String.join(" AND ", where));
        }
        if (selects.isEmpty()) {
            return null;
        }
        String keyset = "";
        if (bound != null) {
            String s = FullText.bind(binds, bound.score());
            String k = FullText.bind(binds, bound.kind());
            String i = FullText.bind(binds, bound.id());
            String beyondScore = forward ? "<" : ">";
            String beyondKey = forward ? ">" : "<";
            keyset = " WHERE (score " + beyondScore + " " + s + " OR (score = " + s + " AND (kind " + beyondKey + " " + k
                    + " OR (kind = " + k + " AND id " + beyondKey + " " + i + "))))";
        }
        String order = forward ? "score DESC, kind ASC, id ASC" : "score ASC, kind DESC, id DESC";
        // MATERIALIZED: the hits are scored once, and the keyset filter is not pushed into the index query.
        return "WITH hits AS MATERIALIZED (" + String.join(" UNION ALL ", selects) + ")"
                + " SELECT kind, id, conversation_id, conversation_title, seq, role, snippet, score, created_at FROM hits"
                + keyset + " ORDER BY " + order + " LIMIT :limit";
    }

    /**
     * The parenthesized subquery of the ids of the conversations that pass the query's conversation
     * filter (not archived ones when the query leaves them out), its arguments added to
     * {@code binds}; null when the filter has no condition.
     */
    private String passingConversations(TextQuery query, Map<String, Object> binds) {
        ConversationFilter filter = query.conversationFilter();
        if (filter.isEmpty()) {
            return null;
        }
        binds.put("anyPin", filter.pinnedCondition().isEmpty());
        binds.put("pinnedOnly", filter.pinnedCondition().orElse(false));
        binds.put("archivedToo", query.includeArchived());
        binds.put("conditions", FilterArguments.conditions(filter));
        binds.put("containment", FilterArguments.containment(filter));
        return "(" + ctx.sql(Sql.CONVERSATIONS_PASSING_FILTER) + ")";
    }

    private static void timeRange(TextQuery query, String createdAt, List<String> where, Map<String, Object> binds) {
        if (query.from() != null) {
            where.add(createdAt + " >= " + FullText.bind(binds, query.from()));
        }
        if (query.to() != null) {
            where.add(createdAt + " < " + FullText.bind(binds, query.to()));
        }
    }

    private static void timeAndArchive(TextQuery query, String createdAt, List<String> where, Map<String, Object> binds) {
        timeRange(query, createdAt, where, binds);
        if (!query.includeArchived()) {
            where.add("c.archived = " + FullText.bind(binds, false));
        }
    }
}

package dev.chatstore;

import java.util.List;

/**
 * Full-text search over one user's messages, conversation titles, active memory facts and attachments'
 * extracted text, and hybrid search with their embeddings. The index is kept in the same
 * transaction as every write, so a search sees exactly what is stored. Thread-safe.
 *
 * <p>The same on every backend: the query syntax and filters of {@link TextQuery}, among them
 * {@link TextQuery#inConversations} with the conversation listings' {@link ConversationFilter}.
 * Chinese, Japanese and Korean text is searched character by character: each Han, Hiragana,
 * Katakana and Hangul character is a word of its own, and a query word of such characters is the
 * phrase of them, so {@code 東京} finds "東京都に住んでいます" but not "京都の東".
 */
public interface Search {

    /**
     * The user's messages, titles, facts and attachment texts that match {@code query} and pass its
     * filters, best first: a higher
     * {@link SearchHit#score} first, then by kind and id, so the order is total and pages never
     * overlap. The cursor of a page belongs to its query; another query's cursor is an
     * {@link InvalidInputException}.
     *
     * @param query the words and filters, not null
     * @param page  which page; default size {@link Limits#SEARCH_PAGE_DEFAULT}
     * @return the page of hits, best first, each with a highlighted snippet
     * @throws InvalidInputException if the page size is above {@link Limits#SEARCH_PAGE_MAX} or the
     *                               cursor is not one of this query's
     */
    Page<SearchHit> text(TextQuery query, PageRequest page);

    /**
     * Full-text and semantic search in one call, fused by reciprocal rank fusion: the text side's
     * best {@link HybridQuery#candidates} hits and the vector side's, each ranked from 1, a hit scoring
     * {@code 1 / (rankConstant + rank)} per side it is in. A message found by both sides is one hit.
     * Best first: a higher fused score, then id and chunk index ascending, so equal scores come in
     * the same order on every backend. At most {@link HybridQuery#limit} hits; empty if neither side
     * finds anything. Each side reads its own consistent snapshot: a write between them may be seen
     * by one side only.
     *
     * @param query the two sides and the fusion settings
     * @return the fused hits, best first
     * @throws InvalidInputException if {@code query} is null, or its vector's dimension differs from its model's
     */
    List<HybridHit> hybrid(HybridQuery query);
}

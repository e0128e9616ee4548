package dev.chatstore;

/**
 * Full-text search over one user's messages and conversation titles. The index is kept in the same
 * transaction as every write, so a search sees exactly what is stored. Thread-safe.
 */
public interface Search {

    /**
     * The user's messages and conversation titles that match {@code query}, best first: a higher
     * {@link SearchHit#score} first, then by kind and id, so the order is total and pages never
     * overlap. The cursor of a page belongs to its query; another query's cursor is an
     * {@link InvalidInputException}.
     *
     * @throws InvalidInputException if the page size is above {@link Limits#SEARCH_PAGE_MAX} or the
     *                               cursor is not one of this query's
     */
    Page<SearchHit> text(TextQuery query, PageRequest page);
}

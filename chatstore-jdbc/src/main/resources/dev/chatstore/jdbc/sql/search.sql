-- Search's own statements; owned by JdbcSearch, which assembles the search itself from the
-- dialect's full-text fragments (see FullText).

-- The ids of the user's conversations that pass a ConversationFilter (TextQuery.inConversations): a
-- subquery each hit kind tests its conversation against (IN), evaluated once per kind, not per
-- hit. The metadata conditions are the listings' own (${conversationFilterMatches}); archived
-- conversations pass unless :archivedToo is false.
-- name: conversationsPassingFilter
SELECT c.id FROM ${schema}.conversation c
WHERE c.user_id = :userId AND (:anyPin OR c.pinned = :pinnedOnly) AND (:archivedToo OR NOT c.archived)
  AND ${conversationFilterMatches}

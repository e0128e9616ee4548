-- PostgreSQL's own SQL for statements of the engine's conversation.sql (same names, same parameters).

-- Metadata filters: ${conversationFilterMatches} (this folder's conversation_filter.sql) is the
-- condition: the GIN index conversation_metadata_path_ops (V11) finds the rows whose metadata
-- contains :containment, and each condition of :conditions is then checked exactly.
-- The matches are gathered first (MATERIALIZED) and then sorted: the planner cannot tell how rare
-- a metadata value is (containment has no statistics), and given the page's LIMIT it would walk
-- the user's rows in list order betting on finding a page of matches early, which for a rare
-- value reads every conversation of the user. Gathered first, it weighs the metadata index
-- against the user's rows without that bet; a page then costs the matches beyond its cursor. The
-- keyset condition is spelt out per column: PostgreSQL estimates a row comparison from its first
-- column alone (the pin), which makes a page past a cursor look empty and the list index cheap.

-- name: filteredPageAbove
WITH matched AS MATERIALIZED (
SELECT ${conversationColumns}
FROM ${schema}.conversation c
WHERE c.user_id = :userId AND c.archived = :archived AND (:anyPin OR c.pinned = :pinnedOnly)
  AND (c.pinned > :pinned OR c.pinned = :pinned AND (c.activity_seq, c.id) > (:activitySeq, :id))
  AND ${conversationFilterMatches}
)
SELECT * FROM matched
ORDER BY pinned ASC, activity_seq ASC, id ASC
LIMIT :limit

-- name: filteredPageBelow
WITH matched AS MATERIALIZED (
SELECT ${conversationColumns}
FROM ${schema}.conversation c
WHERE c.user_id = :userId AND c.archived = :archived AND (:anyPin OR c.pinned = :pinnedOnly)
  AND (c.pinned < :pinned OR c.pinned = :pinned AND (c.activity_seq, c.id) < (:activitySeq, :id))
  AND ${conversationFilterMatches}
)
SELECT * FROM matched
ORDER BY pinned DESC, activity_seq DESC, id DESC
LIMIT :limit

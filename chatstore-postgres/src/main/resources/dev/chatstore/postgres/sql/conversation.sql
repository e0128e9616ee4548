-- PostgreSQL's own SQL for statements of the engine's conversation.sql (same names, same parameters).

-- Metadata filters: the GIN index conversation_metadata_path_ops (V11) on metadata::jsonb finds the
-- rows whose metadata contains :containment, a superset of the matches (jsonb containment takes a
-- nested object for a larger one and an array for one of its elements); the NOT EXISTS then checks
-- each condition of :conditions exactly, with jsonb equality: same type, numbers by value, object
-- members in any order, arrays in order. A missing key gives NULL, which is no match.
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
  AND (c.metadata::jsonb) @> CAST(:containment AS jsonb)
  AND NOT EXISTS (
    SELECT 1 FROM jsonb_array_elements(CAST(:conditions AS jsonb)) f
    WHERE NOT COALESCE(CASE f ->> 0
        WHEN 'eq' THEN (c.metadata::jsonb) -> (f ->> 1) = f -> 2
        ELSE CASE WHEN jsonb_typeof((c.metadata::jsonb) -> (f ->> 1)) = 'array'
                  THEN EXISTS (SELECT 1 FROM jsonb_array_elements((c.metadata::jsonb) -> (f ->> 1)) e WHERE e = f -> 2)
                  ELSE FALSE END
      END, FALSE))
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
  AND (c.metadata::jsonb) @> CAST(:containment AS jsonb)
  AND NOT EXISTS (
    SELECT 1 FROM jsonb_array_elements(CAST(:conditions AS jsonb)) f
    WHERE NOT COALESCE(CASE f ->> 0
        WHEN 'eq' THEN (c.metadata::jsonb) -> (f ->> 1) = f -> 2
        ELSE CASE WHEN jsonb_typeof((c.metadata::jsonb) -> (f ->> 1)) = 'array'
                  THEN EXISTS (SELECT 1 FROM jsonb_array_elements((c.metadata::jsonb) -> (f ->> 1)) e WHERE e = f -> 2)
                  ELSE FALSE END
      END, FALSE))
)
SELECT * FROM matched
ORDER BY pinned DESC, activity_seq DESC, id DESC
LIMIT :limit

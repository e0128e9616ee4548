-- PostgreSQL's own fragment of the engine's conversation_filter.sql (same name, same parameters).

-- The GIN index conversation_metadata_path_ops (V11) on metadata::jsonb finds the rows whose
-- metadata contains :containment, a superset of the matches (jsonb containment takes a nested
-- object for a larger one and an array for one of its elements); the NOT EXISTS then checks each
-- condition of :conditions exactly, with jsonb equality: same type, numbers by value, object
-- members in any order, arrays in order. A missing key gives NULL, which is no match.

-- name: conversationFilterMatches
((c.metadata::jsonb) @> CAST(:containment AS jsonb)
  AND NOT EXISTS (
    SELECT 1 FROM jsonb_array_elements(CAST(:conditions AS jsonb)) f
    WHERE NOT COALESCE(CASE f ->> 0
        WHEN 'eq' THEN (c.metadata::jsonb) -> (f ->> 1) = f -> 2
        ELSE CASE WHEN jsonb_typeof((c.metadata::jsonb) -> (f ->> 1)) = 'array'
                  THEN EXISTS (SELECT 1 FROM jsonb_array_elements((c.metadata::jsonb) -> (f ->> 1)) e WHERE e = f -> 2)
                  ELSE FALSE END
      END, FALSE)))

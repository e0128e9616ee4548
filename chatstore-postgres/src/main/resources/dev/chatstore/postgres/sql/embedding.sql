-- PostgreSQL's own SQL for statements of the engine's embedding.sql (same names, same parameters).

-- json_each is SQLite's; PostgreSQL unpacks the JSON array of keys with jsonb_array_elements.
-- name: vectorsByKey
SELECT e.norm, e.vector, e.target_id, e.chunk_index, e.kind, e.conversation_id,
       CASE WHEN ${embeddingFilter} THEN 1 ELSE 0 END AS passes
FROM jsonb_array_elements(CAST(:keys AS jsonb)) AS k (value)
JOIN ${schema}.embedding e
  ON e.user_id = :userId AND e.model = :model AND e.kind = k.value ->> 0 AND e.target_id = k.value ->> 1
     AND e.chunk_index = CAST(k.value ->> 2 AS integer)

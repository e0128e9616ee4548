-- Statements of the search cache. ${schema} qualifies tables. An entry is live while
-- expires_at > now; expired entries stay until purged or replaced.

-- name: upsert
INSERT INTO ${schema}.search_cache (user_id, query_hash, query, results, expires_at, created_at)
VALUES (:userId, :queryHash, :query, :results, :expiresAt, :now)
ON CONFLICT (user_id, query_hash) DO UPDATE SET
    query = excluded.query, results = excluded.results, expires_at = excluded.expires_at,
    created_at = excluded.created_at

-- name: live
SELECT results FROM ${schema}.search_cache
WHERE user_id = :userId AND query_hash = :queryHash AND expires_at > :now

-- name: deleteLive
DELETE FROM ${schema}.search_cache
WHERE user_id = :userId AND query_hash = :queryHash AND expires_at > :now

-- name: delete
DELETE FROM ${schema}.search_cache WHERE user_id = :userId AND query_hash = :queryHash

-- Statements of the settings repository. ${schema} qualifies tables. Store-wide settings use the
-- empty user id, which no user has.

-- name: upsert
INSERT INTO ${schema}.setting (user_id, key, value, updated_at)
VALUES (:userId, :key, :value, :now)
ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at

-- name: byKey
SELECT value FROM ${schema}.setting WHERE user_id = :userId AND key = :key

-- name: all
SELECT key, value FROM ${schema}.setting WHERE user_id = :userId ORDER BY key

-- name: delete
DELETE FROM ${schema}.setting WHERE user_id = :userId AND key = :key

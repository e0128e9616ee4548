-- Statements of the user profile repository. ${schema} qualifies tables; ${forUpdate} comes from the dialect.

-- name: ensure
INSERT INTO ${schema}.user_profile (user_id, active, preferences, created_at, updated_at)
VALUES (:userId, TRUE, :emptyPreferences, :now, :now)
ON CONFLICT (user_id) DO NOTHING

-- name: upsert
INSERT INTO ${schema}.user_profile (user_id, email, display_name, active, preferences, created_at, updated_at)
VALUES (:userId, :email, :displayName, :active, :emptyPreferences, :now, :now)
ON CONFLICT (user_id) DO UPDATE SET
    email = excluded.email,
    display_name = excluded.display_name,
    active = excluded.active,
    updated_at = excluded.updated_at

-- name: emailOwner
SELECT user_id FROM ${schema}.user_profile WHERE email = :email AND user_id <> :userId

-- name: byUser
SELECT user_id, email, display_name, active, preferences, active_conversation_id, created_at, updated_at,
       last_active_at
FROM ${schema}.user_profile
WHERE user_id = :userId

-- name: lockPreferences
SELECT preferences FROM ${schema}.user_profile WHERE user_id = :userId ${forUpdate}

-- name: setPreferences
UPDATE ${schema}.user_profile SET preferences = :preferences, updated_at = :now WHERE user_id = :userId

-- name: touch
UPDATE ${schema}.user_profile SET last_active_at = :now WHERE user_id = :userId

-- name: setActiveConversation
UPDATE ${schema}.user_profile SET active_conversation_id = :conversationId, updated_at = :now
WHERE user_id = :userId

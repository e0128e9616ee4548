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

-- Emails are unique across users through email_claim, a store-wide table (one row per email, so a
-- store distributed by user_id keeps it as a reference table): a profile's email is claimed in the
-- transaction that writes the profile. A concurrent claim of the same email waits for the first
-- to commit, then does nothing, and the owner read next is the other user.
-- name: claimEmail
INSERT INTO ${schema}.email_claim (email, user_id) VALUES (:email, :userId)
ON CONFLICT (email) DO NOTHING

-- name: emailOwner
SELECT user_id FROM ${schema}.email_claim WHERE email = :email

-- name: releaseOtherEmails
DELETE FROM ${schema}.email_claim WHERE user_id = :userId AND email <> :email

-- name: releaseEmails
DELETE FROM ${schema}.email_claim WHERE user_id = :userId

-- The emails of profiles an import wrote; an email another user has already is refused (its key).
-- name: claimImportedEmails
INSERT INTO ${schema}.email_claim (email, user_id)
SELECT p.email, p.user_id FROM ${schema}.user_profile p WHERE p.user_id = :userId AND p.email IS NOT NULL

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

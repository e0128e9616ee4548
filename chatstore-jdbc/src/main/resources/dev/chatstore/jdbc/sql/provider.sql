-- Statements of the provider configuration repository. ${schema} qualifies tables. The API key
-- columns (ciphertext, IV, key id) are written together or not at all.

-- name: upsertWithKey
INSERT INTO ${schema}.provider_config
    (user_id, provider_id, base_url, enabled, model_preferences, api_key_ciphertext, api_key_iv,
     api_key_key_id, created_at, updated_at)
VALUES (:userId, :providerId, :baseUrl, :enabled, :modelPreferences, :ciphertext, :iv, :keyId, :now, :now)
ON CONFLICT (user_id, provider_id) DO UPDATE SET
    base_url = excluded.base_url, enabled = excluded.enabled, model_preferences = excluded.model_preferences,
    api_key_ciphertext = excluded.api_key_ciphertext, api_key_iv = excluded.api_key_iv,
    api_key_key_id = excluded.api_key_key_id, updated_at = excluded.updated_at

-- name: upsertKeepingKey
INSERT INTO ${schema}.provider_config
    (user_id, provider_id, base_url, enabled, model_preferences, created_at, updated_at)
VALUES (:userId, :providerId, :baseUrl, :enabled, :modelPreferences, :now, :now)
ON CONFLICT (user_id, provider_id) DO UPDATE SET
    base_url = excluded.base_url, enabled = excluded.enabled, model_preferences = excluded.model_preferences,
    updated_at = excluded.updated_at

-- name: byId
SELECT ${providerColumns}
FROM ${schema}.provider_config pc
WHERE pc.user_id = :userId AND pc.provider_id = :providerId

-- name: list
SELECT ${providerColumns}
FROM ${schema}.provider_config pc
WHERE pc.user_id = :userId
ORDER BY pc.provider_id

-- name: apiKey
SELECT api_key_ciphertext, api_key_iv, api_key_key_id
FROM ${schema}.provider_config
WHERE user_id = :userId AND provider_id = :providerId AND api_key_key_id IS NOT NULL

-- name: clearApiKey
UPDATE ${schema}.provider_config
SET api_key_ciphertext = NULL, api_key_iv = NULL, api_key_key_id = NULL, updated_at = :now
WHERE user_id = :userId AND provider_id = :providerId

-- name: delete
DELETE FROM ${schema}.provider_config WHERE user_id = :userId AND provider_id = :providerId

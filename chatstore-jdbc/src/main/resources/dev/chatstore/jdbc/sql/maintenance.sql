-- Store-wide statements: statistics, search cache purge, encryption key rotation. ${schema}
-- qualifies tables; ${forUpdate} locks the rows read before rewriting them where needed.

-- name: statistics
SELECT
    (SELECT COUNT(*) FROM (SELECT user_id FROM ${schema}.user_profile
                           UNION
                           SELECT user_id FROM ${schema}.conversation) AS known_users) AS users,
    (SELECT COUNT(*) FROM ${schema}.conversation) AS conversations,
    (SELECT COUNT(*) FROM ${schema}.message) AS messages,
    (SELECT COUNT(*) FROM ${schema}.persona WHERE status = 'active') AS active_personas

-- name: purgeExpiredSearchCache
DELETE FROM ${schema}.search_cache WHERE expires_at <= :now

-- name: secretsNotUnderKey
SELECT user_id, provider_id, api_key_ciphertext, api_key_iv, api_key_key_id
FROM ${schema}.provider_config
WHERE api_key_key_id IS NOT NULL AND api_key_key_id <> :keyId
ORDER BY user_id, provider_id
${forUpdate}

-- name: reencrypt
UPDATE ${schema}.provider_config
SET api_key_ciphertext = :ciphertext, api_key_iv = :iv, api_key_key_id = :keyId
WHERE user_id = :userId AND provider_id = :providerId AND api_key_key_id = :previousKeyId

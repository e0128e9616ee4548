-- Export and erasure of everything of one user. ${schema} qualifies tables.

-- name: exportConversations
SELECT ${conversationColumns}
FROM ${schema}.conversation c
WHERE c.user_id = :userId
ORDER BY c.id

-- Conversation by conversation, each in sequence order through the (conversation_id, seq) key.
-- name: exportMessages
SELECT ${messageColumns}
FROM ${schema}.conversation c
JOIN ${schema}.message m ON m.user_id = c.user_id AND m.conversation_id = c.id
WHERE c.user_id = :userId
ORDER BY c.id, m.seq

-- name: exportAttachments
SELECT ${attachmentColumns}, a.inline_data
FROM ${schema}.attachment a
WHERE a.user_id = :userId
ORDER BY a.id

-- name: exportFacts
SELECT ${factColumns}
FROM ${schema}.memory_fact f
WHERE f.user_id = :userId
ORDER BY f.id

-- name: exportSettings
SELECT key, value FROM ${schema}.setting WHERE user_id = :userId ORDER BY key

-- name: exportProviders
SELECT provider_id, base_url, enabled, model_preferences FROM ${schema}.provider_config
WHERE user_id = :userId ORDER BY provider_id

-- name: eraseSearchCache
DELETE FROM ${schema}.search_cache WHERE user_id = :userId

-- First, so the deletes of messages, facts and attachments find no vector to cascade to.
-- name: eraseEmbeddings
DELETE FROM ${schema}.embedding WHERE user_id = :userId

-- name: eraseEmbeddingModels
DELETE FROM ${schema}.embedding_model WHERE user_id = :userId

-- name: eraseProviders
DELETE FROM ${schema}.provider_config WHERE user_id = :userId

-- name: eraseSettings
DELETE FROM ${schema}.setting WHERE user_id = :userId

-- The user's email, free for another user.
-- name: eraseEmailClaims
DELETE FROM ${schema}.email_claim WHERE user_id = :userId

-- name: eraseProfile
DELETE FROM ${schema}.user_profile WHERE user_id = :userId

-- name: eraseFacts
DELETE FROM ${schema}.memory_fact WHERE user_id = :userId

-- Conversations take their messages and attachment links with them (ON DELETE CASCADE).
-- name: eraseConversations
DELETE FROM ${schema}.conversation WHERE user_id = :userId

-- name: eraseAttachments
DELETE FROM ${schema}.attachment WHERE user_id = :userId

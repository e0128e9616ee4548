-- Statements of usage reports. ${schema} qualifies tables. Time ranges are half-open:
-- created_at >= :from AND created_at < :to.

-- name: conversationsCreated
SELECT COUNT(*) FROM ${schema}.conversation
WHERE user_id = :userId AND created_at >= :from AND created_at < :to

-- name: messagesByRole
SELECT role, COUNT(*) AS messages FROM ${schema}.message
WHERE user_id = :userId AND created_at >= :from AND created_at < :to
GROUP BY role

-- name: tokensByModel
SELECT model_name, COALESCE(SUM(prompt_tokens), 0) AS prompt_tokens,
       COALESCE(SUM(completion_tokens), 0) AS completion_tokens
FROM ${schema}.message
WHERE user_id = :userId AND created_at >= :from AND created_at < :to AND model_name IS NOT NULL
GROUP BY model_name

-- name: conversationTokens
SELECT COALESCE(SUM(prompt_tokens), 0) AS prompt_tokens,
       COALESCE(SUM(completion_tokens), 0) AS completion_tokens
FROM ${schema}.message
WHERE conversation_id = :id AND user_id = :userId

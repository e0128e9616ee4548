-- Statements of the memory fact repository. ${schema} qualifies tables. Listing order:
-- confidence descending, then id (creation order) descending.

-- name: insert
INSERT INTO ${schema}.memory_fact
    (id, user_id, category, content, confidence, active, source_conversation_id, source_message_id,
     created_at, updated_at)
VALUES (:id, :userId, :category, :content, :confidence, TRUE, :sourceConversationId, :sourceMessageId,
        :now, :now)

-- name: byId
SELECT ${factColumns}
FROM ${schema}.memory_fact f
WHERE f.id = :id AND f.user_id = :userId

-- name: pageLower
SELECT ${factColumns}
FROM ${schema}.memory_fact f
WHERE f.user_id = :userId
  AND (:category IS NULL OR f.category = :category)
  AND (f.active OR NOT :activeOnly)
  AND f.confidence >= :minConfidence
  AND (f.confidence, f.id) < (:confidence, :id)
ORDER BY f.confidence DESC, f.id DESC
LIMIT :limit

-- name: pageHigher
SELECT ${factColumns}
FROM ${schema}.memory_fact f
WHERE f.user_id = :userId
  AND (:category IS NULL OR f.category = :category)
  AND (f.active OR NOT :activeOnly)
  AND f.confidence >= :minConfidence
  AND (f.confidence, f.id) > (:confidence, :id)
ORDER BY f.confidence ASC, f.id ASC
LIMIT :limit

-- name: update
UPDATE ${schema}.memory_fact
SET content = COALESCE(:content, content), confidence = COALESCE(:confidence, confidence), updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: deactivate
UPDATE ${schema}.memory_fact SET active = FALSE, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: delete
DELETE FROM ${schema}.memory_fact WHERE id = :id AND user_id = :userId

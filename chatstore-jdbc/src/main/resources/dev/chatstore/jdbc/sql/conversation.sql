-- Statements of the conversation repository. ${schema} qualifies tables; ${nextActivitySeq}
-- and ${forUpdate} come from the dialect (see dev.chatstore.jdbc.Dialect#placeholders).

-- name: insertIfAbsent
INSERT INTO ${schema}.conversation
    (id, user_id, persona_id, title, metadata, message_count, last_seq, last_message_at,
     activity_seq, created_at, updated_at)
VALUES (:id, :userId, :personaId, :title, :metadata, 0, 0, NULL,
        ${nextActivitySeq}, :now, :now)
ON CONFLICT (user_id, persona_id) DO NOTHING

-- name: byId
SELECT id, user_id, persona_id, title, metadata, message_count, last_message_at, activity_seq,
       created_at, updated_at
FROM ${schema}.conversation
WHERE id = :id AND user_id = :userId

-- name: byPersona
SELECT id, user_id, persona_id, title, metadata, message_count, last_message_at, activity_seq,
       created_at, updated_at
FROM ${schema}.conversation
WHERE user_id = :userId AND persona_id = :personaId

-- name: exists
SELECT 1 FROM ${schema}.conversation WHERE id = :id AND user_id = :userId

-- name: lastSeqForWrite
SELECT last_seq FROM ${schema}.conversation WHERE id = :id AND user_id = :userId ${forUpdate}

-- name: pageNewer
SELECT id, user_id, persona_id, title, metadata, message_count, last_message_at, activity_seq,
       created_at, updated_at
FROM ${schema}.conversation
WHERE user_id = :userId AND (activity_seq, id) > (:activitySeq, :id)
ORDER BY activity_seq ASC, id ASC
LIMIT :limit

-- name: pageOlder
SELECT id, user_id, persona_id, title, metadata, message_count, last_message_at, activity_seq,
       created_at, updated_at
FROM ${schema}.conversation
WHERE user_id = :userId AND (activity_seq, id) < (:activitySeq, :id)
ORDER BY activity_seq DESC, id DESC
LIMIT :limit

-- name: rename
UPDATE ${schema}.conversation SET title = :title, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: replaceMetadata
UPDATE ${schema}.conversation SET metadata = :metadata, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: delete
DELETE FROM ${schema}.conversation WHERE id = :id AND user_id = :userId

-- name: recordAppend
UPDATE ${schema}.conversation
SET last_seq = :lastSeq, message_count = message_count + :added, last_message_at = :now,
    activity_seq = ${nextActivitySeq}, updated_at = :now
WHERE id = :id

-- name: recordDelete
UPDATE ${schema}.conversation
SET message_count = message_count - 1,
    last_message_at = (SELECT m.created_at FROM ${schema}.message m
                       WHERE m.conversation_id = :id ORDER BY m.seq DESC LIMIT 1),
    updated_at = :now
WHERE id = :id

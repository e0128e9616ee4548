-- Statements of the message repository. ${schema} qualifies tables.

-- name: insert
INSERT INTO ${schema}.message
    (id, conversation_id, user_id, seq, role, content, metadata, client_message_id, payload_hash,
     reply_to_id, created_at)
VALUES (:id, :conversationId, :userId, :seq, :role, :content, :metadata, :clientMessageId, :payloadHash,
        :replyToId, :now)

-- name: byClientMessageId
SELECT id, conversation_id, seq, role, content, metadata, client_message_id, reply_to_id, created_at,
       payload_hash
FROM ${schema}.message
WHERE conversation_id = :conversationId AND client_message_id = :clientMessageId AND user_id = :userId

-- name: byId
SELECT id, conversation_id, seq, role, content, metadata, client_message_id, reply_to_id, created_at
FROM ${schema}.message
WHERE id = :id AND user_id = :userId

-- name: conversationOf
SELECT conversation_id FROM ${schema}.message WHERE id = :id AND user_id = :userId

-- name: isInConversation
SELECT 1 FROM ${schema}.message WHERE id = :id AND conversation_id = :conversationId

-- name: replyTo
SELECT id, conversation_id, seq, role, content, metadata, client_message_id, reply_to_id, created_at
FROM ${schema}.message
WHERE reply_to_id = :id AND user_id = :userId
ORDER BY seq DESC
LIMIT 1

-- name: pageAfter
SELECT id, conversation_id, seq, role, content, metadata, client_message_id, reply_to_id, created_at
FROM ${schema}.message
WHERE conversation_id = :conversationId AND seq > :seq
ORDER BY seq ASC
LIMIT :limit

-- name: pageBefore
SELECT id, conversation_id, seq, role, content, metadata, client_message_id, reply_to_id, created_at
FROM ${schema}.message
WHERE conversation_id = :conversationId AND seq < :seq
ORDER BY seq DESC
LIMIT :limit

-- name: delete
DELETE FROM ${schema}.message WHERE id = :id

-- name: linkAttachment
INSERT INTO ${schema}.message_attachment (message_id, attachment_id, user_id)
VALUES (:messageId, :attachmentId, :userId)

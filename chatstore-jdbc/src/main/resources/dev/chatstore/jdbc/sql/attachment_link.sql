-- Links of attachments to messages and conversations. Owned by AttachmentLinks. ${schema} qualifies tables.

-- name: attachmentExists
SELECT 1 FROM ${schema}.attachment WHERE id = :id AND user_id = :userId

-- name: linkMessage
INSERT INTO ${schema}.message_attachment (message_id, attachment_id, user_id)
VALUES (:messageId, :attachmentId, :userId)

-- name: linkConversation
INSERT INTO ${schema}.conversation_attachment (conversation_id, attachment_id, user_id, linked_at)
VALUES (:conversationId, :attachmentId, :userId, :now)
ON CONFLICT (conversation_id, attachment_id) DO NOTHING

-- Links of attachments to messages and conversations. Owned by AttachmentLinks. ${schema} qualifies
-- tables. A conversation link is explicit (linkToConversation: it stays) or made by an append (it
-- goes with the last message of the conversation that links the file).

-- name: attachmentExists
SELECT 1 FROM ${schema}.attachment WHERE id = :id AND user_id = :userId

-- name: linkMessage
INSERT INTO ${schema}.message_attachment (message_id, attachment_id, user_id)
VALUES (:messageId, :attachmentId, :userId)

-- name: linkConversationByAppend
INSERT INTO ${schema}.conversation_attachment (conversation_id, attachment_id, user_id, linked_at, explicit)
VALUES (:conversationId, :attachmentId, :userId, :now, FALSE)
ON CONFLICT (user_id, conversation_id, attachment_id) DO NOTHING

-- name: linkConversation
INSERT INTO ${schema}.conversation_attachment (conversation_id, attachment_id, user_id, linked_at, explicit)
VALUES (:conversationId, :attachmentId, :userId, :now, TRUE)
ON CONFLICT (user_id, conversation_id, attachment_id) DO UPDATE SET explicit = TRUE

-- Before the message goes: the append-made conversation links of its files that no other message
-- of the conversation links.
-- name: unlinkWithMessage
DELETE FROM ${schema}.conversation_attachment
WHERE conversation_id = :conversationId AND user_id = :userId AND explicit = FALSE
  AND attachment_id IN (SELECT ma.attachment_id FROM ${schema}.message_attachment ma WHERE ma.user_id = :userId AND ma.message_id = :messageId)
  AND NOT EXISTS (SELECT 1 FROM ${schema}.message_attachment other
                  JOIN ${schema}.message m ON m.user_id = other.user_id AND m.id = other.message_id
                  WHERE other.user_id = :userId AND other.attachment_id = ${schema}.conversation_attachment.attachment_id
                    AND m.conversation_id = :conversationId AND other.message_id <> :messageId)

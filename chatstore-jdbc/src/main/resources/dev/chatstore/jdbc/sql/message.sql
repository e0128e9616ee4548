-- Statements of the message repository. ${schema} qualifies tables.

-- name: insert
INSERT INTO ${schema}.message
    (id, conversation_id, user_id, seq, parent_id, role, type, content, media_refs, audio_ref, audio_duration_ms,
     model_name, prompt_tokens, completion_tokens, tool_call_id, metadata, client_message_id, payload_hash,
     reply_to_id, mistake, created_at)
VALUES (:id, :conversationId, :userId, :seq, :parentId, :role, :type, :content, :mediaRefs, :audioRef, :audioDurationMs,
        :modelName, :promptTokens, :completionTokens, :toolCallId, :metadata, :clientMessageId, :payloadHash,
        :replyToId, FALSE, :now)

-- name: byClientMessageId
SELECT id, conversation_id, seq, parent_id, role, type, content, media_refs, audio_ref, audio_duration_ms,
       model_name, prompt_tokens, completion_tokens, tool_call_id, metadata, client_message_id, reply_to_id,
       rating, mistake, mistake_note, created_at, edited_at,
       payload_hash
FROM ${schema}.message
WHERE conversation_id = :conversationId AND client_message_id = :clientMessageId AND user_id = :userId

-- name: byId
SELECT id, conversation_id, seq, parent_id, role, type, content, media_refs, audio_ref, audio_duration_ms,
       model_name, prompt_tokens, completion_tokens, tool_call_id, metadata, client_message_id, reply_to_id,
       rating, mistake, mistake_note, created_at, edited_at
FROM ${schema}.message
WHERE id = :id AND user_id = :userId

-- name: isInConversation
SELECT 1 FROM ${schema}.message WHERE id = :id AND conversation_id = :conversationId

-- name: replyTo
SELECT id, conversation_id, seq, parent_id, role, type, content, media_refs, audio_ref, audio_duration_ms,
       model_name, prompt_tokens, completion_tokens, tool_call_id, metadata, client_message_id, reply_to_id,
       rating, mistake, mistake_note, created_at, edited_at
FROM ${schema}.message
WHERE reply_to_id = :id AND user_id = :userId
ORDER BY seq DESC
LIMIT 1

-- name: pageAfter
SELECT id, conversation_id, seq, parent_id, role, type, content, media_refs, audio_ref, audio_duration_ms,
       model_name, prompt_tokens, completion_tokens, tool_call_id, metadata, client_message_id, reply_to_id,
       rating, mistake, mistake_note, created_at, edited_at
FROM ${schema}.message
WHERE conversation_id = :conversationId AND seq > :seq
ORDER BY seq ASC
LIMIT :limit

-- name: pageBefore
SELECT id, conversation_id, seq, parent_id, role, type, content, media_refs, audio_ref, audio_duration_ms,
       model_name, prompt_tokens, completion_tokens, tool_call_id, metadata, client_message_id, reply_to_id,
       rating, mistake, mistake_note, created_at, edited_at
FROM ${schema}.message
WHERE conversation_id = :conversationId AND seq < :seq
ORDER BY seq DESC
LIMIT :limit

-- Up to :limit messages from :startId towards the root, nearest first (a branch page).
-- name: ancestors
WITH RECURSIVE up (id, parent_id, depth) AS (
    SELECT id, parent_id, 1 FROM ${schema}.message WHERE id = :startId AND conversation_id = :conversationId
    UNION ALL
    SELECT p.id, p.parent_id, up.depth + 1
    FROM ${schema}.message p JOIN up ON p.id = up.parent_id
    WHERE up.depth < :limit
)
SELECT m.id, m.conversation_id, m.seq, m.parent_id, m.role, m.type, m.content, m.media_refs, m.audio_ref, m.audio_duration_ms, m.model_name, m.prompt_tokens, m.completion_tokens, m.tool_call_id, m.metadata, m.client_message_id, m.reply_to_id, m.rating, m.mistake, m.mistake_note, m.created_at, m.edited_at
FROM up JOIN ${schema}.message m ON m.id = up.id
ORDER BY up.depth

-- name: parentOf
SELECT parent_id FROM ${schema}.message WHERE id = :id AND conversation_id = :conversationId

-- name: editContent
UPDATE ${schema}.message SET content = :content, edited_at = :now WHERE id = :id AND user_id = :userId

-- name: setFeedback
UPDATE ${schema}.message SET rating = :rating, mistake = :mistake, mistake_note = :mistakeNote
WHERE id = :id AND user_id = :userId

-- name: reparentChildren
UPDATE ${schema}.message SET parent_id = :newParentId WHERE parent_id = :id

-- name: delete
DELETE FROM ${schema}.message WHERE id = :id

-- name: linkAttachment
INSERT INTO ${schema}.message_attachment (message_id, attachment_id, user_id)
VALUES (:messageId, :attachmentId, :userId)

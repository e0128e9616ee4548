-- Message rows: insert, read, page, edit, delete. Owned by MessageRows. ${schema} qualifies tables.

-- name: insert
INSERT INTO ${schema}.message
    (id, conversation_id, user_id, seq, parent_id, role, type, content, media_refs, audio_ref, audio_duration_ms,
     model_name, prompt_tokens, completion_tokens, tool_call_id, tool_calls, tool_name, reasoning, metadata,
     client_message_id, payload_hash, reply_to_id, mistake, created_at)
VALUES (:id, :conversationId, :userId, :seq, :parentId, :role, :type, :content, :mediaRefs, :audioRef, :audioDurationMs,
        :modelName, :promptTokens, :completionTokens, :toolCallId, :toolCalls, :toolName, :reasoning, :metadata,
        :clientMessageId, :payloadHash, :replyToId, FALSE, :now)

-- The same insert of a message with a client id, which the unique key turns into nothing when the
-- conversation holds that client id already: a replay, found without a read before the insert.
-- name: insertUnlessReplay
INSERT INTO ${schema}.message
    (id, conversation_id, user_id, seq, parent_id, role, type, content, media_refs, audio_ref, audio_duration_ms,
     model_name, prompt_tokens, completion_tokens, tool_call_id, tool_calls, tool_name, reasoning, metadata,
     client_message_id, payload_hash, reply_to_id, mistake, created_at)
VALUES (:id, :conversationId, :userId, :seq, :parentId, :role, :type, :content, :mediaRefs, :audioRef, :audioDurationMs,
        :modelName, :promptTokens, :completionTokens, :toolCallId, :toolCalls, :toolName, :reasoning, :metadata,
        :clientMessageId, :payloadHash, :replyToId, FALSE, :now)
ON CONFLICT (user_id, conversation_id, client_message_id) DO NOTHING

-- name: byId
SELECT ${messageColumns}
FROM ${schema}.message m
WHERE m.id = :id AND m.user_id = :userId

-- A message's conversation never changes: safe to read before locking the conversation.
-- name: conversationOf
SELECT conversation_id FROM ${schema}.message WHERE id = :id AND user_id = :userId

-- name: byClientMessageId
SELECT ${messageColumns}, m.payload_hash
FROM ${schema}.message m
WHERE m.conversation_id = :conversationId AND m.client_message_id = :clientMessageId AND m.user_id = :userId

-- The stored messages of a batch's client ids, bound as one JSON array of strings. The ids drive
-- the loop (CROSS JOIN fixes SQLite's join order), each one a seek in the unique
-- (conversation_id, client_message_id) index: the cost follows the batch, not the conversation.
-- name: byClientMessageIds
SELECT ${messageColumns}, m.payload_hash
FROM json_each(:clientMessageIds) AS ids
CROSS JOIN ${schema}.message m
WHERE m.conversation_id = :conversationId AND m.client_message_id = ids.value AND m.user_id = :userId

-- name: isInConversation
SELECT 1 FROM ${schema}.message WHERE id = :id AND conversation_id = :conversationId AND user_id = :userId

-- name: findReply
SELECT ${messageColumns}
FROM ${schema}.message m
WHERE m.reply_to_id = :id AND m.user_id = :userId
ORDER BY m.seq DESC
LIMIT 1

-- name: pageAfter
SELECT ${messageColumns}
FROM ${schema}.message m
WHERE m.user_id = :userId AND m.conversation_id = :conversationId AND m.seq > :seq
ORDER BY m.seq ASC
LIMIT :limit

-- name: pageBefore
SELECT ${messageColumns}
FROM ${schema}.message m
WHERE m.user_id = :userId AND m.conversation_id = :conversationId AND m.seq < :seq
ORDER BY m.seq DESC
LIMIT :limit

-- name: editContent
UPDATE ${schema}.message SET content = :content, edited_at = :now WHERE id = :id AND user_id = :userId

-- name: setFeedback
UPDATE ${schema}.message SET rating = :rating, mistake = :mistake, mistake_note = :mistakeNote
WHERE id = :id AND user_id = :userId

-- name: reparentChildren
UPDATE ${schema}.message SET parent_id = :newParentId WHERE parent_id = :id AND user_id = :userId

-- name: delete
DELETE FROM ${schema}.message WHERE id = :id AND user_id = :userId

-- Statements of the conversation repository. ${schema} qualifies tables; ${nextActivitySeq}
-- and ${forUpdate} come from the dialect (see dev.chatstore.jdbc.Dialect).
-- Listing order: pinned first, then activity_seq (newest activity) descending, id breaking ties.

-- name: insertIfAbsent
INSERT INTO ${schema}.conversation
    (id, user_id, persona_id, title, metadata, provider, model, system_prompt, pinned, archived,
     message_count, last_seq, last_message_at, last_message_preview, unread_count, read_seq, active_tip_id,
     activity_seq, created_at, updated_at)
VALUES (:id, :userId, :personaName, :title, :metadata, :provider, :model, :systemPrompt, FALSE, FALSE,
        0, 0, NULL, NULL, 0, 0, NULL,
        ${nextActivitySeq}, :now, :now)
ON CONFLICT (user_id, persona_id) DO NOTHING

-- name: byId
SELECT id, user_id, persona_id, title, metadata, provider, model, system_prompt, pinned, archived,
       message_count, last_message_at, last_message_preview, unread_count, active_tip_id, activity_seq,
       created_at, updated_at
FROM ${schema}.conversation
WHERE id = :id AND user_id = :userId

-- name: byPersona
SELECT id, user_id, persona_id, title, metadata, provider, model, system_prompt, pinned, archived,
       message_count, last_message_at, last_message_preview, unread_count, active_tip_id, activity_seq,
       created_at, updated_at
FROM ${schema}.conversation
WHERE user_id = :userId AND persona_id = :personaName

-- name: exists
SELECT 1 FROM ${schema}.conversation WHERE id = :id AND user_id = :userId

-- name: lockForWrite
SELECT last_seq, read_seq, active_tip_id, metadata FROM ${schema}.conversation
WHERE id = :id AND user_id = :userId ${forUpdate}

-- name: pageAbove
SELECT id, user_id, persona_id, title, metadata, provider, model, system_prompt, pinned, archived,
       message_count, last_message_at, last_message_preview, unread_count, active_tip_id, activity_seq,
       created_at, updated_at
FROM ${schema}.conversation
WHERE user_id = :userId AND archived = :archived
  AND (pinned, activity_seq, id) > (:pinned, :activitySeq, :id)
ORDER BY pinned ASC, activity_seq ASC, id ASC
LIMIT :limit

-- name: pageBelow
SELECT id, user_id, persona_id, title, metadata, provider, model, system_prompt, pinned, archived,
       message_count, last_message_at, last_message_preview, unread_count, active_tip_id, activity_seq,
       created_at, updated_at
FROM ${schema}.conversation
WHERE user_id = :userId AND archived = :archived
  AND (pinned, activity_seq, id) < (:pinned, :activitySeq, :id)
ORDER BY pinned DESC, activity_seq DESC, id DESC
LIMIT :limit

-- name: personaDisplayName
SELECT display_name FROM ${schema}.persona WHERE name = :name

-- name: rename
UPDATE ${schema}.conversation SET title = :title, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: replaceMetadata
UPDATE ${schema}.conversation SET metadata = :metadata, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: setModel
UPDATE ${schema}.conversation SET provider = :provider, model = :model, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: setSystemPrompt
UPDATE ${schema}.conversation SET system_prompt = :systemPrompt, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: setPinned
UPDATE ${schema}.conversation SET pinned = :pinned, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: setArchived
UPDATE ${schema}.conversation SET archived = :archived, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: markRead
UPDATE ${schema}.conversation SET read_seq = last_seq, unread_count = 0, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: setTip
UPDATE ${schema}.conversation SET active_tip_id = :tipId, updated_at = :now
WHERE id = :id

-- name: delete
DELETE FROM ${schema}.conversation WHERE id = :id AND user_id = :userId

-- name: recordAppend
UPDATE ${schema}.conversation
SET last_seq = :lastSeq, message_count = message_count + :added, last_message_at = :now,
    last_message_preview = :preview, unread_count = unread_count + :unread, active_tip_id = :tipId,
    activity_seq = ${nextActivitySeq}, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: recordDelete
UPDATE ${schema}.conversation
SET message_count = message_count - 1,
    unread_count = unread_count - :unread,
    active_tip_id = :tipId,
    last_message_at = (SELECT m.created_at FROM ${schema}.message m
                       WHERE m.conversation_id = :id ORDER BY m.seq DESC LIMIT 1),
    last_message_preview = (SELECT substr(m.content, 1, 200) FROM ${schema}.message m
                            WHERE m.conversation_id = :id ORDER BY m.seq DESC LIMIT 1),
    updated_at = :now
WHERE id = :id

-- name: refreshPreview
UPDATE ${schema}.conversation
SET last_message_preview = (SELECT substr(m.content, 1, 200) FROM ${schema}.message m
                            WHERE m.conversation_id = :id ORDER BY m.seq DESC LIMIT 1)
WHERE id = :id

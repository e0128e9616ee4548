-- The conversation row: read it, lock it, and keep its counters, tip, preview and read marker.
-- Owned by ConversationLedger. ${forUpdate} locks the row where writers are not serialized anyway.

-- name: find
SELECT ${conversationColumns}
FROM ${schema}.conversation c
WHERE c.id = :id AND c.user_id = :userId

-- name: exists
SELECT 1 FROM ${schema}.conversation WHERE id = :id AND user_id = :userId

-- name: lock
SELECT last_seq, read_seq, active_tip_id, metadata, revision FROM ${schema}.conversation
WHERE id = :id AND user_id = :userId ${forUpdate}

-- name: recordAppend
UPDATE ${schema}.conversation
SET revision = revision + 1, last_seq = :lastSeq, message_count = message_count + :added, last_message_at = :now,
    last_message_preview = :preview, unread_count = unread_count + :unread, active_tip_id = :tipId,
    activity_seq = ${nextActivitySeq}, updated_at = :now
WHERE id = :id AND user_id = :userId

-- The newest remaining message gives the last-message time and preview.
-- name: recordDelete
UPDATE ${schema}.conversation
SET revision = revision + 1, message_count = message_count - 1,
    unread_count = unread_count - :unread,
    active_tip_id = :tipId,
    last_message_at = (SELECT m.created_at FROM ${schema}.message m
                       WHERE m.user_id = :userId AND m.conversation_id = :id ORDER BY m.seq DESC LIMIT 1),
    last_message_preview = (SELECT substr(m.content, 1, 200) FROM ${schema}.message m
                            WHERE m.user_id = :userId AND m.conversation_id = :id ORDER BY m.seq DESC LIMIT 1),
    updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: setTip
UPDATE ${schema}.conversation SET revision = revision + 1, active_tip_id = :tipId, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: refreshPreview
UPDATE ${schema}.conversation
SET revision = revision + 1, last_message_preview = (SELECT substr(m.content, 1, 200) FROM ${schema}.message m
                            WHERE m.user_id = :userId AND m.conversation_id = :id ORDER BY m.seq DESC LIMIT 1)
WHERE id = :id AND user_id = :userId

-- A change to one of its messages that touches nothing else on the row (feedback).
-- name: touch
UPDATE ${schema}.conversation SET revision = revision + 1 WHERE id = :id AND user_id = :userId

-- The merged metadata of a patch read under the lock.
-- name: writeMetadata
UPDATE ${schema}.conversation SET revision = revision + 1, metadata = :metadata, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: markRead
UPDATE ${schema}.conversation SET revision = revision + 1, read_seq = last_seq, unread_count = 0, updated_at = :now
WHERE id = :id AND user_id = :userId

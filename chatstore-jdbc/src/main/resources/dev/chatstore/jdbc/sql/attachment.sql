-- Attachments; owned by JdbcAttachments (links: attachment_link.sql). ${schema} qualifies tables.

-- name: insert
INSERT INTO ${schema}.attachment
    (id, user_id, name, mime_type, size_bytes, sha256, storage_uri, inline_data, status,
     error_text, extracted_text, word_count, created_at, updated_at)
VALUES (:id, :userId, :name, :mimeType, :sizeBytes, :sha256, :storageUri, :inlineData, 'uploading',
        NULL, NULL, NULL, :now, :now)

-- name: byId
SELECT ${attachmentColumns}
FROM ${schema}.attachment a
WHERE a.id = :id AND a.user_id = :userId

-- name: inlineData
SELECT inline_data FROM ${schema}.attachment WHERE id = :id AND user_id = :userId

-- name: transition
UPDATE ${schema}.attachment
SET status = :to, error_text = :errorText, extracted_text = :extractedText, word_count = :wordCount,
    updated_at = :now
WHERE id = :id AND user_id = :userId AND status = :from

-- name: listForMessage
SELECT ${attachmentColumns}
FROM ${schema}.message_attachment ma
JOIN ${schema}.attachment a ON a.id = ma.attachment_id
WHERE ma.message_id = :messageId AND ma.user_id = :userId
ORDER BY a.id
LIMIT :limit

-- name: listForConversation
SELECT ${attachmentColumns}
FROM ${schema}.conversation_attachment ca
JOIN ${schema}.attachment a ON a.id = ca.attachment_id
WHERE ca.conversation_id = :conversationId AND ca.user_id = :userId
ORDER BY a.id
LIMIT :limit

-- name: orphans
SELECT ${attachmentColumns}
FROM ${schema}.attachment a
WHERE a.user_id = :userId AND ${orphanAttachment}
ORDER BY a.id
LIMIT :limit

-- name: delete
DELETE FROM ${schema}.attachment WHERE id = :id AND user_id = :userId

-- Retention (store-wide, every user): orphans unchanged since before :cutoff, after
-- (:afterUserId, :after) in the primary key's (user_id, id) order, one batch at a time.
-- name: expiredOrphans
SELECT a.id, a.user_id, a.storage_uri
FROM ${schema}.attachment a
WHERE (a.user_id, a.id) > (:afterUserId, :after) AND a.updated_at < :cutoff AND ${orphanAttachment}
ORDER BY a.user_id, a.id
LIMIT :limit

-- name: isExpiredOrphan
SELECT 1 FROM ${schema}.attachment a
WHERE a.id = :id AND a.user_id = :userId AND a.updated_at < :cutoff AND ${orphanAttachment}

-- A writer that links the attachment holds a key-share lock on it (its foreign key check) until it
-- commits, so once this lock is granted such a link is committed and visible to the next statement,
-- and a later one waits for this transaction and then finds the attachment gone.
-- name: lock
SELECT 1 FROM ${schema}.attachment WHERE id = :id AND user_id = :userId ${forUpdate}

-- name: isOrphan
SELECT 1 FROM ${schema}.attachment a WHERE a.id = :id AND a.user_id = :userId AND ${orphanAttachment}

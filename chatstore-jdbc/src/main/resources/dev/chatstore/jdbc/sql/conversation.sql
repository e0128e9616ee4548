-- Creating, listing and setting the attributes of conversations; owned by JdbcConversations. The
-- row's counters, tip and read marker belong to ConversationLedger (ledger.sql).
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

-- One per user and external key: a concurrent insert of the same key leaves this one out.
-- name: insertWithExternalKey
INSERT INTO ${schema}.conversation
    (id, user_id, persona_id, external_key, title, metadata, provider, model, system_prompt, pinned, archived,
     message_count, last_seq, last_message_at, last_message_preview, unread_count, read_seq, active_tip_id,
     activity_seq, created_at, updated_at)
VALUES (:id, :userId, :personaName, :externalKey, :title, :metadata, :provider, :model, :systemPrompt, FALSE, FALSE,
        0, 0, NULL, NULL, 0, 0, NULL,
        ${nextActivitySeq}, :now, :now)
ON CONFLICT (user_id, external_key) DO NOTHING

-- name: byExternalKey
SELECT ${conversationColumns}
FROM ${schema}.conversation c
WHERE c.user_id = :userId AND c.external_key = :externalKey

-- name: byPersona
SELECT ${conversationColumns}
FROM ${schema}.conversation c
WHERE c.user_id = :userId AND c.persona_id = :personaName

-- name: pageAbove
SELECT ${conversationColumns}
FROM ${schema}.conversation c
WHERE c.user_id = :userId AND c.archived = :archived AND (:anyPin OR c.pinned = :pinnedOnly)
  AND (c.pinned, c.activity_seq, c.id) > (:pinned, :activitySeq, :id)
ORDER BY c.pinned ASC, c.activity_seq ASC, c.id ASC
LIMIT :limit

-- name: pageBelow
SELECT ${conversationColumns}
FROM ${schema}.conversation c
WHERE c.user_id = :userId AND c.archived = :archived AND (:anyPin OR c.pinned = :pinnedOnly)
  AND (c.pinned, c.activity_seq, c.id) < (:pinned, :activitySeq, :id)
ORDER BY c.pinned DESC, c.activity_seq DESC, c.id DESC
LIMIT :limit

-- Metadata filters: ${conversationFilterMatches} (conversation_filter.sql) is the condition, with
-- :conditions and (PostgreSQL's index key) :containment.
-- name: filteredPageAbove
SELECT ${conversationColumns}
FROM ${schema}.conversation c
WHERE c.user_id = :userId AND c.archived = :archived AND (:anyPin OR c.pinned = :pinnedOnly)
  AND (c.pinned, c.activity_seq, c.id) > (:pinned, :activitySeq, :id)
  AND ${conversationFilterMatches}
ORDER BY c.pinned ASC, c.activity_seq ASC, c.id ASC
LIMIT :limit

-- name: filteredPageBelow
SELECT ${conversationColumns}
FROM ${schema}.conversation c
WHERE c.user_id = :userId AND c.archived = :archived AND (:anyPin OR c.pinned = :pinnedOnly)
  AND (c.pinned, c.activity_seq, c.id) < (:pinned, :activitySeq, :id)
  AND ${conversationFilterMatches}
ORDER BY c.pinned DESC, c.activity_seq DESC, c.id DESC
LIMIT :limit

-- name: rename
UPDATE ${schema}.conversation SET revision = revision + 1, title = :title, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: replaceMetadata
UPDATE ${schema}.conversation SET revision = revision + 1, metadata = :metadata, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: setModel
UPDATE ${schema}.conversation SET revision = revision + 1, provider = :provider, model = :model, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: setSystemPrompt
UPDATE ${schema}.conversation SET revision = revision + 1, system_prompt = :systemPrompt, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: setPinned
UPDATE ${schema}.conversation SET revision = revision + 1, pinned = :pinned, updated_at = :now
WHERE id = :id AND user_id = :userId

-- name: setArchived
UPDATE ${schema}.conversation SET revision = revision + 1, archived = :archived, updated_at = :now
WHERE id = :id AND user_id = :userId

-- Messages and attachment links go with it (ON DELETE CASCADE).
-- name: delete
DELETE FROM ${schema}.conversation WHERE id = :id AND user_id = :userId

-- Retention (store-wide, every user), in (user_id, id) order, the primary key's, after
-- (:afterUserId, :after), one batch at a time; each write
-- checks its condition again on the row as it finds it. A pinned conversation is exempt.
-- name: inactiveBefore
SELECT c.id, c.user_id, c.message_count
FROM ${schema}.conversation c
WHERE (c.user_id, c.id) > (:afterUserId, :after) AND NOT c.archived AND NOT c.pinned AND c.updated_at < :cutoff
ORDER BY c.user_id, c.id
LIMIT :limit

-- setArchived's change, for a conversation still inactive.
-- name: archiveIfInactive
UPDATE ${schema}.conversation SET revision = revision + 1, archived = TRUE, updated_at = :now
WHERE id = :id AND user_id = :userId AND NOT archived AND NOT pinned AND updated_at < :cutoff

-- name: archivedBefore
SELECT c.id, c.user_id, c.message_count
FROM ${schema}.conversation c
WHERE (c.user_id, c.id) > (:afterUserId, :after) AND c.archived AND NOT c.pinned AND c.updated_at < :cutoff
ORDER BY c.user_id, c.id
LIMIT :limit

-- delete, for a conversation still archived and unchanged.
-- name: deleteIfArchivedBefore
DELETE FROM ${schema}.conversation
WHERE id = :id AND user_id = :userId AND archived AND NOT pinned AND updated_at < :cutoff

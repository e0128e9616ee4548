-- Statements of the embedding repository. ${schema} qualifies tables. A vector is little-endian
-- float32 in a BLOB/bytea with its L2 norm beside it; scoring is done by the engine in Java, the
-- same code on every backend, so an exact search returns identical results everywhere.

-- What an embedding copies from its target: the conversation, the role, the creation time.
-- name: messageTarget
SELECT m.conversation_id, m.role, m.created_at
FROM ${schema}.message m
WHERE m.id = :id AND m.user_id = :userId

-- name: factTarget
SELECT f.source_conversation_id AS conversation_id, CAST(NULL AS TEXT) AS role, f.created_at
FROM ${schema}.memory_fact f
WHERE f.id = :id AND f.user_id = :userId

-- name: attachmentTarget
SELECT CAST(NULL AS TEXT) AS conversation_id, CAST(NULL AS TEXT) AS role, a.created_at
FROM ${schema}.attachment a
WHERE a.id = :id AND a.user_id = :userId

-- The first vector of a model fixes its dimension for the user; later ones find the row.
-- name: addModel
INSERT INTO ${schema}.embedding_model (user_id, model, dimension, created_at)
VALUES (:userId, :model, :dimension, :now)
ON CONFLICT (user_id, model) DO NOTHING

-- name: modelDimension
SELECT dimension FROM ${schema}.embedding_model WHERE user_id = :userId AND model = :model

-- The dimension and the version, which every write to the model's vectors changes (a trigger).
-- name: modelState
SELECT dimension, version FROM ${schema}.embedding_model WHERE user_id = :userId AND model = :model

-- name: countVectors
SELECT count(*) FROM ${schema}.embedding WHERE user_id = :userId AND model = :model

-- Every vector of the model with what the filters need, to keep in memory; read after modelState in
-- the same transaction. Column order is what the loader reads.
-- name: allVectors
SELECT e.norm, e.vector, e.target_id, e.chunk_index, e.kind, e.conversation_id, e.role, e.target_created_at
FROM ${schema}.embedding e
WHERE e.user_id = :userId AND e.model = :model

-- What the in-memory filters cannot know from the vectors: the archived conversations, and the
-- attachments linked to a conversation.
-- name: archivedConversations
SELECT c.id FROM ${schema}.conversation c WHERE c.user_id = :userId AND c.archived

-- name: linkedAttachments
SELECT ca.attachment_id FROM ${schema}.conversation_attachment ca
WHERE ca.user_id = :userId AND ca.conversation_id = :conversationId

-- Never INSERT OR REPLACE (it deletes, and would reset created_at).
-- name: upsert
INSERT INTO ${schema}.embedding
    (user_id, model, kind, target_id, chunk_index, message_id, fact_id, attachment_id, conversation_id, role,
     target_created_at, dimension, norm, created_at, updated_at, vector, chunk_text)
VALUES (:userId, :model, :kind, :targetId, :chunkIndex, :messageId, :factId, :attachmentId, :conversationId, :role,
        :targetCreatedAt, :dimension, :norm, :now, :now, :vector, :chunkText)
ON CONFLICT (user_id, model, kind, target_id, chunk_index) DO UPDATE
SET dimension = excluded.dimension, norm = excluded.norm, vector = excluded.vector, chunk_text = excluded.chunk_text,
    updated_at = excluded.updated_at

-- name: byTarget
SELECT e.conversation_id, e.vector, e.chunk_text, e.created_at, e.updated_at
FROM ${schema}.embedding e
WHERE e.user_id = :userId AND e.model = :model AND e.kind = :kind AND e.target_id = :targetId
  AND e.chunk_index = :chunkIndex

-- name: delete
DELETE FROM ${schema}.embedding
WHERE user_id = :userId AND model = :model AND kind = :kind AND target_id = :targetId AND chunk_index = :chunkIndex

-- Every candidate of an exact search, through the primary key's (user_id, model) prefix, filtered
-- by ${embeddingFilter}. Column order is what the scorer reads.
-- name: candidates
SELECT e.norm, e.vector, e.target_id, e.chunk_index, e.kind, e.conversation_id
FROM ${schema}.embedding e
WHERE e.user_id = :userId AND e.model = :model AND ${embeddingFilter}

-- The vectors written since an approximate index's version (embedding_by_written_version), to
-- bring it up to date; deleted ones are not here (the index drops them when they go missing).
-- name: changedVectors
SELECT e.vector, e.kind, e.target_id, e.chunk_index
FROM ${schema}.embedding e
WHERE e.user_id = :userId AND e.model = :model AND e.written_version > :since

-- An approximate search's candidates, by key (a JSON array of [kind, target id, chunk index]), each
-- one primary-key seek, with whether it passes the query's filters. A key missing from the result
-- has been deleted. Column order is what the scorer reads.
-- name: vectorsByKey
SELECT e.norm, e.vector, e.target_id, e.chunk_index, e.kind, e.conversation_id,
       CASE WHEN ${embeddingFilter} THEN 1 ELSE 0 END AS passes
FROM json_each(:keys) AS k
CROSS JOIN ${schema}.embedding e
WHERE e.user_id = :userId AND e.model = :model AND e.kind = json_extract(k.value, '$[0]')
  AND e.target_id = json_extract(k.value, '$[1]') AND e.chunk_index = json_extract(k.value, '$[2]')

-- Walking a branch from a message to the root. Owned by BranchReader. ${schema} qualifies tables.

-- Up to :limit messages from :startId towards the root, nearest first (a branch page).
-- name: ancestors
WITH RECURSIVE up (id, parent_id, depth) AS (
    SELECT id, parent_id, 1 FROM ${schema}.message WHERE user_id = :userId AND id = :startId AND conversation_id = :conversationId
    UNION ALL
    SELECT p.id, p.parent_id, up.depth + 1
    FROM ${schema}.message p JOIN up ON p.user_id = :userId AND p.id = up.parent_id
    WHERE up.depth < :limit
)
SELECT ${messageColumns}
FROM up JOIN ${schema}.message m ON m.user_id = :userId AND m.id = up.id
ORDER BY up.depth

-- name: parentOf
SELECT parent_id FROM ${schema}.message WHERE user_id = :userId AND id = :id AND conversation_id = :conversationId

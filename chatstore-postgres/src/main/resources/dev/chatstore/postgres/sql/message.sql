-- PostgreSQL's own SQL for statements of the engine's message.sql (same names, same parameters).

-- json_each is SQLite's; PostgreSQL unpacks the JSON array with jsonb_array_elements_text.
-- name: byClientMessageIds
SELECT ${messageColumns}, m.payload_hash
FROM ${schema}.message m
WHERE m.conversation_id = :conversationId AND m.user_id = :userId
  AND m.client_message_id IN (SELECT jsonb_array_elements_text(CAST(:clientMessageIds AS jsonb)))

-- PostgreSQL's own SQL for statements of the engine's message.sql (same names, same parameters).

-- json_each is SQLite's; PostgreSQL unpacks the JSON array with json_array_elements_text, and
-- seeks each id in the unique (conversation_id, client_message_id) index.
-- name: byClientMessageIds
SELECT ${messageColumns}, m.payload_hash
FROM json_array_elements_text(CAST(:clientMessageIds AS json)) AS ids (value)
JOIN ${schema}.message m ON m.conversation_id = :conversationId AND m.client_message_id = ids.value
WHERE m.user_id = :userId

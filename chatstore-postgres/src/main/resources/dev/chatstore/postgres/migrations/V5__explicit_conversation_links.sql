-- A file linked to a conversation by linkToConversation stays linked; a link an append made goes
-- with the last message of that conversation that links the file, so the file can become an
-- orphan. Existing links that a message of the conversation also makes count as made by appends.
ALTER TABLE ${schema}.conversation_attachment ADD COLUMN explicit boolean NOT NULL DEFAULT TRUE;

UPDATE ${schema}.conversation_attachment ca SET explicit = FALSE
WHERE EXISTS (SELECT 1 FROM ${schema}.message_attachment ma JOIN ${schema}.message m ON m.id = ma.message_id
              WHERE ma.attachment_id = ca.attachment_id AND m.conversation_id = ca.conversation_id);

-- A file linked to a conversation by linkToConversation stays linked; a link an append made goes
-- with the last message of that conversation that links the file, so the file can become an
-- orphan. Existing links that a message of the conversation also makes count as made by appends.
ALTER TABLE conversation_attachment ADD COLUMN explicit INTEGER NOT NULL DEFAULT 1;

UPDATE conversation_attachment SET explicit = 0
WHERE EXISTS (SELECT 1 FROM message_attachment ma JOIN message m ON m.id = ma.message_id
              WHERE ma.attachment_id = conversation_attachment.attachment_id
                AND m.conversation_id = conversation_attachment.conversation_id);

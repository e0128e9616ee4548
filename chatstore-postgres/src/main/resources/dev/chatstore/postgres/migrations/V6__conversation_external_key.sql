-- A key the application or a framework uses for a conversation (e.g. a chat memory id): one
-- conversation per user and key. Conversations without a key have NULL, which the index lets repeat.
ALTER TABLE ${schema}.conversation ADD COLUMN external_key text COLLATE "C";

CREATE UNIQUE INDEX conversation_by_external_key ON ${schema}.conversation (user_id, external_key);

-- A version per user and model, changed in the same transaction as every write that changes one of
-- its vectors: put, delete, and the cascades from a message, conversation, fact or attachment (the
-- triggers fire for rows a foreign key action deletes or updates too). A store may keep the vectors
-- in memory and check, by reading this one row, that they are exactly those stored. Versions come
-- from one counter and are never reused, not even after erase deletes the model row and a later put
-- adds it again.
ALTER TABLE embedding_model ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE embedding_version_counter (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    last INTEGER NOT NULL
);

INSERT INTO embedding_version_counter (id, last) VALUES (1, 0);

CREATE TRIGGER embedding_version_insert AFTER INSERT ON embedding
BEGIN
    UPDATE embedding_version_counter SET last = last + 1 WHERE id = 1;
    UPDATE embedding_model SET version = (SELECT last FROM embedding_version_counter WHERE id = 1)
    WHERE user_id = new.user_id AND model = new.model;
END;

CREATE TRIGGER embedding_version_update AFTER UPDATE ON embedding
BEGIN
    UPDATE embedding_version_counter SET last = last + 1 WHERE id = 1;
    UPDATE embedding_model SET version = (SELECT last FROM embedding_version_counter WHERE id = 1)
    WHERE user_id = new.user_id AND model = new.model;
END;

CREATE TRIGGER embedding_version_delete AFTER DELETE ON embedding
BEGIN
    UPDATE embedding_version_counter SET last = last + 1 WHERE id = 1;
    UPDATE embedding_model SET version = (SELECT last FROM embedding_version_counter WHERE id = 1)
    WHERE user_id = old.user_id AND model = old.model;
END;

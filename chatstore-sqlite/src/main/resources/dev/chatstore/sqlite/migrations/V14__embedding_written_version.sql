-- Each vector records the model version its last write produced (written_version), so a store
-- that keeps an index of a model's vectors in memory can read what changed since the version it
-- has: the rows with a larger written_version (one range of embedding_by_written_version). Deleted
-- rows leave no trace; an index finds them missing when it reads its candidates. The update
-- trigger now fires only for the columns a write changes, not for written_version itself, which
-- the triggers set.
ALTER TABLE embedding ADD COLUMN written_version INTEGER NOT NULL DEFAULT 0;

CREATE INDEX embedding_by_written_version ON embedding (user_id, model, written_version);

DROP TRIGGER embedding_version_insert;

DROP TRIGGER embedding_version_update;

CREATE TRIGGER embedding_version_insert AFTER INSERT ON embedding
BEGIN
    UPDATE embedding_version_counter SET last = last + 1 WHERE id = 1;
    UPDATE embedding_model SET version = (SELECT last FROM embedding_version_counter WHERE id = 1)
    WHERE user_id = new.user_id AND model = new.model;
    UPDATE embedding SET written_version = (SELECT last FROM embedding_version_counter WHERE id = 1)
    WHERE rowid = new.rowid;
END;

CREATE TRIGGER embedding_version_update
AFTER UPDATE OF user_id, model, kind, target_id, chunk_index, message_id, fact_id, attachment_id, conversation_id,
                role, target_created_at, dimension, norm, created_at, updated_at, vector, chunk_text ON embedding
BEGIN
    UPDATE embedding_version_counter SET last = last + 1 WHERE id = 1;
    UPDATE embedding_model SET version = (SELECT last FROM embedding_version_counter WHERE id = 1)
    WHERE user_id = new.user_id AND model = new.model;
    UPDATE embedding SET written_version = (SELECT last FROM embedding_version_counter WHERE id = 1)
    WHERE rowid = new.rowid;
END;

-- Each vector records the model version its last write produced (written_version), so a store
-- that keeps an index of a model's vectors in memory can read what changed since the version it
-- has: the rows with a larger written_version (one range of embedding_by_written_version). Deleted
-- rows leave no trace; an index finds them missing when it reads its candidates.
-- The trigger locks the model's row before it takes a version, so the writers of one user's model
-- take versions in the order they commit: a reader that sees version v sees every row written at
-- v or below, and a later reader never finds a smaller written_version it has not seen.
ALTER TABLE ${schema}.embedding ADD COLUMN written_version bigint NOT NULL DEFAULT 0;

CREATE INDEX embedding_by_written_version ON ${schema}.embedding (user_id, model, written_version);

DROP TRIGGER embedding_version ON ${schema}.embedding;

CREATE OR REPLACE FUNCTION ${schema}.chatstore_embedding_changed() RETURNS trigger LANGUAGE plpgsql AS '
DECLARE
    v bigint;
BEGIN
    IF TG_OP = ''DELETE'' THEN
        PERFORM 1 FROM ${schema}.embedding_model WHERE user_id = OLD.user_id AND model = OLD.model FOR UPDATE;
        UPDATE ${schema}.embedding_model SET version = nextval(''${schema}.embedding_version'')
        WHERE user_id = OLD.user_id AND model = OLD.model;
        RETURN OLD;
    END IF;
    PERFORM 1 FROM ${schema}.embedding_model WHERE user_id = NEW.user_id AND model = NEW.model FOR UPDATE;
    UPDATE ${schema}.embedding_model SET version = nextval(''${schema}.embedding_version'')
    WHERE user_id = NEW.user_id AND model = NEW.model
    RETURNING version INTO v;
    -- No model row (erase deletes it before the rows that cascade here): nothing to version.
    NEW.written_version := coalesce(v, NEW.written_version);
    RETURN NEW;
END';

CREATE TRIGGER embedding_version_write BEFORE INSERT OR UPDATE ON ${schema}.embedding
    FOR EACH ROW EXECUTE FUNCTION ${schema}.chatstore_embedding_changed();

CREATE TRIGGER embedding_version_delete AFTER DELETE ON ${schema}.embedding
    FOR EACH ROW EXECUTE FUNCTION ${schema}.chatstore_embedding_changed();

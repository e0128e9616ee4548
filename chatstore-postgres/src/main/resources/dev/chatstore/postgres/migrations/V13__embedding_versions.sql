-- A version per user and model, changed in the same transaction as every write that changes one of
-- its vectors: put, delete, and the cascades from a message, conversation, fact or attachment (row
-- triggers fire for rows a foreign key action deletes or updates too). A store may keep the vectors
-- in memory and check, by reading this one row, that they are exactly those stored. Versions come
-- from a sequence and are never reused, not even after erase deletes the model row and a later put
-- adds it again; the row's lock orders the writers of one user's model.
ALTER TABLE ${schema}.embedding_model ADD COLUMN version bigint NOT NULL DEFAULT 0;

CREATE SEQUENCE ${schema}.embedding_version;

CREATE FUNCTION ${schema}.chatstore_embedding_changed() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    IF TG_OP = ''DELETE'' THEN
        UPDATE ${schema}.embedding_model SET version = nextval(''${schema}.embedding_version'')
        WHERE user_id = OLD.user_id AND model = OLD.model;
    ELSE
        UPDATE ${schema}.embedding_model SET version = nextval(''${schema}.embedding_version'')
        WHERE user_id = NEW.user_id AND model = NEW.model;
    END IF;
    RETURN NULL;
END';

CREATE TRIGGER embedding_version AFTER INSERT OR UPDATE OR DELETE ON ${schema}.embedding
    FOR EACH ROW EXECUTE FUNCTION ${schema}.chatstore_embedding_changed();

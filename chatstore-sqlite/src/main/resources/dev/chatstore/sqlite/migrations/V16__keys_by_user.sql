-- Keys by user, as on PostgreSQL (where they make the schema ready to distribute by user_id): the
-- primary key and every unique constraint of a user's table include user_id, and every foreign
-- key whose action is CASCADE pairs user_id with user_id. SQLite cannot set to NULL only some
-- columns of a composite foreign key, so the ON DELETE SET NULL links (reply_to_id, parent_id,
-- active_tip_id, a fact's sources, the active conversation, an embedding's conversation) keep
-- their one-column foreign keys, which need conversation and message to keep a unique index on
-- id alone besides (user_id, id): a unique constraint without user_id, on SQLite only (ids are
-- UUIDs; SQLite is never distributed). Emails stay unique across users through email_claim, as
-- on PostgreSQL, instead of a unique email column.
--
-- SQLite changes keys by rebuilding tables. Inside the migration's transaction foreign keys stay
-- on (PRAGMA foreign_keys cannot change in a transaction), and dropping a table deletes its rows
-- first, with their ON DELETE actions. So: the triggers and full-text views of the tables are
-- dropped; the old tables are renamed, which points their foreign keys at each other; the new
-- tables are created under the old names and filled, rowids included (the full-text indexes are
-- keyed by the content table's rowid, so they stay valid as they are); the old tables are dropped,
-- children first, their actions reaching only old tables; views, triggers and indexes are created
-- again. Foreign keys are checked at commit (defer_foreign_keys), as rows of tables that refer to
-- each other (a conversation's active tip) are copied one table at a time.
PRAGMA defer_foreign_keys = ON;

DROP TRIGGER message_fts_insert;
DROP TRIGGER message_fts_delete;
DROP TRIGGER message_fts_update;
DROP TRIGGER conversation_fts_insert;
DROP TRIGGER conversation_fts_delete;
DROP TRIGGER conversation_fts_update;
DROP TRIGGER memory_fact_fts_insert;
DROP TRIGGER memory_fact_fts_delete;
DROP TRIGGER memory_fact_fts_update;
DROP TRIGGER attachment_fts_insert;
DROP TRIGGER attachment_fts_delete;
DROP TRIGGER attachment_fts_update;
DROP TRIGGER embedding_version_insert;
DROP TRIGGER embedding_version_update;
DROP TRIGGER embedding_version_delete;
DROP VIEW message_fts_text;
DROP VIEW conversation_fts_text;
DROP VIEW memory_fact_fts_text;
DROP VIEW attachment_fts_text;

ALTER TABLE conversation RENAME TO conversation_v15;
ALTER TABLE message RENAME TO message_v15;
ALTER TABLE attachment RENAME TO attachment_v15;
ALTER TABLE message_attachment RENAME TO message_attachment_v15;
ALTER TABLE conversation_attachment RENAME TO conversation_attachment_v15;
ALTER TABLE memory_fact RENAME TO memory_fact_v15;
ALTER TABLE user_profile RENAME TO user_profile_v15;
ALTER TABLE embedding RENAME TO embedding_v15;

-- Index names stay with the renamed tables until they are dropped: those of the old tables go first.
DROP INDEX conversation_by_list;
DROP INDEX conversation_by_active_tip;
DROP INDEX conversation_by_user_activity;
DROP INDEX conversation_by_external_key;
DROP INDEX message_by_reply_to;
DROP INDEX message_by_parent;
DROP INDEX message_by_user_time;
DROP INDEX attachment_by_user;
DROP INDEX message_attachment_by_attachment;
DROP INDEX conversation_attachment_by_attachment;
DROP INDEX memory_fact_by_rank;
DROP INDEX memory_fact_by_source_conversation;
DROP INDEX memory_fact_by_source_message;
DROP INDEX user_profile_by_active_conversation;
DROP INDEX embedding_by_message;
DROP INDEX embedding_by_fact;
DROP INDEX embedding_by_attachment;
DROP INDEX embedding_by_conversation;
DROP INDEX embedding_by_written_version;

CREATE TABLE conversation (
    id                   TEXT    NOT NULL,
    user_id              TEXT    NOT NULL,
    persona_id           TEXT,
    title                TEXT,
    metadata             TEXT    NOT NULL DEFAULT '{}',
    message_count        INTEGER NOT NULL DEFAULT 0 CHECK (message_count >= 0),
    last_seq             INTEGER NOT NULL DEFAULT 0,
    last_message_at      INTEGER,
    activity_seq         INTEGER NOT NULL,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    provider             TEXT,
    model                TEXT,
    system_prompt        TEXT,
    pinned               INTEGER NOT NULL DEFAULT 0,
    archived             INTEGER NOT NULL DEFAULT 0,
    last_message_preview TEXT,
    unread_count         INTEGER NOT NULL DEFAULT 0,
    read_seq             INTEGER NOT NULL DEFAULT 0,
    active_tip_id        TEXT    REFERENCES message (id) ON DELETE SET NULL,
    external_key         TEXT,
    revision             INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, id),
    UNIQUE (id),
    UNIQUE (user_id, persona_id)
);

CREATE TABLE message (
    id                TEXT    NOT NULL,
    conversation_id   TEXT    NOT NULL,
    user_id           TEXT    NOT NULL,
    seq               INTEGER NOT NULL,
    role              TEXT    NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content           TEXT    NOT NULL,
    metadata          TEXT    NOT NULL DEFAULT '{}',
    client_message_id TEXT,
    payload_hash      TEXT,
    reply_to_id       TEXT    REFERENCES message (id) ON DELETE SET NULL,
    created_at        INTEGER NOT NULL,
    parent_id         TEXT    REFERENCES message (id) ON DELETE SET NULL,
    type              TEXT    NOT NULL DEFAULT 'text' CHECK (type IN ('text', 'image', 'audio', 'multimodal')),
    media_refs        TEXT,
    audio_ref         TEXT,
    audio_duration_ms INTEGER,
    model_name        TEXT,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    tool_call_id      TEXT,
    rating            TEXT    CHECK (rating IN ('thumbs_up', 'thumbs_down')),
    mistake           INTEGER NOT NULL DEFAULT 0,
    mistake_note      TEXT,
    edited_at         INTEGER,
    tool_calls        TEXT,
    tool_name         TEXT,
    reasoning         TEXT,
    PRIMARY KEY (user_id, id),
    UNIQUE (id),
    UNIQUE (user_id, conversation_id, seq),
    UNIQUE (user_id, conversation_id, client_message_id),
    FOREIGN KEY (user_id, conversation_id) REFERENCES conversation (user_id, id) ON DELETE CASCADE
);

CREATE TABLE attachment (
    id             TEXT    NOT NULL,
    user_id        TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    mime_type      TEXT    NOT NULL,
    size_bytes     INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256         TEXT,
    storage_uri    TEXT,
    inline_data    BLOB,
    status         TEXT    NOT NULL CHECK (status IN ('uploading', 'processing', 'ready', 'error')),
    error_text     TEXT,
    extracted_text TEXT,
    word_count     INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, id),
    CHECK ((storage_uri IS NULL) <> (inline_data IS NULL))
);

CREATE TABLE message_attachment (
    message_id    TEXT NOT NULL,
    attachment_id TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    PRIMARY KEY (user_id, message_id, attachment_id),
    FOREIGN KEY (user_id, message_id) REFERENCES message (user_id, id) ON DELETE CASCADE,
    FOREIGN KEY (user_id, attachment_id) REFERENCES attachment (user_id, id) ON DELETE CASCADE
);

CREATE TABLE conversation_attachment (
    conversation_id TEXT    NOT NULL,
    attachment_id   TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    linked_at       INTEGER NOT NULL,
    explicit        INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (user_id, conversation_id, attachment_id),
    FOREIGN KEY (user_id, conversation_id) REFERENCES conversation (user_id, id) ON DELETE CASCADE,
    FOREIGN KEY (user_id, attachment_id) REFERENCES attachment (user_id, id) ON DELETE CASCADE
);

CREATE TABLE memory_fact (
    id                     TEXT    NOT NULL,
    user_id                TEXT    NOT NULL,
    category               TEXT    NOT NULL CHECK (category IN ('preference', 'fact', 'skill', 'goal')),
    content                TEXT    NOT NULL,
    confidence             REAL    NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    active                 INTEGER NOT NULL,
    source_conversation_id TEXT    REFERENCES conversation (id) ON DELETE SET NULL,
    source_message_id      TEXT    REFERENCES message (id) ON DELETE SET NULL,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    PRIMARY KEY (user_id, id)
);

CREATE TABLE user_profile (
    user_id                TEXT    NOT NULL PRIMARY KEY,
    email                  TEXT,
    display_name           TEXT,
    active                 INTEGER NOT NULL DEFAULT 1,
    preferences            TEXT    NOT NULL DEFAULT '{}',
    active_conversation_id TEXT    REFERENCES conversation (id) ON DELETE SET NULL,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    last_active_at         INTEGER
);

CREATE TABLE embedding (
    user_id           TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('message', 'fact', 'attachment_chunk')),
    target_id         TEXT    NOT NULL,
    chunk_index       INTEGER NOT NULL CHECK (chunk_index >= 0),
    message_id        TEXT,
    fact_id           TEXT,
    attachment_id     TEXT,
    conversation_id   TEXT    REFERENCES conversation (id) ON DELETE SET NULL,
    role              TEXT,
    target_created_at INTEGER NOT NULL,
    dimension         INTEGER NOT NULL CHECK (dimension >= 1),
    norm              REAL    NOT NULL CHECK (norm > 0),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    vector            BLOB    NOT NULL CHECK (length(vector) = 4 * dimension),
    chunk_text        TEXT,
    written_version   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, model, kind, target_id, chunk_index),
    FOREIGN KEY (user_id, message_id) REFERENCES message (user_id, id) ON DELETE CASCADE,
    FOREIGN KEY (user_id, fact_id) REFERENCES memory_fact (user_id, id) ON DELETE CASCADE,
    FOREIGN KEY (user_id, attachment_id) REFERENCES attachment (user_id, id) ON DELETE CASCADE,
    CHECK (kind <> 'message' OR (message_id = target_id AND fact_id IS NULL AND attachment_id IS NULL
                                 AND chunk_index = 0 AND role IS NOT NULL)),
    CHECK (kind <> 'fact' OR (fact_id = target_id AND message_id IS NULL AND attachment_id IS NULL
                              AND chunk_index = 0 AND role IS NULL)),
    CHECK (kind <> 'attachment_chunk' OR (attachment_id = target_id AND message_id IS NULL AND fact_id IS NULL
                                          AND role IS NULL AND conversation_id IS NULL))
);

INSERT INTO conversation (rowid, id, user_id, persona_id, title, metadata, message_count, last_seq, last_message_at,
                          activity_seq, created_at, updated_at, provider, model, system_prompt, pinned, archived,
                          last_message_preview, unread_count, read_seq, active_tip_id, external_key, revision)
SELECT rowid, id, user_id, persona_id, title, metadata, message_count, last_seq, last_message_at,
       activity_seq, created_at, updated_at, provider, model, system_prompt, pinned, archived,
       last_message_preview, unread_count, read_seq, active_tip_id, external_key, revision
FROM conversation_v15;

INSERT INTO message (rowid, id, conversation_id, user_id, seq, role, content, metadata, client_message_id, payload_hash,
                     reply_to_id, created_at, parent_id, type, media_refs, audio_ref, audio_duration_ms, model_name,
                     prompt_tokens, completion_tokens, tool_call_id, rating, mistake, mistake_note, edited_at,
                     tool_calls, tool_name, reasoning)
SELECT rowid, id, conversation_id, user_id, seq, role, content, metadata, client_message_id, payload_hash,
       reply_to_id, created_at, parent_id, type, media_refs, audio_ref, audio_duration_ms, model_name,
       prompt_tokens, completion_tokens, tool_call_id, rating, mistake, mistake_note, edited_at,
       tool_calls, tool_name, reasoning
FROM message_v15;

INSERT INTO attachment (rowid, id, user_id, name, mime_type, size_bytes, sha256, storage_uri, inline_data, status,
                        error_text, extracted_text, word_count, created_at, updated_at)
SELECT rowid, id, user_id, name, mime_type, size_bytes, sha256, storage_uri, inline_data, status,
       error_text, extracted_text, word_count, created_at, updated_at
FROM attachment_v15;

INSERT INTO message_attachment (rowid, message_id, attachment_id, user_id)
SELECT rowid, message_id, attachment_id, user_id FROM message_attachment_v15;

INSERT INTO conversation_attachment (rowid, conversation_id, attachment_id, user_id, linked_at, explicit)
SELECT rowid, conversation_id, attachment_id, user_id, linked_at, explicit FROM conversation_attachment_v15;

INSERT INTO memory_fact (rowid, id, user_id, category, content, confidence, active, source_conversation_id,
                         source_message_id, created_at, updated_at)
SELECT rowid, id, user_id, category, content, confidence, active, source_conversation_id,
       source_message_id, created_at, updated_at
FROM memory_fact_v15;

INSERT INTO user_profile (rowid, user_id, email, display_name, active, preferences, active_conversation_id, created_at,
                          updated_at, last_active_at)
SELECT rowid, user_id, email, display_name, active, preferences, active_conversation_id, created_at,
       updated_at, last_active_at
FROM user_profile_v15;

INSERT INTO embedding (rowid, user_id, model, kind, target_id, chunk_index, message_id, fact_id, attachment_id,
                       conversation_id, role, target_created_at, dimension, norm, created_at, updated_at, vector,
                       chunk_text, written_version)
SELECT rowid, user_id, model, kind, target_id, chunk_index, message_id, fact_id, attachment_id,
       conversation_id, role, target_created_at, dimension, norm, created_at, updated_at, vector,
       chunk_text, written_version
FROM embedding_v15;

-- Children first, so each table's delete finds no old row referring to it.
DROP TABLE embedding_v15;
DROP TABLE message_attachment_v15;
DROP TABLE conversation_attachment_v15;
DROP TABLE memory_fact_v15;
DROP TABLE user_profile_v15;
DROP TABLE message_v15;
DROP TABLE conversation_v15;
DROP TABLE attachment_v15;

-- The indexes: the same as before, except attachment_by_user (user_id, id), now the primary key;
-- the ones that find the rows of a composite foreign key's ON DELETE action lead with user_id,
-- those of a one-column key with that column.
CREATE INDEX conversation_by_list ON conversation (user_id, archived, pinned, activity_seq, id);
CREATE INDEX conversation_by_active_tip ON conversation (active_tip_id) WHERE active_tip_id IS NOT NULL;
CREATE INDEX conversation_by_user_activity ON conversation (user_id, activity_seq);
CREATE UNIQUE INDEX conversation_by_external_key ON conversation (user_id, external_key);
CREATE INDEX message_by_reply_to ON message (reply_to_id) WHERE reply_to_id IS NOT NULL;
CREATE INDEX message_by_parent ON message (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX message_by_user_time ON message (user_id, created_at);
CREATE INDEX message_attachment_by_attachment ON message_attachment (user_id, attachment_id);
CREATE INDEX conversation_attachment_by_attachment ON conversation_attachment (user_id, attachment_id);
CREATE INDEX memory_fact_by_rank ON memory_fact (user_id, confidence, id);
CREATE INDEX memory_fact_by_source_conversation ON memory_fact (source_conversation_id)
    WHERE source_conversation_id IS NOT NULL;
CREATE INDEX memory_fact_by_source_message ON memory_fact (source_message_id)
    WHERE source_message_id IS NOT NULL;
CREATE INDEX user_profile_by_active_conversation ON user_profile (active_conversation_id)
    WHERE active_conversation_id IS NOT NULL;
CREATE INDEX embedding_by_message ON embedding (user_id, message_id) WHERE message_id IS NOT NULL;
CREATE INDEX embedding_by_fact ON embedding (user_id, fact_id) WHERE fact_id IS NOT NULL;
CREATE INDEX embedding_by_attachment ON embedding (user_id, attachment_id) WHERE attachment_id IS NOT NULL;
CREATE INDEX embedding_by_conversation ON embedding (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX embedding_by_written_version ON embedding (user_id, model, written_version);

-- The full-text views and triggers of V15, and the embedding triggers of V14, unchanged.
CREATE VIEW message_fts_text AS SELECT rowid AS rowid, chatstore_split_cjk(content) AS content FROM message;

CREATE VIEW conversation_fts_text AS SELECT rowid AS rowid, chatstore_split_cjk(title) AS title FROM conversation;

CREATE VIEW memory_fact_fts_text AS SELECT rowid AS rowid, chatstore_split_cjk(content) AS content FROM memory_fact;

CREATE VIEW attachment_fts_text AS SELECT rowid AS rowid, chatstore_split_cjk(extracted_text) AS extracted_text FROM attachment;

CREATE TRIGGER message_fts_insert AFTER INSERT ON message
BEGIN
    INSERT INTO message_fts (rowid, content) VALUES (new.rowid, chatstore_split_cjk(new.content));
END;

CREATE TRIGGER message_fts_delete AFTER DELETE ON message
BEGIN
    INSERT INTO message_fts (message_fts, rowid, content) VALUES ('delete', old.rowid, chatstore_split_cjk(old.content));
END;

CREATE TRIGGER message_fts_update AFTER UPDATE OF content ON message
BEGIN
    INSERT INTO message_fts (message_fts, rowid, content) VALUES ('delete', old.rowid, chatstore_split_cjk(old.content));
    INSERT INTO message_fts (rowid, content) VALUES (new.rowid, chatstore_split_cjk(new.content));
END;

CREATE TRIGGER conversation_fts_insert AFTER INSERT ON conversation
BEGIN
    INSERT INTO conversation_fts (rowid, title) VALUES (new.rowid, chatstore_split_cjk(new.title));
END;

CREATE TRIGGER conversation_fts_delete AFTER DELETE ON conversation
BEGIN
    INSERT INTO conversation_fts (conversation_fts, rowid, title) VALUES ('delete', old.rowid, chatstore_split_cjk(old.title));
END;

CREATE TRIGGER conversation_fts_update AFTER UPDATE OF title ON conversation
BEGIN
    INSERT INTO conversation_fts (conversation_fts, rowid, title) VALUES ('delete', old.rowid, chatstore_split_cjk(old.title));
    INSERT INTO conversation_fts (rowid, title) VALUES (new.rowid, chatstore_split_cjk(new.title));
END;

CREATE TRIGGER memory_fact_fts_insert AFTER INSERT ON memory_fact
BEGIN
    INSERT INTO memory_fact_fts (rowid, content) VALUES (new.rowid, chatstore_split_cjk(new.content));
END;

CREATE TRIGGER memory_fact_fts_delete AFTER DELETE ON memory_fact
BEGIN
    INSERT INTO memory_fact_fts (memory_fact_fts, rowid, content) VALUES ('delete', old.rowid, chatstore_split_cjk(old.content));
END;

CREATE TRIGGER memory_fact_fts_update AFTER UPDATE OF content ON memory_fact
BEGIN
    INSERT INTO memory_fact_fts (memory_fact_fts, rowid, content) VALUES ('delete', old.rowid, chatstore_split_cjk(old.content));
    INSERT INTO memory_fact_fts (rowid, content) VALUES (new.rowid, chatstore_split_cjk(new.content));
END;

CREATE TRIGGER attachment_fts_insert AFTER INSERT ON attachment
BEGIN
    INSERT INTO attachment_fts (rowid, extracted_text) VALUES (new.rowid, chatstore_split_cjk(new.extracted_text));
END;

CREATE TRIGGER attachment_fts_delete AFTER DELETE ON attachment
BEGIN
    INSERT INTO attachment_fts (attachment_fts, rowid, extracted_text) VALUES ('delete', old.rowid, chatstore_split_cjk(old.extracted_text));
END;

CREATE TRIGGER attachment_fts_update AFTER UPDATE OF extracted_text ON attachment
BEGIN
    INSERT INTO attachment_fts (attachment_fts, rowid, extracted_text) VALUES ('delete', old.rowid, chatstore_split_cjk(old.extracted_text));
    INSERT INTO attachment_fts (rowid, extracted_text) VALUES (new.rowid, chatstore_split_cjk(new.extracted_text));
END;

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

CREATE TRIGGER embedding_version_delete AFTER DELETE ON embedding
BEGIN
    UPDATE embedding_version_counter SET last = last + 1 WHERE id = 1;
    UPDATE embedding_model SET version = (SELECT last FROM embedding_version_counter WHERE id = 1)
    WHERE user_id = old.user_id AND model = old.model;
END;

-- Emails, unique across users: one row per email, filled from the profiles.
CREATE TABLE email_claim (
    email   TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL
);

INSERT INTO email_claim (email, user_id) SELECT email, user_id FROM user_profile WHERE email IS NOT NULL;

-- A user's claim, found when the user changes or erases it.
CREATE INDEX email_claim_by_user ON email_claim (user_id);

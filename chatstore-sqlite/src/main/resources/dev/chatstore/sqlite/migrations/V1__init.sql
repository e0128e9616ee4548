-- chatstore schema, version 1 (SQLite).
-- Timestamps are INTEGER milliseconds since the epoch (UTC); JSON is TEXT.
-- Every row that belongs to an end user carries user_id; every lookup and unique key includes it.

CREATE TABLE conversation (
    id              TEXT    NOT NULL PRIMARY KEY,
    user_id         TEXT    NOT NULL,
    persona_id      TEXT,
    title           TEXT,
    metadata        TEXT    NOT NULL DEFAULT '{}',
    message_count   INTEGER NOT NULL DEFAULT 0 CHECK (message_count >= 0),
    last_seq        INTEGER NOT NULL DEFAULT 0,
    last_message_at INTEGER,
    activity_seq    INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (user_id, persona_id)
);

-- The conversation list: newest activity first, keyset-paged.
CREATE INDEX conversation_by_activity ON conversation (user_id, activity_seq, id);

CREATE TABLE message (
    id                TEXT    NOT NULL PRIMARY KEY,
    conversation_id   TEXT    NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    user_id           TEXT    NOT NULL,
    seq               INTEGER NOT NULL,
    role              TEXT    NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content           TEXT    NOT NULL,
    metadata          TEXT    NOT NULL DEFAULT '{}',
    client_message_id TEXT,
    payload_hash      TEXT,
    reply_to_id       TEXT    REFERENCES message (id) ON DELETE SET NULL,
    created_at        INTEGER NOT NULL,
    UNIQUE (conversation_id, seq),
    UNIQUE (conversation_id, client_message_id)
);

-- Replies to a message (and the ON DELETE SET NULL of reply_to_id).
CREATE INDEX message_by_reply_to ON message (reply_to_id) WHERE reply_to_id IS NOT NULL;

CREATE TABLE attachment (
    id             TEXT    NOT NULL PRIMARY KEY,
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
    CHECK ((storage_uri IS NULL) <> (inline_data IS NULL))
);

CREATE INDEX attachment_by_user ON attachment (user_id, id);

CREATE TABLE message_attachment (
    message_id    TEXT NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    attachment_id TEXT NOT NULL REFERENCES attachment (id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    PRIMARY KEY (message_id, attachment_id)
);

CREATE INDEX message_attachment_by_attachment ON message_attachment (attachment_id);

CREATE TABLE conversation_attachment (
    conversation_id TEXT    NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    attachment_id   TEXT    NOT NULL REFERENCES attachment (id) ON DELETE CASCADE,
    user_id         TEXT    NOT NULL,
    linked_at       INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, attachment_id)
);

CREATE INDEX conversation_attachment_by_attachment ON conversation_attachment (attachment_id);

CREATE TABLE memory_fact (
    id                     TEXT    NOT NULL PRIMARY KEY,
    user_id                TEXT    NOT NULL,
    category               TEXT    NOT NULL CHECK (category IN ('preference', 'fact', 'skill', 'goal')),
    content                TEXT    NOT NULL,
    confidence             REAL    NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    active                 INTEGER NOT NULL,
    source_conversation_id TEXT    REFERENCES conversation (id) ON DELETE SET NULL,
    source_message_id      TEXT    REFERENCES message (id) ON DELETE SET NULL,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL
);

-- Facts ranked by confidence then recency, keyset-paged.
CREATE INDEX memory_fact_by_rank ON memory_fact (user_id, confidence, id);
CREATE INDEX memory_fact_by_source_conversation ON memory_fact (source_conversation_id)
    WHERE source_conversation_id IS NOT NULL;
CREATE INDEX memory_fact_by_source_message ON memory_fact (source_message_id)
    WHERE source_message_id IS NOT NULL;

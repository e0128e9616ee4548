-- chatstore schema, version 1 (PostgreSQL). ${schema} is the configured schema (Flyway placeholder).
-- Ids are canonical UUID text compared bytewise (COLLATE "C"), so ordering matches every backend.
-- Every row that belongs to an end user carries user_id; every lookup and unique key includes it,
-- so the tables can be distributed by user_id (e.g. Citus) without a rewrite.

CREATE SEQUENCE ${schema}.conversation_activity_seq;

CREATE TABLE ${schema}.conversation (
    id              text COLLATE "C" NOT NULL PRIMARY KEY,
    user_id         text        NOT NULL,
    persona_id      text,
    title           text,
    metadata        jsonb       NOT NULL DEFAULT '{}',
    message_count   bigint      NOT NULL DEFAULT 0 CHECK (message_count >= 0),
    last_seq        bigint      NOT NULL DEFAULT 0,
    last_message_at timestamptz,
    activity_seq    bigint      NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (user_id, persona_id)
);

-- The conversation list: newest activity first, keyset-paged.
CREATE INDEX conversation_by_activity ON ${schema}.conversation (user_id, activity_seq, id);

CREATE TABLE ${schema}.message (
    id                text COLLATE "C" NOT NULL PRIMARY KEY,
    conversation_id   text COLLATE "C" NOT NULL REFERENCES ${schema}.conversation (id) ON DELETE CASCADE,
    user_id           text        NOT NULL,
    seq               bigint      NOT NULL,
    role              text        NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content           text        NOT NULL,
    metadata          jsonb       NOT NULL DEFAULT '{}',
    client_message_id text,
    payload_hash      text,
    reply_to_id       text COLLATE "C" REFERENCES ${schema}.message (id) ON DELETE SET NULL,
    created_at        timestamptz NOT NULL,
    UNIQUE (conversation_id, seq),
    UNIQUE (conversation_id, client_message_id)
);

-- Replies to a message (and the ON DELETE SET NULL of reply_to_id).
CREATE INDEX message_by_reply_to ON ${schema}.message (reply_to_id) WHERE reply_to_id IS NOT NULL;

CREATE TABLE ${schema}.attachment (
    id             text COLLATE "C" NOT NULL PRIMARY KEY,
    user_id        text        NOT NULL,
    name           text        NOT NULL,
    mime_type      text        NOT NULL,
    size_bytes     bigint      NOT NULL CHECK (size_bytes >= 0),
    sha256         text,
    storage_uri    text,
    inline_data    bytea,
    status         text        NOT NULL CHECK (status IN ('uploading', 'processing', 'ready', 'error')),
    error_text     text,
    extracted_text text,
    word_count     integer,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK ((storage_uri IS NULL) <> (inline_data IS NULL))
);

CREATE INDEX attachment_by_user ON ${schema}.attachment (user_id, id);

CREATE TABLE ${schema}.message_attachment (
    message_id    text COLLATE "C" NOT NULL REFERENCES ${schema}.message (id) ON DELETE CASCADE,
    attachment_id text COLLATE "C" NOT NULL REFERENCES ${schema}.attachment (id) ON DELETE CASCADE,
    user_id       text NOT NULL,
    PRIMARY KEY (message_id, attachment_id)
);

CREATE INDEX message_attachment_by_attachment ON ${schema}.message_attachment (attachment_id);

CREATE TABLE ${schema}.conversation_attachment (
    conversation_id text COLLATE "C" NOT NULL REFERENCES ${schema}.conversation (id) ON DELETE CASCADE,
    attachment_id   text COLLATE "C" NOT NULL REFERENCES ${schema}.attachment (id) ON DELETE CASCADE,
    user_id         text        NOT NULL,
    linked_at       timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, attachment_id)
);

CREATE INDEX conversation_attachment_by_attachment ON ${schema}.conversation_attachment (attachment_id);

CREATE TABLE ${schema}.memory_fact (
    id                     text COLLATE "C" NOT NULL PRIMARY KEY,
    user_id                text             NOT NULL,
    category               text             NOT NULL CHECK (category IN ('preference', 'fact', 'skill', 'goal')),
    content                text             NOT NULL,
    confidence             double precision NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    active                 boolean          NOT NULL,
    source_conversation_id text COLLATE "C" REFERENCES ${schema}.conversation (id) ON DELETE SET NULL,
    source_message_id      text COLLATE "C" REFERENCES ${schema}.message (id) ON DELETE SET NULL,
    created_at             timestamptz      NOT NULL,
    updated_at             timestamptz      NOT NULL
);

-- Facts ranked by confidence then recency, keyset-paged.
CREATE INDEX memory_fact_by_rank ON ${schema}.memory_fact (user_id, confidence, id);
CREATE INDEX memory_fact_by_source_conversation ON ${schema}.memory_fact (source_conversation_id)
    WHERE source_conversation_id IS NOT NULL;
CREATE INDEX memory_fact_by_source_message ON ${schema}.memory_fact (source_message_id)
    WHERE source_message_id IS NOT NULL;

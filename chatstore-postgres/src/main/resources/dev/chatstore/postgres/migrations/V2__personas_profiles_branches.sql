-- chatstore schema, version 2 (PostgreSQL): personas, user profiles, richer conversations and
-- messages, branches. Existing rows are upgraded in place: linear histories become one branch.

CREATE TABLE ${schema}.persona (
    id                  text COLLATE "C" NOT NULL PRIMARY KEY,
    name                text        NOT NULL UNIQUE,
    display_name        text        NOT NULL,
    avatar_url          text,
    description         text,
    category            text,
    system_instructions text        NOT NULL,
    personality_traits  jsonb       NOT NULL DEFAULT '[]',
    suggested_openers   jsonb       NOT NULL DEFAULT '[]',
    greeting            text,
    status              text        NOT NULL CHECK (status IN ('active', 'coming_soon', 'discontinued')),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

CREATE INDEX persona_by_status ON ${schema}.persona (status, category);

CREATE TABLE ${schema}.user_profile (
    user_id                text        NOT NULL PRIMARY KEY,
    email                  text        UNIQUE,
    display_name           text,
    active                 boolean     NOT NULL DEFAULT TRUE,
    preferences            jsonb       NOT NULL DEFAULT '{}',
    active_conversation_id text COLLATE "C" REFERENCES ${schema}.conversation (id) ON DELETE SET NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    last_active_at         timestamptz
);

CREATE INDEX user_profile_by_active_conversation ON ${schema}.user_profile (active_conversation_id)
    WHERE active_conversation_id IS NOT NULL;

ALTER TABLE ${schema}.message
    ADD COLUMN parent_id text COLLATE "C" REFERENCES ${schema}.message (id) ON DELETE SET NULL,
    ADD COLUMN type text NOT NULL DEFAULT 'text' CHECK (type IN ('text', 'image', 'audio', 'multimodal')),
    ADD COLUMN media_refs jsonb,
    ADD COLUMN audio_ref text,
    ADD COLUMN audio_duration_ms bigint,
    ADD COLUMN model_name text,
    ADD COLUMN prompt_tokens integer,
    ADD COLUMN completion_tokens integer,
    ADD COLUMN tool_call_id text,
    ADD COLUMN rating text CHECK (rating IN ('thumbs_up', 'thumbs_down')),
    ADD COLUMN mistake boolean NOT NULL DEFAULT FALSE,
    ADD COLUMN mistake_note text,
    ADD COLUMN edited_at timestamptz;

-- A linear history is one branch: each message's parent is the one before it.
UPDATE ${schema}.message m SET parent_id = p.prev_id
FROM (SELECT id, lag(id) OVER (PARTITION BY conversation_id ORDER BY seq) AS prev_id
      FROM ${schema}.message) p
WHERE p.id = m.id AND p.prev_id IS NOT NULL;

CREATE INDEX message_by_parent ON ${schema}.message (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX message_by_user_time ON ${schema}.message (user_id, created_at);

ALTER TABLE ${schema}.conversation
    ADD COLUMN provider text,
    ADD COLUMN model text,
    ADD COLUMN system_prompt text,
    ADD COLUMN pinned boolean NOT NULL DEFAULT FALSE,
    ADD COLUMN archived boolean NOT NULL DEFAULT FALSE,
    ADD COLUMN last_message_preview text,
    ADD COLUMN unread_count bigint NOT NULL DEFAULT 0,
    ADD COLUMN read_seq bigint NOT NULL DEFAULT 0,
    ADD COLUMN active_tip_id text COLLATE "C" REFERENCES ${schema}.message (id) ON DELETE SET NULL;

-- Existing history counts as read; the newest message is the tip and the preview.
UPDATE ${schema}.conversation c SET
    read_seq = c.last_seq,
    active_tip_id = (SELECT m.id FROM ${schema}.message m WHERE m.conversation_id = c.id
                     ORDER BY m.seq DESC LIMIT 1),
    last_message_preview = (SELECT substr(m.content, 1, 200) FROM ${schema}.message m
                            WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1);

-- The conversation list: unarchived or archived, pinned first, newest activity first.
DROP INDEX ${schema}.conversation_by_activity;
CREATE INDEX conversation_by_list ON ${schema}.conversation (user_id, archived, pinned, activity_seq, id);
CREATE INDEX conversation_by_active_tip ON ${schema}.conversation (active_tip_id) WHERE active_tip_id IS NOT NULL;

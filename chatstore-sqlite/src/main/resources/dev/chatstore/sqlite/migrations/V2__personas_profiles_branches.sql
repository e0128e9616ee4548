-- chatstore schema, version 2 (SQLite): personas, user profiles, richer conversations and messages,
-- branches. Existing rows are upgraded in place: linear histories become one branch.

CREATE TABLE persona (
    id                  TEXT    NOT NULL PRIMARY KEY,
    name                TEXT    NOT NULL UNIQUE,
    display_name        TEXT    NOT NULL,
    avatar_url          TEXT,
    description         TEXT,
    category            TEXT,
    system_instructions TEXT    NOT NULL,
    personality_traits  TEXT    NOT NULL DEFAULT '[]',
    suggested_openers   TEXT    NOT NULL DEFAULT '[]',
    greeting            TEXT,
    status              TEXT    NOT NULL CHECK (status IN ('active', 'coming_soon', 'discontinued')),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

CREATE INDEX persona_by_status ON persona (status, category);

CREATE TABLE user_profile (
    user_id                TEXT    NOT NULL PRIMARY KEY,
    email                  TEXT    UNIQUE,
    display_name           TEXT,
    active                 INTEGER NOT NULL DEFAULT 1,
    preferences            TEXT    NOT NULL DEFAULT '{}',
    active_conversation_id TEXT    REFERENCES conversation (id) ON DELETE SET NULL,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    last_active_at         INTEGER
);

CREATE INDEX user_profile_by_active_conversation ON user_profile (active_conversation_id)
    WHERE active_conversation_id IS NOT NULL;

ALTER TABLE message ADD COLUMN parent_id TEXT REFERENCES message (id) ON DELETE SET NULL;
ALTER TABLE message ADD COLUMN type TEXT NOT NULL DEFAULT 'text'
    CHECK (type IN ('text', 'image', 'audio', 'multimodal'));
ALTER TABLE message ADD COLUMN media_refs TEXT;
ALTER TABLE message ADD COLUMN audio_ref TEXT;
ALTER TABLE message ADD COLUMN audio_duration_ms INTEGER;
ALTER TABLE message ADD COLUMN model_name TEXT;
ALTER TABLE message ADD COLUMN prompt_tokens INTEGER;
ALTER TABLE message ADD COLUMN completion_tokens INTEGER;
ALTER TABLE message ADD COLUMN tool_call_id TEXT;
ALTER TABLE message ADD COLUMN rating TEXT CHECK (rating IN ('thumbs_up', 'thumbs_down'));
ALTER TABLE message ADD COLUMN mistake INTEGER NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN mistake_note TEXT;
ALTER TABLE message ADD COLUMN edited_at INTEGER;

-- A linear history is one branch: each message's parent is the one before it.
UPDATE message SET parent_id = (
    SELECT p.id FROM message p
    WHERE p.conversation_id = message.conversation_id AND p.seq < message.seq
    ORDER BY p.seq DESC LIMIT 1);

CREATE INDEX message_by_parent ON message (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX message_by_user_time ON message (user_id, created_at);

ALTER TABLE conversation ADD COLUMN provider TEXT;
ALTER TABLE conversation ADD COLUMN model TEXT;
ALTER TABLE conversation ADD COLUMN system_prompt TEXT;
ALTER TABLE conversation ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversation ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversation ADD COLUMN last_message_preview TEXT;
ALTER TABLE conversation ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversation ADD COLUMN read_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversation ADD COLUMN active_tip_id TEXT REFERENCES message (id) ON DELETE SET NULL;

-- Existing history counts as read; the newest message is the tip and the preview.
UPDATE conversation SET
    read_seq = last_seq,
    active_tip_id = (SELECT m.id FROM message m WHERE m.conversation_id = conversation.id
                     ORDER BY m.seq DESC LIMIT 1),
    last_message_preview = (SELECT substr(m.content, 1, 200) FROM message m
                            WHERE m.conversation_id = conversation.id ORDER BY m.seq DESC LIMIT 1);

-- The conversation list: unarchived or archived, pinned first, newest activity first.
DROP INDEX conversation_by_activity;
CREATE INDEX conversation_by_list ON conversation (user_id, archived, pinned, activity_seq, id);
CREATE INDEX conversation_by_active_tip ON conversation (active_tip_id) WHERE active_tip_id IS NOT NULL;

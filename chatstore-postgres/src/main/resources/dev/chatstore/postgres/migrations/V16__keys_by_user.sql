-- Keys ready to distribute by user (e.g. Citus, distribution column user_id): the primary key and
-- every unique constraint of a user's table include user_id, and every foreign key between such
-- tables includes user_id on both sides, so a row and everything it refers to live on one shard.
-- ON DELETE SET NULL names the column it clears (PostgreSQL 15+), so user_id is never nulled.
-- Emails stay unique across users: user_profile.email is no longer unique on its own; the store
-- records each email in email_claim (a store-wide table, one row per email, no foreign key to a
-- user's table), written in the same transaction as the profile. Data is kept: only keys change.
-- Indexes that served a foreign key on one column now lead with user_id. (${schema} is already quoted.)

-- ON DELETE SET NULL (column) is new in PostgreSQL 15: an older server is refused with a clear message.
DO 'BEGIN
    IF current_setting(''server_version_num'')::integer < 150000 THEN
        RAISE EXCEPTION ''chatstore needs PostgreSQL 15 or newer (this server is %): migration V16 uses ON DELETE SET NULL (column)'',
            current_setting(''server_version'');
    END IF;
END';

-- Foreign keys first: they depend on the primary keys being replaced.
ALTER TABLE ${schema}.message DROP CONSTRAINT message_conversation_id_fkey;
ALTER TABLE ${schema}.message DROP CONSTRAINT message_reply_to_id_fkey;
ALTER TABLE ${schema}.message DROP CONSTRAINT message_parent_id_fkey;
ALTER TABLE ${schema}.conversation DROP CONSTRAINT conversation_active_tip_id_fkey;
ALTER TABLE ${schema}.message_attachment DROP CONSTRAINT message_attachment_message_id_fkey;
ALTER TABLE ${schema}.message_attachment DROP CONSTRAINT message_attachment_attachment_id_fkey;
ALTER TABLE ${schema}.conversation_attachment DROP CONSTRAINT conversation_attachment_conversation_id_fkey;
ALTER TABLE ${schema}.conversation_attachment DROP CONSTRAINT conversation_attachment_attachment_id_fkey;
ALTER TABLE ${schema}.memory_fact DROP CONSTRAINT memory_fact_source_conversation_id_fkey;
ALTER TABLE ${schema}.memory_fact DROP CONSTRAINT memory_fact_source_message_id_fkey;
ALTER TABLE ${schema}.user_profile DROP CONSTRAINT user_profile_active_conversation_id_fkey;
ALTER TABLE ${schema}.embedding DROP CONSTRAINT embedding_message_id_fkey;
ALTER TABLE ${schema}.embedding DROP CONSTRAINT embedding_fact_id_fkey;
ALTER TABLE ${schema}.embedding DROP CONSTRAINT embedding_attachment_id_fkey;
ALTER TABLE ${schema}.embedding DROP CONSTRAINT embedding_conversation_id_fkey;

-- Primary keys and unique constraints with user_id.
ALTER TABLE ${schema}.conversation DROP CONSTRAINT conversation_pkey;
ALTER TABLE ${schema}.conversation ADD CONSTRAINT conversation_pkey PRIMARY KEY (user_id, id);
ALTER TABLE ${schema}.message DROP CONSTRAINT message_pkey;
ALTER TABLE ${schema}.message ADD CONSTRAINT message_pkey PRIMARY KEY (user_id, id);
ALTER TABLE ${schema}.message DROP CONSTRAINT message_conversation_id_seq_key;
ALTER TABLE ${schema}.message ADD CONSTRAINT message_conversation_id_seq_key UNIQUE (user_id, conversation_id, seq);
ALTER TABLE ${schema}.message DROP CONSTRAINT message_conversation_id_client_message_id_key;
ALTER TABLE ${schema}.message ADD CONSTRAINT message_conversation_id_client_message_id_key
    UNIQUE (user_id, conversation_id, client_message_id);
ALTER TABLE ${schema}.attachment DROP CONSTRAINT attachment_pkey;
ALTER TABLE ${schema}.attachment ADD CONSTRAINT attachment_pkey PRIMARY KEY (user_id, id);
ALTER TABLE ${schema}.message_attachment DROP CONSTRAINT message_attachment_pkey;
ALTER TABLE ${schema}.message_attachment ADD CONSTRAINT message_attachment_pkey
    PRIMARY KEY (user_id, message_id, attachment_id);
ALTER TABLE ${schema}.conversation_attachment DROP CONSTRAINT conversation_attachment_pkey;
ALTER TABLE ${schema}.conversation_attachment ADD CONSTRAINT conversation_attachment_pkey
    PRIMARY KEY (user_id, conversation_id, attachment_id);
ALTER TABLE ${schema}.memory_fact DROP CONSTRAINT memory_fact_pkey;
ALTER TABLE ${schema}.memory_fact ADD CONSTRAINT memory_fact_pkey PRIMARY KEY (user_id, id);
ALTER TABLE ${schema}.user_profile DROP CONSTRAINT user_profile_email_key;

-- Foreign keys with user_id on both sides.
ALTER TABLE ${schema}.message ADD CONSTRAINT message_conversation_id_fkey FOREIGN KEY (user_id, conversation_id)
    REFERENCES ${schema}.conversation (user_id, id) ON DELETE CASCADE;
ALTER TABLE ${schema}.message ADD CONSTRAINT message_reply_to_id_fkey FOREIGN KEY (user_id, reply_to_id)
    REFERENCES ${schema}.message (user_id, id) ON DELETE SET NULL (reply_to_id);
ALTER TABLE ${schema}.message ADD CONSTRAINT message_parent_id_fkey FOREIGN KEY (user_id, parent_id)
    REFERENCES ${schema}.message (user_id, id) ON DELETE SET NULL (parent_id);
ALTER TABLE ${schema}.conversation ADD CONSTRAINT conversation_active_tip_id_fkey FOREIGN KEY (user_id, active_tip_id)
    REFERENCES ${schema}.message (user_id, id) ON DELETE SET NULL (active_tip_id);
ALTER TABLE ${schema}.message_attachment ADD CONSTRAINT message_attachment_message_id_fkey
    FOREIGN KEY (user_id, message_id) REFERENCES ${schema}.message (user_id, id) ON DELETE CASCADE;
ALTER TABLE ${schema}.message_attachment ADD CONSTRAINT message_attachment_attachment_id_fkey
    FOREIGN KEY (user_id, attachment_id) REFERENCES ${schema}.attachment (user_id, id) ON DELETE CASCADE;
ALTER TABLE ${schema}.conversation_attachment ADD CONSTRAINT conversation_attachment_conversation_id_fkey
    FOREIGN KEY (user_id, conversation_id) REFERENCES ${schema}.conversation (user_id, id) ON DELETE CASCADE;
ALTER TABLE ${schema}.conversation_attachment ADD CONSTRAINT conversation_attachment_attachment_id_fkey
    FOREIGN KEY (user_id, attachment_id) REFERENCES ${schema}.attachment (user_id, id) ON DELETE CASCADE;
ALTER TABLE ${schema}.memory_fact ADD CONSTRAINT memory_fact_source_conversation_id_fkey
    FOREIGN KEY (user_id, source_conversation_id) REFERENCES ${schema}.conversation (user_id, id)
    ON DELETE SET NULL (source_conversation_id);
ALTER TABLE ${schema}.memory_fact ADD CONSTRAINT memory_fact_source_message_id_fkey
    FOREIGN KEY (user_id, source_message_id) REFERENCES ${schema}.message (user_id, id)
    ON DELETE SET NULL (source_message_id);
ALTER TABLE ${schema}.user_profile ADD CONSTRAINT user_profile_active_conversation_id_fkey
    FOREIGN KEY (user_id, active_conversation_id) REFERENCES ${schema}.conversation (user_id, id)
    ON DELETE SET NULL (active_conversation_id);
ALTER TABLE ${schema}.embedding ADD CONSTRAINT embedding_message_id_fkey
    FOREIGN KEY (user_id, message_id) REFERENCES ${schema}.message (user_id, id) ON DELETE CASCADE;
ALTER TABLE ${schema}.embedding ADD CONSTRAINT embedding_fact_id_fkey
    FOREIGN KEY (user_id, fact_id) REFERENCES ${schema}.memory_fact (user_id, id) ON DELETE CASCADE;
ALTER TABLE ${schema}.embedding ADD CONSTRAINT embedding_attachment_id_fkey
    FOREIGN KEY (user_id, attachment_id) REFERENCES ${schema}.attachment (user_id, id) ON DELETE CASCADE;
ALTER TABLE ${schema}.embedding ADD CONSTRAINT embedding_conversation_id_fkey
    FOREIGN KEY (user_id, conversation_id) REFERENCES ${schema}.conversation (user_id, id)
    ON DELETE SET NULL (conversation_id);

-- The indexes that find a foreign key's referencing rows (its ON DELETE action), now by user first.
DROP INDEX ${schema}.message_by_reply_to;
CREATE INDEX message_by_reply_to ON ${schema}.message (user_id, reply_to_id) WHERE reply_to_id IS NOT NULL;
DROP INDEX ${schema}.message_by_parent;
CREATE INDEX message_by_parent ON ${schema}.message (user_id, parent_id) WHERE parent_id IS NOT NULL;
DROP INDEX ${schema}.conversation_by_active_tip;
CREATE INDEX conversation_by_active_tip ON ${schema}.conversation (user_id, active_tip_id)
    WHERE active_tip_id IS NOT NULL;
DROP INDEX ${schema}.message_attachment_by_attachment;
CREATE INDEX message_attachment_by_attachment ON ${schema}.message_attachment (user_id, attachment_id);
DROP INDEX ${schema}.conversation_attachment_by_attachment;
CREATE INDEX conversation_attachment_by_attachment ON ${schema}.conversation_attachment (user_id, attachment_id);
DROP INDEX ${schema}.memory_fact_by_source_conversation;
CREATE INDEX memory_fact_by_source_conversation ON ${schema}.memory_fact (user_id, source_conversation_id)
    WHERE source_conversation_id IS NOT NULL;
DROP INDEX ${schema}.memory_fact_by_source_message;
CREATE INDEX memory_fact_by_source_message ON ${schema}.memory_fact (user_id, source_message_id)
    WHERE source_message_id IS NOT NULL;
DROP INDEX ${schema}.user_profile_by_active_conversation;
CREATE INDEX user_profile_by_active_conversation ON ${schema}.user_profile (user_id, active_conversation_id)
    WHERE active_conversation_id IS NOT NULL;
DROP INDEX ${schema}.embedding_by_message;
CREATE INDEX embedding_by_message ON ${schema}.embedding (user_id, message_id) WHERE message_id IS NOT NULL;
DROP INDEX ${schema}.embedding_by_fact;
CREATE INDEX embedding_by_fact ON ${schema}.embedding (user_id, fact_id) WHERE fact_id IS NOT NULL;
DROP INDEX ${schema}.embedding_by_attachment;
CREATE INDEX embedding_by_attachment ON ${schema}.embedding (user_id, attachment_id) WHERE attachment_id IS NOT NULL;
DROP INDEX ${schema}.embedding_by_conversation;
CREATE INDEX embedding_by_conversation ON ${schema}.embedding (user_id, conversation_id)
    WHERE conversation_id IS NOT NULL;

-- The primary key (user_id, id) now serves what this index did.
DROP INDEX ${schema}.attachment_by_user;

-- Emails, unique across users: a store-wide (reference) table, filled from the profiles.
CREATE TABLE ${schema}.email_claim (
    email   text NOT NULL PRIMARY KEY,
    user_id text NOT NULL
);

INSERT INTO ${schema}.email_claim (email, user_id)
SELECT email, user_id FROM ${schema}.user_profile WHERE email IS NOT NULL;

-- A user's claim, found when the user changes or erases it.
CREATE INDEX email_claim_by_user ON ${schema}.email_claim (user_id);

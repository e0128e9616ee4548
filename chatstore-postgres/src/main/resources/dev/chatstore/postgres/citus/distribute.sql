-- Distributes a chatstore schema by user with Citus (run once, on the coordinator, as the schema's
-- owner, after the store has migrated it; ${schema} is the store's schema, quoted as in the
-- migrations). Every table of the schema is named exactly once below: store-wide tables become
-- reference tables (a copy on every node), every table of a user's data becomes a distributed
-- table on user_id, co-located with conversation, so a user's rows, their keys and the foreign
-- keys between them stay on one node. Reference tables first; a distributed table before the
-- tables whose foreign keys refer to it.
--
-- Not verified on Citus: Citus could not be installed where this was written. What was checked
-- instead is in the tests (PostgresShardKeysTest): the keys of every table against PostgreSQL's
-- catalog, and that this script names every table of a migrated schema exactly once, in an order
-- no foreign key contradicts.
--
-- Citus refuses ON DELETE SET NULL on a foreign key that includes the distribution column, even
-- with PostgreSQL 15's column list (ON DELETE SET NULL (reply_to_id)): its check looks at the
-- action, not at the columns it sets. Those keys are dropped first (see below), and with them the
-- clearing of the reference when its target is deleted: until the engine clears those columns
-- itself, a distributed store keeps the id of a deleted message or conversation there.

SELECT create_reference_table('${schema}.persona');
SELECT create_reference_table('${schema}.email_claim');
SELECT create_reference_table('${schema}.chatstore_schema_history');

-- The foreign keys Citus refuses (ON DELETE SET NULL including user_id). Without them a deleted
-- message, conversation or fact leaves the ids that referred to it in place.
ALTER TABLE ${schema}.message DROP CONSTRAINT message_reply_to_id_fkey;
ALTER TABLE ${schema}.message DROP CONSTRAINT message_parent_id_fkey;
ALTER TABLE ${schema}.conversation DROP CONSTRAINT conversation_active_tip_id_fkey;
ALTER TABLE ${schema}.memory_fact DROP CONSTRAINT memory_fact_source_conversation_id_fkey;
ALTER TABLE ${schema}.memory_fact DROP CONSTRAINT memory_fact_source_message_id_fkey;
ALTER TABLE ${schema}.user_profile DROP CONSTRAINT user_profile_active_conversation_id_fkey;
ALTER TABLE ${schema}.embedding DROP CONSTRAINT embedding_conversation_id_fkey;

SELECT create_distributed_table('${schema}.conversation', 'user_id');
SELECT create_distributed_table('${schema}.message', 'user_id', colocate_with => '${schema}.conversation');
SELECT create_distributed_table('${schema}.attachment', 'user_id', colocate_with => '${schema}.conversation');
SELECT create_distributed_table('${schema}.message_attachment', 'user_id', colocate_with => '${schema}.conversation');
SELECT create_distributed_table('${schema}.conversation_attachment', 'user_id', colocate_with => '${schema}.conversation');
SELECT create_distributed_table('${schema}.memory_fact', 'user_id', colocate_with => '${schema}.conversation');
SELECT create_distributed_table('${schema}.user_profile', 'user_id', colocate_with => '${schema}.conversation');
SELECT create_distributed_table('${schema}.setting', 'user_id', colocate_with => '${schema}.conversation');
SELECT create_distributed_table('${schema}.provider_config', 'user_id', colocate_with => '${schema}.conversation');
SELECT create_distributed_table('${schema}.search_cache', 'user_id', colocate_with => '${schema}.conversation');
SELECT create_distributed_table('${schema}.embedding_model', 'user_id', colocate_with => '${schema}.conversation');
-- embedding has row triggers that version its user's model (V13, V14: an UPDATE of embedding_model,
-- co-located, same user_id). Citus distributes a table with triggers only with
-- citus.enable_unsafe_triggers on; not verified here.
SELECT create_distributed_table('${schema}.embedding', 'user_id', colocate_with => '${schema}.conversation');

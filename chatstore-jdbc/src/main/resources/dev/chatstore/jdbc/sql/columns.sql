-- The column list of each entity, one place each: statements use them as ${messageColumns} etc.,
-- and the shared conditions (${embeddingFilter}, ${orphanAttachment}).
-- A message's attachment ids come with it (one index lookup per row, no query per message).
-- with the table aliased as shown (FROM ${schema}.message m). Fragments, not statements: the
-- engine substitutes them into the other catalogs when they load.

-- name: messageColumns
m.id, m.conversation_id, m.seq, m.parent_id, m.role, m.type, m.content, m.media_refs, m.audio_ref,
m.audio_duration_ms, m.model_name, m.prompt_tokens, m.completion_tokens, m.tool_call_id, m.tool_calls, m.tool_name,
m.reasoning, m.metadata, m.client_message_id, m.reply_to_id, m.rating, m.mistake, m.mistake_note, m.created_at,
m.edited_at,
(SELECT ${jsonArrayAgg}(ma.attachment_id ORDER BY ma.attachment_id) FROM ${schema}.message_attachment ma
 WHERE ma.user_id = m.user_id AND ma.message_id = m.id) AS attachment_ids

-- name: conversationColumns
c.id, c.user_id, c.persona_id, c.external_key, c.title, c.metadata, c.provider, c.model, c.system_prompt, c.pinned, c.archived,
c.message_count, c.last_seq, c.last_message_at, c.last_message_preview, c.unread_count, c.active_tip_id, c.activity_seq,
c.revision, c.created_at, c.updated_at

-- name: attachmentColumns
a.id, a.user_id, a.name, a.mime_type, a.size_bytes, a.sha256, a.storage_uri, a.inline_data IS NOT NULL AS is_inline,
a.status, a.error_text, a.extracted_text, a.word_count, a.created_at, a.updated_at

-- name: factColumns
f.id, f.user_id, f.category, f.content, f.confidence, f.active, f.source_conversation_id, f.source_message_id,
f.created_at, f.updated_at

-- name: personaColumns
p.id, p.name, p.display_name, p.avatar_url, p.description, p.category, p.system_instructions, p.personality_traits,
p.suggested_openers, p.greeting, p.status, p.created_at, p.updated_at

-- name: providerColumns
pc.provider_id, pc.base_url, pc.enabled, pc.model_preferences, pc.api_key_key_id, pc.created_at, pc.updated_at

-- The filters of a vector search (VectorQuery) on an embedding row aliased e, as one condition:
-- the row's own columns, except the conversation's archived flag and an attachment's links to the
-- conversation searched. Bound: :messages :facts :chunks (kinds), :system :user :assistant :tool
-- (roles), :from :to, :conversationId (or null), :includeArchived, :userId.
-- name: embeddingFilter
((e.kind = 'message' AND :messages) OR (e.kind = 'fact' AND :facts) OR (e.kind = 'attachment_chunk' AND :chunks))
AND (e.role IS NULL OR (e.role = 'system' AND :system) OR (e.role = 'user' AND :user)
     OR (e.role = 'assistant' AND :assistant) OR (e.role = 'tool' AND :tool))
AND e.target_created_at >= :from AND e.target_created_at < :to
AND (:conversationId IS NULL OR e.conversation_id = :conversationId
     OR (e.kind = 'attachment_chunk' AND EXISTS (
         SELECT 1 FROM ${schema}.conversation_attachment ca
         WHERE ca.attachment_id = e.target_id AND ca.conversation_id = :conversationId AND ca.user_id = :userId)))
AND (:includeArchived OR e.conversation_id IS NULL OR EXISTS (
         SELECT 1 FROM ${schema}.conversation c WHERE c.user_id = e.user_id AND c.id = e.conversation_id AND NOT c.archived))

-- An attachment (aliased a) linked to no message and no conversation: an orphan, what
-- Attachments.orphans lists and the retention purge deletes.
-- name: orphanAttachment
NOT EXISTS (SELECT 1 FROM ${schema}.message_attachment ma WHERE ma.user_id = a.user_id AND ma.attachment_id = a.id)
AND NOT EXISTS (SELECT 1 FROM ${schema}.conversation_attachment ca WHERE ca.user_id = a.user_id AND ca.attachment_id = a.id)

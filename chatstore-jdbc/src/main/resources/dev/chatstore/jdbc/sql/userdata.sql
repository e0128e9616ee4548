-- Export and erasure of everything of one user. ${schema} qualifies tables.

-- name: exportConversations
SELECT id, user_id, persona_id, title, metadata, provider, model, system_prompt, pinned, archived,
       message_count, last_message_at, last_message_preview, unread_count, active_tip_id, activity_seq,
       created_at, updated_at
FROM ${schema}.conversation
WHERE user_id = :userId
ORDER BY id

-- Conversation by conversation, each in sequence order through the (conversation_id, seq) key.
-- name: exportMessages
SELECT m.id, m.conversation_id, m.seq, m.parent_id, m.role, m.type, m.content, m.media_refs, m.audio_ref,
       m.audio_duration_ms, m.model_name, m.prompt_tokens, m.completion_tokens, m.tool_call_id, m.metadata,
       m.client_message_id, m.reply_to_id, m.rating, m.mistake, m.mistake_note, m.created_at, m.edited_at
FROM ${schema}.conversation c
JOIN ${schema}.message m ON m.conversation_id = c.id
WHERE c.user_id = :userId
ORDER BY c.id, m.seq

-- name: exportAttachments
SELECT id, user_id, name, mime_type, size_bytes, sha256, storage_uri, inline_data IS NOT NULL AS is_inline,
       inline_data, status, error_text, extracted_text, word_count, created_at, updated_at
FROM ${schema}.attachment
WHERE user_id = :userId
ORDER BY id

-- name: exportFacts
SELECT id, user_id, category, content, confidence, active, source_conversation_id, source_message_id,
       created_at, updated_at
FROM ${schema}.memory_fact
WHERE user_id = :userId
ORDER BY id

-- name: exportSettings
SELECT key, value FROM ${schema}.setting WHERE user_id = :userId ORDER BY key

-- name: exportProviders
SELECT provider_id, base_url, enabled, model_preferences FROM ${schema}.provider_config
WHERE user_id = :userId ORDER BY provider_id

-- name: eraseSearchCache
DELETE FROM ${schema}.search_cache WHERE user_id = :userId

-- name: eraseProviders
DELETE FROM ${schema}.provider_config WHERE user_id = :userId

-- name: eraseSettings
DELETE FROM ${schema}.setting WHERE user_id = :userId

-- name: eraseProfile
DELETE FROM ${schema}.user_profile WHERE user_id = :userId

-- name: eraseFacts
DELETE FROM ${schema}.memory_fact WHERE user_id = :userId

-- Conversations take their messages and attachment links with them (ON DELETE CASCADE).
-- name: eraseConversations
DELETE FROM ${schema}.conversation WHERE user_id = :userId

-- name: eraseAttachments
DELETE FROM ${schema}.attachment WHERE user_id = :userId

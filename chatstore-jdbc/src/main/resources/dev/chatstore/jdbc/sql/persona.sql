-- Statements of the persona repository (global, not per user). ${schema} qualifies tables.

-- An update keeps the row (and its id): never INSERT OR REPLACE, which deletes and cascades.
-- name: upsert
INSERT INTO ${schema}.persona
    (id, name, display_name, avatar_url, description, category, system_instructions, personality_traits,
     suggested_openers, greeting, status, created_at, updated_at)
VALUES (:id, :name, :displayName, :avatarUrl, :description, :category, :systemInstructions, :personalityTraits,
        :suggestedOpeners, :greeting, :status, :now, :now)
ON CONFLICT (name) DO UPDATE SET
    display_name = excluded.display_name,
    avatar_url = excluded.avatar_url,
    description = excluded.description,
    category = excluded.category,
    system_instructions = excluded.system_instructions,
    personality_traits = excluded.personality_traits,
    suggested_openers = excluded.suggested_openers,
    greeting = excluded.greeting,
    status = excluded.status,
    updated_at = excluded.updated_at

-- name: byName
SELECT ${personaColumns}
FROM ${schema}.persona p
WHERE p.name = :name

-- name: list
SELECT ${personaColumns}
FROM ${schema}.persona p
WHERE (:status IS NULL OR p.status = :status) AND (:category IS NULL OR p.category = :category)
ORDER BY p.name
LIMIT :limit

-- name: setStatus
UPDATE ${schema}.persona SET status = :status, updated_at = :now WHERE name = :name

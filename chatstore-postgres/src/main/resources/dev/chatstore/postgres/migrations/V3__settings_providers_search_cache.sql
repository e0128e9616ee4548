-- chatstore schema, version 3 (PostgreSQL): settings, AI provider configurations, search cache.
-- Store-wide settings use the empty user id (no user has it: user ids are non-blank). Keys and
-- provider ids compare bytewise (COLLATE "C"), so listings are ordered as on every backend.

CREATE TABLE ${schema}.setting (
    user_id    text             NOT NULL,
    key        text COLLATE "C" NOT NULL,
    value      jsonb            NOT NULL,
    updated_at timestamptz      NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- The API key is AES-256-GCM ciphertext (tag included) with its 12-byte IV and the id of the key
-- that encrypted it; the three are set together or not at all.
CREATE TABLE ${schema}.provider_config (
    user_id            text             NOT NULL,
    provider_id        text COLLATE "C" NOT NULL,
    base_url           text,
    enabled            boolean          NOT NULL,
    model_preferences  jsonb            NOT NULL DEFAULT '{}',
    api_key_ciphertext bytea,
    api_key_iv         bytea,
    api_key_key_id     text,
    created_at         timestamptz      NOT NULL,
    updated_at         timestamptz      NOT NULL,
    PRIMARY KEY (user_id, provider_id),
    CHECK ((api_key_ciphertext IS NULL) = (api_key_iv IS NULL)
           AND (api_key_iv IS NULL) = (api_key_key_id IS NULL))
);

-- Key rotation finds the secrets not yet encrypted with the current key.
CREATE INDEX provider_config_by_key_id ON ${schema}.provider_config (api_key_key_id)
    WHERE api_key_key_id IS NOT NULL;

CREATE TABLE ${schema}.search_cache (
    user_id    text        NOT NULL,
    query_hash text        NOT NULL,
    query      text        NOT NULL,
    results    jsonb       NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, query_hash)
);

-- Purging expired entries of every user.
CREATE INDEX search_cache_by_expiry ON ${schema}.search_cache (expires_at);

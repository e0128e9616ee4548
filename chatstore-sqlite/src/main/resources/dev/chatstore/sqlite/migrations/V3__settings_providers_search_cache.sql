-- chatstore schema, version 3 (SQLite): settings, AI provider configurations, search cache.
-- Store-wide settings use the empty user id (no user has it: user ids are non-blank).

CREATE TABLE setting (
    user_id    TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- The API key is AES-256-GCM ciphertext (tag included) with its 12-byte IV and the id of the key
-- that encrypted it; the three are set together or not at all.
CREATE TABLE provider_config (
    user_id            TEXT    NOT NULL,
    provider_id        TEXT    NOT NULL,
    base_url           TEXT,
    enabled            INTEGER NOT NULL,
    model_preferences  TEXT    NOT NULL DEFAULT '{}',
    api_key_ciphertext BLOB,
    api_key_iv         BLOB,
    api_key_key_id     TEXT,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    PRIMARY KEY (user_id, provider_id),
    CHECK ((api_key_ciphertext IS NULL) = (api_key_iv IS NULL)
           AND (api_key_iv IS NULL) = (api_key_key_id IS NULL))
);

-- Key rotation finds the secrets not yet encrypted with the current key.
CREATE INDEX provider_config_by_key_id ON provider_config (api_key_key_id) WHERE api_key_key_id IS NOT NULL;

CREATE TABLE search_cache (
    user_id    TEXT    NOT NULL,
    query_hash TEXT    NOT NULL,
    query      TEXT    NOT NULL,
    results    TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, query_hash)
);

-- Purging expired entries of every user.
CREATE INDEX search_cache_by_expiry ON search_cache (expires_at);

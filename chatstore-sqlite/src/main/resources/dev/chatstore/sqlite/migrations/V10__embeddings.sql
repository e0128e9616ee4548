-- Embeddings: vectors the application computed for a message, a memory fact or an attachment chunk,
-- one per target and model, as little-endian float32 in a BLOB with the L2 norm precomputed.
-- Each vector goes with its target (ON DELETE CASCADE); a fact's vector keeps its fact when the
-- fact's source conversation is deleted (ON DELETE SET NULL, as the fact's own source column).

-- A model's dimension, fixed per user by the model's first vector, so vectors of one model never mix dimensions.
CREATE TABLE embedding_model (
    user_id    TEXT    NOT NULL,
    model      TEXT    NOT NULL,
    dimension  INTEGER NOT NULL CHECK (dimension >= 1),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, model)
);

-- target_id is the message, fact or attachment id; exactly the column of its kind repeats it, with
-- the foreign key that deletes the vector with its target. role and target_created_at copy what
-- the filters of a search need from the (immutable) target, so a search reads this table only.
CREATE TABLE embedding (
    user_id           TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('message', 'fact', 'attachment_chunk')),
    target_id         TEXT    NOT NULL,
    chunk_index       INTEGER NOT NULL CHECK (chunk_index >= 0),
    message_id        TEXT    REFERENCES message (id) ON DELETE CASCADE,
    fact_id           TEXT    REFERENCES memory_fact (id) ON DELETE CASCADE,
    attachment_id     TEXT    REFERENCES attachment (id) ON DELETE CASCADE,
    conversation_id   TEXT    REFERENCES conversation (id) ON DELETE SET NULL,
    role              TEXT,
    target_created_at INTEGER NOT NULL,
    dimension         INTEGER NOT NULL CHECK (dimension >= 1),
    norm              REAL    NOT NULL CHECK (norm > 0),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    vector            BLOB    NOT NULL CHECK (length(vector) = 4 * dimension),
    chunk_text        TEXT,
    PRIMARY KEY (user_id, model, kind, target_id, chunk_index),
    CHECK (kind <> 'message' OR (message_id = target_id AND fact_id IS NULL AND attachment_id IS NULL
                                 AND chunk_index = 0 AND role IS NOT NULL)),
    CHECK (kind <> 'fact' OR (fact_id = target_id AND message_id IS NULL AND attachment_id IS NULL
                              AND chunk_index = 0 AND role IS NULL)),
    CHECK (kind <> 'attachment_chunk' OR (attachment_id = target_id AND message_id IS NULL AND fact_id IS NULL
                                          AND role IS NULL AND conversation_id IS NULL))
);

-- The cascades: without these, deleting a message, fact, attachment or conversation would scan the table.
CREATE INDEX embedding_by_message ON embedding (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX embedding_by_fact ON embedding (fact_id) WHERE fact_id IS NOT NULL;
CREATE INDEX embedding_by_attachment ON embedding (attachment_id) WHERE attachment_id IS NOT NULL;
CREATE INDEX embedding_by_conversation ON embedding (conversation_id) WHERE conversation_id IS NOT NULL;

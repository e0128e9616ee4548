-- A conversation's revision: one more with every change to the conversation or its messages, so a
-- caller can tell cheaply whether what it read is still current, and write only if it is.
ALTER TABLE ${schema}.conversation ADD COLUMN revision bigint NOT NULL DEFAULT 0;

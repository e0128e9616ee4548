-- A conversation's revision: one more with every change to the conversation or its messages, so a
-- caller can tell cheaply whether what it read is still current, and write only if it is.
ALTER TABLE conversation ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

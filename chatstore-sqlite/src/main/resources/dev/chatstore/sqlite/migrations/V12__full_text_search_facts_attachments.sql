-- Full-text search of memory facts' content and attachments' extracted text, as V9 does for
-- messages and titles: FTS5 indexes of external content (case- and diacritics-insensitive,
-- unicode61 remove_diacritics 2), kept by triggers in the same transaction as every write, the
-- rebuild indexing what is already stored. An attachment without extracted text (NULL) is indexed
-- as no words. Rows are found by rowid: after a VACUUM, which may renumber rowids, these indexes
-- must be rebuilt too. BEGIN stands on a line of its own in the triggers: the script splitter reads
-- a block from there to END. (Version 11 has no SQLite migration.)
CREATE VIRTUAL TABLE memory_fact_fts USING fts5(
    content, content = 'memory_fact', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER memory_fact_fts_insert AFTER INSERT ON memory_fact
BEGIN
    INSERT INTO memory_fact_fts (rowid, content) VALUES (new.rowid, new.content);
END;

CREATE TRIGGER memory_fact_fts_delete AFTER DELETE ON memory_fact
BEGIN
    INSERT INTO memory_fact_fts (memory_fact_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
END;

CREATE TRIGGER memory_fact_fts_update AFTER UPDATE OF content ON memory_fact
BEGIN
    INSERT INTO memory_fact_fts (memory_fact_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
    INSERT INTO memory_fact_fts (rowid, content) VALUES (new.rowid, new.content);
END;

-- secure-delete as in V9: deletes need no new pages and leave no trace of the words.
INSERT INTO memory_fact_fts (memory_fact_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO memory_fact_fts (memory_fact_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE attachment_fts USING fts5(
    extracted_text, content = 'attachment', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER attachment_fts_insert AFTER INSERT ON attachment
BEGIN
    INSERT INTO attachment_fts (rowid, extracted_text) VALUES (new.rowid, new.extracted_text);
END;

CREATE TRIGGER attachment_fts_delete AFTER DELETE ON attachment
BEGIN
    INSERT INTO attachment_fts (attachment_fts, rowid, extracted_text) VALUES ('delete', old.rowid, old.extracted_text);
END;

CREATE TRIGGER attachment_fts_update AFTER UPDATE OF extracted_text ON attachment
BEGIN
    INSERT INTO attachment_fts (attachment_fts, rowid, extracted_text) VALUES ('delete', old.rowid, old.extracted_text);
    INSERT INTO attachment_fts (rowid, extracted_text) VALUES (new.rowid, new.extracted_text);
END;

INSERT INTO attachment_fts (attachment_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO attachment_fts (attachment_fts) VALUES ('rebuild');

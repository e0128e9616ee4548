-- Full-text search: FTS5 indexes of message content and conversation titles, case- and
-- diacritics-insensitive (unicode61, remove_diacritics 2). They hold no copy of the text
-- (external content) and are kept by triggers in the same transaction as every write; the rebuild
-- indexes what is already stored. Rows are found by rowid: after a VACUUM, which may renumber the
-- rowids of these tables, the indexes must be rebuilt (the "rebuild" command). BEGIN stands on a line
-- of its own in the triggers: the script splitter reads a block from there to END.
CREATE VIRTUAL TABLE message_fts USING fts5(
    content, content = 'message', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER message_fts_insert AFTER INSERT ON message
BEGIN
    INSERT INTO message_fts (rowid, content) VALUES (new.rowid, new.content);
END;

CREATE TRIGGER message_fts_delete AFTER DELETE ON message
BEGIN
    INSERT INTO message_fts (message_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
END;

CREATE TRIGGER message_fts_update AFTER UPDATE OF content ON message
BEGIN
    INSERT INTO message_fts (message_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
    INSERT INTO message_fts (rowid, content) VALUES (new.rowid, new.content);
END;

-- secure-delete: a delete removes the words from the index in place, so erased text is gone from it
-- too, and a delete needs no new pages (a full database can still be emptied).
INSERT INTO message_fts (message_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO message_fts (message_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE conversation_fts USING fts5(
    title, content = 'conversation', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER conversation_fts_insert AFTER INSERT ON conversation
BEGIN
    INSERT INTO conversation_fts (rowid, title) VALUES (new.rowid, new.title);
END;

CREATE TRIGGER conversation_fts_delete AFTER DELETE ON conversation
BEGIN
    INSERT INTO conversation_fts (conversation_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
END;

CREATE TRIGGER conversation_fts_update AFTER UPDATE OF title ON conversation
BEGIN
    INSERT INTO conversation_fts (conversation_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
    INSERT INTO conversation_fts (rowid, title) VALUES (new.rowid, new.title);
END;

INSERT INTO conversation_fts (conversation_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO conversation_fts (conversation_fts) VALUES ('rebuild');

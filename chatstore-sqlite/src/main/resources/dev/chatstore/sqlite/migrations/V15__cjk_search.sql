-- Chinese, Japanese and Korean text, character by character: unicode61 (V9, V12) splits words at
-- spaces and punctuation only, so a run of ideographs was one word and 東京 did not find
-- 東京都に住んでいます. The indexes now read each text through chatstore_split_cjk (the Java function
-- every connection of the store registers, beside chatstore_fold), which sets each Han, Hiragana,
-- Katakana and Hangul character apart with U+001F on both sides, so each is a word of its own;
-- search splits a query word the same way and asks for the phrase of its characters. The
-- external content of each index is a view of its table through that function, so snippets and
-- rebuilds see the text exactly as it was indexed (search drops the U+001F marks from snippets);
-- the triggers index the same expression in the same transaction as every write. The indexes are
-- created anew (an FTS5 table's content cannot change) and rebuilt, which indexes the stored rows.
-- Writing these tables needs the function: a connection that has not registered it (the sqlite3
-- shell) can read them but not change them. BEGIN stands on a line of its own in the triggers: the
-- script splitter reads a block from there to END.

DROP TRIGGER message_fts_insert;

DROP TRIGGER message_fts_delete;

DROP TRIGGER message_fts_update;

DROP TABLE message_fts;

CREATE VIEW message_fts_text AS SELECT rowid AS rowid, chatstore_split_cjk(content) AS content FROM message;

CREATE VIRTUAL TABLE message_fts USING fts5(
    content, content = 'message_fts_text', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER message_fts_insert AFTER INSERT ON message
BEGIN
    INSERT INTO message_fts (rowid, content) VALUES (new.rowid, chatstore_split_cjk(new.content));
END;

CREATE TRIGGER message_fts_delete AFTER DELETE ON message
BEGIN
    INSERT INTO message_fts (message_fts, rowid, content) VALUES ('delete', old.rowid, chatstore_split_cjk(old.content));
END;

CREATE TRIGGER message_fts_update AFTER UPDATE OF content ON message
BEGIN
    INSERT INTO message_fts (message_fts, rowid, content) VALUES ('delete', old.rowid, chatstore_split_cjk(old.content));
    INSERT INTO message_fts (rowid, content) VALUES (new.rowid, chatstore_split_cjk(new.content));
END;

INSERT INTO message_fts (message_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO message_fts (message_fts) VALUES ('rebuild');

DROP TRIGGER conversation_fts_insert;

DROP TRIGGER conversation_fts_delete;

DROP TRIGGER conversation_fts_update;

DROP TABLE conversation_fts;

CREATE VIEW conversation_fts_text AS SELECT rowid AS rowid, chatstore_split_cjk(title) AS title FROM conversation;

CREATE VIRTUAL TABLE conversation_fts USING fts5(
    title, content = 'conversation_fts_text', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER conversation_fts_insert AFTER INSERT ON conversation
BEGIN
    INSERT INTO conversation_fts (rowid, title) VALUES (new.rowid, chatstore_split_cjk(new.title));
END;

CREATE TRIGGER conversation_fts_delete AFTER DELETE ON conversation
BEGIN
    INSERT INTO conversation_fts (conversation_fts, rowid, title) VALUES ('delete', old.rowid, chatstore_split_cjk(old.title));
END;

CREATE TRIGGER conversation_fts_update AFTER UPDATE OF title ON conversation
BEGIN
    INSERT INTO conversation_fts (conversation_fts, rowid, title) VALUES ('delete', old.rowid, chatstore_split_cjk(old.title));
    INSERT INTO conversation_fts (rowid, title) VALUES (new.rowid, chatstore_split_cjk(new.title));
END;

INSERT INTO conversation_fts (conversation_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO conversation_fts (conversation_fts) VALUES ('rebuild');

DROP TRIGGER memory_fact_fts_insert;

DROP TRIGGER memory_fact_fts_delete;

DROP TRIGGER memory_fact_fts_update;

DROP TABLE memory_fact_fts;

CREATE VIEW memory_fact_fts_text AS SELECT rowid AS rowid, chatstore_split_cjk(content) AS content FROM memory_fact;

CREATE VIRTUAL TABLE memory_fact_fts USING fts5(
    content, content = 'memory_fact_fts_text', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER memory_fact_fts_insert AFTER INSERT ON memory_fact
BEGIN
    INSERT INTO memory_fact_fts (rowid, content) VALUES (new.rowid, chatstore_split_cjk(new.content));
END;

CREATE TRIGGER memory_fact_fts_delete AFTER DELETE ON memory_fact
BEGIN
    INSERT INTO memory_fact_fts (memory_fact_fts, rowid, content) VALUES ('delete', old.rowid, chatstore_split_cjk(old.content));
END;

CREATE TRIGGER memory_fact_fts_update AFTER UPDATE OF content ON memory_fact
BEGIN
    INSERT INTO memory_fact_fts (memory_fact_fts, rowid, content) VALUES ('delete', old.rowid, chatstore_split_cjk(old.content));
    INSERT INTO memory_fact_fts (rowid, content) VALUES (new.rowid, chatstore_split_cjk(new.content));
END;

INSERT INTO memory_fact_fts (memory_fact_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO memory_fact_fts (memory_fact_fts) VALUES ('rebuild');

DROP TRIGGER attachment_fts_insert;

DROP TRIGGER attachment_fts_delete;

DROP TRIGGER attachment_fts_update;

DROP TABLE attachment_fts;

CREATE VIEW attachment_fts_text AS SELECT rowid AS rowid, chatstore_split_cjk(extracted_text) AS extracted_text FROM attachment;

CREATE VIRTUAL TABLE attachment_fts USING fts5(
    extracted_text, content = 'attachment_fts_text', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER attachment_fts_insert AFTER INSERT ON attachment
BEGIN
    INSERT INTO attachment_fts (rowid, extracted_text) VALUES (new.rowid, chatstore_split_cjk(new.extracted_text));
END;

CREATE TRIGGER attachment_fts_delete AFTER DELETE ON attachment
BEGIN
    INSERT INTO attachment_fts (attachment_fts, rowid, extracted_text) VALUES ('delete', old.rowid, chatstore_split_cjk(old.extracted_text));
END;

CREATE TRIGGER attachment_fts_update AFTER UPDATE OF extracted_text ON attachment
BEGIN
    INSERT INTO attachment_fts (attachment_fts, rowid, extracted_text) VALUES ('delete', old.rowid, chatstore_split_cjk(old.extracted_text));
    INSERT INTO attachment_fts (rowid, extracted_text) VALUES (new.rowid, chatstore_split_cjk(new.extracted_text));
END;

INSERT INTO attachment_fts (attachment_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO attachment_fts (attachment_fts) VALUES ('rebuild');

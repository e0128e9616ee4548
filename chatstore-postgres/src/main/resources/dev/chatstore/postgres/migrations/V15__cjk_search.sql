-- Chinese, Japanese and Korean text, character by character: PostgreSQL's parser splits words at
-- spaces and punctuation only, so a run of ideographs was one word and 東京 did not find
-- 東京都に住んでいます. chatstore_split_cjk(text) sets each Han, Hiragana, Katakana and Hangul
-- character apart with U+001F (chr(31)) on both sides, which the parser takes for a space in every
-- locale, so each is a word of its own; search splits a query word the same way and asks for the
-- phrase of its characters, and builds headlines from the text so split (dropping the marks). Its
-- code point ranges are those of dev.chatstore.internal.Cjk, which SQLite's function of the same
-- name uses: both backends index the same words. The generated tsvector columns of V9 and V12 read
-- the text through it: a stored generated column cannot take a new expression before PostgreSQL 17,
-- so each is dropped (with its index) and added again, which computes it for every stored row, and
-- it stays in the same transaction as every write. chatstore_attachment_vector keeps its size
-- guard, now counting the marks as spaces when it cuts a too long text at a word's end.
-- (${schema} is already quoted.)
CREATE FUNCTION ${schema}.chatstore_split_cjk(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS '
SELECT pg_catalog.regexp_replace($1,
    ''([\u1100-\u11FF\u3000-\u303F\u3040-\u309F\u30A0-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF''
    ''\uA960-\uA97F\uAC00-\uD7AF\uD7B0-\uD7FF\uF900-\uFAFF\uFF61-\uFFDC\U0001B000-\U0001B16F\U00020000-\U000323AF])'',
    pg_catalog.chr(31) || ''\1'' || pg_catalog.chr(31), ''g'')';

ALTER TABLE ${schema}.message DROP COLUMN search;

ALTER TABLE ${schema}.message ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('${schema}.chatstore_search'::regconfig,
                                     regexp_replace(${schema}.chatstore_split_cjk(content), '[[:punct:]]+', ' ', 'g'))) STORED;

CREATE INDEX message_search ON ${schema}.message USING gin (search);

ALTER TABLE ${schema}.conversation DROP COLUMN title_search;

ALTER TABLE ${schema}.conversation ADD COLUMN title_search tsvector
    GENERATED ALWAYS AS (to_tsvector('${schema}.chatstore_search'::regconfig,
                                     regexp_replace(${schema}.chatstore_split_cjk(coalesce(title, '')), '[[:punct:]]+', ' ', 'g'))) STORED;

CREATE INDEX conversation_title_search ON ${schema}.conversation USING gin (title_search);

ALTER TABLE ${schema}.memory_fact DROP COLUMN search;

ALTER TABLE ${schema}.memory_fact ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('${schema}.chatstore_search'::regconfig,
                                     regexp_replace(${schema}.chatstore_split_cjk(content), '[[:punct:]]+', ' ', 'g'))) STORED;

CREATE INDEX memory_fact_search ON ${schema}.memory_fact USING gin (search);

ALTER TABLE ${schema}.attachment DROP COLUMN text_search;

CREATE OR REPLACE FUNCTION ${schema}.chatstore_attachment_vector(text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE STRICT AS '
DECLARE
    words text := pg_catalog.regexp_replace(${schema}.chatstore_split_cjk($1), ''[[:punct:]]+'', '' '', ''g'');
    n integer;
BEGIN
    IF pg_catalog.length(words) < 100000 THEN
        RETURN pg_catalog.to_tsvector(''${schema}.chatstore_search''::regconfig, words);
    END IF;
    BEGIN
        RETURN pg_catalog.to_tsvector(''${schema}.chatstore_search''::regconfig, words);
    EXCEPTION WHEN program_limit_exceeded THEN
        n := pg_catalog.length(words) / 2;
    END;
    LOOP
        BEGIN
            RETURN pg_catalog.to_tsvector(''${schema}.chatstore_search''::regconfig,
                pg_catalog.regexp_replace(pg_catalog.substr(words, 1, n), ''[^[:space:]\x1F]+$'', ''''));
        EXCEPTION WHEN program_limit_exceeded THEN
            n := n / 2;
        END;
    END LOOP;
END';

ALTER TABLE ${schema}.attachment ADD COLUMN text_search tsvector
    GENERATED ALWAYS AS (${schema}.chatstore_attachment_vector(coalesce(extracted_text, ''))) STORED;

CREATE INDEX attachment_text_search ON ${schema}.attachment USING gin (text_search);

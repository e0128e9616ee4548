-- Full-text search: a tsvector of message content and of conversation titles, each a stored
-- generated column with a GIN index, so the index changes in the same transaction as the text and
-- adding the columns indexes what is already stored. The text search configuration
-- chatstore_search is 'simple' (no stemming, no stop words: the same words as SQLite's unicode61)
-- with unaccent first, so matching ignores case and diacritics. chatstore_fold(text) folds text the
-- same way for the literal part of a query. Punctuation is turned into spaces before parsing, so
-- the indexed words are the runs of letters and digits, as on SQLite (PostgreSQL's parser would
-- otherwise keep "notes.txt" or "C:\temp" as one token). unaccent ships with PostgreSQL (a trusted extension);
-- it may already live in another schema, so its schema is looked up. (${schema} is already quoted.)
CREATE EXTENSION IF NOT EXISTS unaccent;

DO '
DECLARE
    ext text;
BEGIN
    SELECT n.nspname INTO ext FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = ''unaccent'';
    EXECUTE format(''CREATE TEXT SEARCH CONFIGURATION %s.chatstore_search (COPY = pg_catalog.simple)'', ''${schema}'');
    EXECUTE format(''ALTER TEXT SEARCH CONFIGURATION %s.chatstore_search ALTER MAPPING FOR asciiword, asciihword, ''
        ''hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart WITH %I.unaccent, pg_catalog.simple'',
        ''${schema}'', ext);
    EXECUTE format(''CREATE FUNCTION %s.chatstore_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS %L'',
        ''${schema}'', format(''SELECT pg_catalog.lower(%I.unaccent(%L::regdictionary, $1))'', ext, ext || ''.unaccent''));
END';

ALTER TABLE ${schema}.message ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('${schema}.chatstore_search'::regconfig,
                                     regexp_replace(content, '[[:punct:]]+', ' ', 'g'))) STORED;

CREATE INDEX message_search ON ${schema}.message USING gin (search);

ALTER TABLE ${schema}.conversation ADD COLUMN title_search tsvector
    GENERATED ALWAYS AS (to_tsvector('${schema}.chatstore_search'::regconfig,
                                     regexp_replace(coalesce(title, ''), '[[:punct:]]+', ' ', 'g'))) STORED;

CREATE INDEX conversation_title_search ON ${schema}.conversation USING gin (title_search);

-- Full-text search of memory facts' content and attachments' extracted text, as V9 does for
-- messages and titles: a stored generated tsvector column with a GIN index each, with the same
-- preprocessing (punctuation to spaces) and the text search configuration chatstore_search, so the
-- index changes in the same transaction as the text and adding the columns indexes what is already
-- stored. An attachment without extracted text (NULL) has an empty vector. (${schema} is already quoted.)
ALTER TABLE ${schema}.memory_fact ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('${schema}.chatstore_search'::regconfig,
                                     regexp_replace(content, '[[:punct:]]+', ' ', 'g'))) STORED;

CREATE INDEX memory_fact_search ON ${schema}.memory_fact USING gin (search);

-- Extracted text may hold 10,000,000 characters, and a tsvector at most 1 MB: a text of very many
-- distinct words would fail markReady with "string is too long for tsvector". Below 100,000
-- characters it always fits (a one-letter word and a space make at most 10 bytes of tsvector);
-- above, a text that does not fit is indexed from its start, as many whole words as fit (the
-- prefix halved until it does), so markReady never fails for its size. A fact's content is short.
CREATE FUNCTION ${schema}.chatstore_attachment_vector(text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE STRICT AS '
DECLARE
    words text := pg_catalog.regexp_replace($1, ''[[:punct:]]+'', '' '', ''g'');
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
                pg_catalog.regexp_replace(pg_catalog.substr(words, 1, n), ''\S+$'', ''''));
        EXCEPTION WHEN program_limit_exceeded THEN
            n := n / 2;
        END;
    END LOOP;
END';

ALTER TABLE ${schema}.attachment ADD COLUMN text_search tsvector
    GENERATED ALWAYS AS (${schema}.chatstore_attachment_vector(coalesce(extracted_text, ''))) STORED;

CREATE INDEX attachment_text_search ON ${schema}.attachment USING gin (text_search);

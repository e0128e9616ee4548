-- Full-text search of memory facts' content and attachments' extracted text, as V9 does for
-- messages and titles: a stored generated tsvector column with a GIN index each, with the same
-- preprocessing (punctuation to spaces) and the text search configuration chatstore_search, so the
-- index changes in the same transaction as the text and adding the columns indexes what is already
-- stored. An attachment without extracted text (NULL) has an empty vector. (${schema} is already quoted.)
ALTER TABLE ${schema}.memory_fact ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('${schema}.chatstore_search'::regconfig,
                                     regexp_replace(content, '[[:punct:]]+', ' ', 'g'))) STORED;

CREATE INDEX memory_fact_search ON ${schema}.memory_fact USING gin (search);

ALTER TABLE ${schema}.attachment ADD COLUMN text_search tsvector
    GENERATED ALWAYS AS (to_tsvector('${schema}.chatstore_search'::regconfig,
                                     regexp_replace(coalesce(extracted_text, ''), '[[:punct:]]+', ' ', 'g'))) STORED;

CREATE INDEX attachment_text_search ON ${schema}.attachment USING gin (text_search);

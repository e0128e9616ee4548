-- JSON values read back exactly as written, as on SQLite: jsonb normalises what it stores
-- (1.0E7 comes back as 10000000, -0.0 as 0, keys reordered), json keeps the text. chatstore never
-- queries inside these values, so nothing needs jsonb's operators or indexes. Defaults are dropped
-- and set again around each change of type.
ALTER TABLE ${schema}.conversation ALTER COLUMN metadata DROP DEFAULT;
ALTER TABLE ${schema}.conversation ALTER COLUMN metadata TYPE json USING metadata::json;
ALTER TABLE ${schema}.conversation ALTER COLUMN metadata SET DEFAULT '{}';
ALTER TABLE ${schema}.message ALTER COLUMN metadata DROP DEFAULT;
ALTER TABLE ${schema}.message ALTER COLUMN metadata TYPE json USING metadata::json;
ALTER TABLE ${schema}.message ALTER COLUMN metadata SET DEFAULT '{}';
ALTER TABLE ${schema}.message ALTER COLUMN media_refs TYPE json USING media_refs::json;
ALTER TABLE ${schema}.persona ALTER COLUMN personality_traits DROP DEFAULT;
ALTER TABLE ${schema}.persona ALTER COLUMN personality_traits TYPE json USING personality_traits::json;
ALTER TABLE ${schema}.persona ALTER COLUMN personality_traits SET DEFAULT '[]';
ALTER TABLE ${schema}.persona ALTER COLUMN suggested_openers DROP DEFAULT;
ALTER TABLE ${schema}.persona ALTER COLUMN suggested_openers TYPE json USING suggested_openers::json;
ALTER TABLE ${schema}.persona ALTER COLUMN suggested_openers SET DEFAULT '[]';
ALTER TABLE ${schema}.user_profile ALTER COLUMN preferences DROP DEFAULT;
ALTER TABLE ${schema}.user_profile ALTER COLUMN preferences TYPE json USING preferences::json;
ALTER TABLE ${schema}.user_profile ALTER COLUMN preferences SET DEFAULT '{}';
ALTER TABLE ${schema}.setting ALTER COLUMN value TYPE json USING value::json;
ALTER TABLE ${schema}.provider_config ALTER COLUMN model_preferences DROP DEFAULT;
ALTER TABLE ${schema}.provider_config ALTER COLUMN model_preferences TYPE json USING model_preferences::json;
ALTER TABLE ${schema}.provider_config ALTER COLUMN model_preferences SET DEFAULT '{}';
ALTER TABLE ${schema}.search_cache ALTER COLUMN results TYPE json USING results::json;

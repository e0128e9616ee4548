-- Metadata filters on conversation listings: metadata stays json (kept as written, V4); this index
-- is on its jsonb form, with jsonb_path_ops, which serves the containment (@>) a filtered listing
-- starts from, so a filter over a user's many conversations reads only the rows that can match.
CREATE INDEX conversation_metadata_path_ops ON ${schema}.conversation USING gin ((metadata::jsonb) jsonb_path_ops);

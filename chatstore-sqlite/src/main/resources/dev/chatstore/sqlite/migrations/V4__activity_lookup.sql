-- chatstore schema, version 4 (SQLite): the next activity number of a user's conversations is
-- MAX(activity_seq) + 1 over the user's rows; with the list index (user_id, archived, pinned, …)
-- that MAX scanned every conversation of the user on every append. This index makes it one seek.
CREATE INDEX conversation_by_user_activity ON conversation (user_id, activity_seq);

-- A dialect's own SQL for one engine statement.

-- name: exists
SELECT 1 FROM ${schema}.conversation WHERE user_id = :userId AND id = :id /* test dialect */

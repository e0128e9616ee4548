-- name: noSuchStatement
SELECT 1

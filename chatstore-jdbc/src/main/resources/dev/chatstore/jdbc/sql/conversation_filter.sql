-- The condition that the conversation aliased c passes the metadata conditions of a
-- ConversationFilter, in one place: the filtered listings (conversation.sql) and search (search.sql)
-- use it as ${conversationFilterMatches}. A fragment, not a statement; PostgreSQL has its own (see
-- the postgres override). :conditions is a JSON array of [op, key, value] with op "eq" (the key's value
-- equals value) or "has" (the key's value is an array with an element equal to value); every
-- condition must hold. JSON equality: same type (integer and real are both numbers, compared by
-- value), scalars by value, objects and arrays as the sets of their (type, path, value) nodes from
-- json_tree, so member order does not count and array order does. json_each and json_tree only
-- ever get JSON (a scalar's value is SQL text, not JSON): older SQLite (3.49) evaluates them even
-- where a guard before them is false. :containment is PostgreSQL's index key; this condition has no
-- use for it.

-- name: conversationFilterMatches
NOT EXISTS (
    SELECT 1 FROM json_each(:conditions) f
    WHERE NOT EXISTS (
      SELECT 1 FROM json_each(c.metadata) m
      WHERE m.key = json_extract(f.value, '$[1]')
        AND CASE json_extract(f.value, '$[0]')
          WHEN 'eq' THEN
            (CASE WHEN m.type IN ('integer', 'real') THEN 'number' ELSE m.type END)
              = (CASE WHEN json_type(f.value, '$[2]') IN ('integer', 'real') THEN 'number' ELSE json_type(f.value, '$[2]') END)
            AND CASE WHEN m.type IN ('object', 'array') THEN
                  NOT EXISTS (SELECT CASE WHEN t.type IN ('integer', 'real') THEN 'number' ELSE t.type END, t.fullkey, t.atom
                              FROM json_tree(CASE WHEN m.type IN ('object', 'array') THEN m.value ELSE 'null' END) t
                              EXCEPT SELECT CASE WHEN t.type IN ('integer', 'real') THEN 'number' ELSE t.type END, t.fullkey, t.atom
                              FROM json_tree(CASE WHEN json_type(f.value, '$[2]') IN ('object', 'array') THEN json_extract(f.value, '$[2]') ELSE 'null' END) t)
                  AND NOT EXISTS (SELECT CASE WHEN t.type IN ('integer', 'real') THEN 'number' ELSE t.type END, t.fullkey, t.atom
                              FROM json_tree(CASE WHEN json_type(f.value, '$[2]') IN ('object', 'array') THEN json_extract(f.value, '$[2]') ELSE 'null' END) t
                              EXCEPT SELECT CASE WHEN t.type IN ('integer', 'real') THEN 'number' ELSE t.type END, t.fullkey, t.atom
                              FROM json_tree(CASE WHEN m.type IN ('object', 'array') THEN m.value ELSE 'null' END) t)
                ELSE m.atom IS json_extract(f.value, '$[2]') END
          ELSE m.type = 'array' AND EXISTS (
            SELECT 1 FROM json_each(CASE WHEN m.type = 'array' THEN m.value ELSE '[]' END) e
            WHERE (CASE WHEN e.type IN ('integer', 'real') THEN 'number' ELSE e.type END)
                    = (CASE WHEN json_type(f.value, '$[2]') IN ('integer', 'real') THEN 'number' ELSE json_type(f.value, '$[2]') END)
              AND CASE WHEN e.type IN ('object', 'array') THEN
                    NOT EXISTS (SELECT CASE WHEN t.type IN ('integer', 'real') THEN 'number' ELSE t.type END, t.fullkey, t.atom
                                FROM json_tree(CASE WHEN e.type IN ('object', 'array') THEN e.value ELSE 'null' END) t
                                EXCEPT SELECT CASE WHEN t.type IN ('integer', 'real') THEN 'number' ELSE t.type END, t.fullkey, t.atom
                                FROM json_tree(CASE WHEN json_type(f.value, '$[2]') IN ('object', 'array') THEN json_extract(f.value, '$[2]') ELSE 'null' END) t)
                    AND NOT EXISTS (SELECT CASE WHEN t.type IN ('integer', 'real') THEN 'number' ELSE t.type END, t.fullkey, t.atom
                                FROM json_tree(CASE WHEN json_type(f.value, '$[2]') IN ('object', 'array') THEN json_extract(f.value, '$[2]') ELSE 'null' END) t
                                EXCEPT SELECT CASE WHEN t.type IN ('integer', 'real') THEN 'number' ELSE t.type END, t.fullkey, t.atom
                                FROM json_tree(CASE WHEN e.type IN ('object', 'array') THEN e.value ELSE 'null' END) t)
                  ELSE e.atom IS json_extract(f.value, '$[2]') END)
        END))

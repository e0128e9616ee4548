-- An LLM turn, first class: the tool calls an assistant message requests (a JSON array of
-- {id, name, arguments}), the name of the tool a tool message answers for, and the reasoning an
-- assistant message came with.
ALTER TABLE ${schema}.message ADD COLUMN tool_calls json;

ALTER TABLE ${schema}.message ADD COLUMN tool_name text;

ALTER TABLE ${schema}.message ADD COLUMN reasoning text;

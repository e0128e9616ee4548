-- An LLM turn, first class: the tool calls an assistant message requests (a JSON array of
-- {id, name, arguments}), the name of the tool a tool message answers for, and the reasoning an
-- assistant message came with.
ALTER TABLE message ADD COLUMN tool_calls TEXT;

ALTER TABLE message ADD COLUMN tool_name TEXT;

ALTER TABLE message ADD COLUMN reasoning TEXT;

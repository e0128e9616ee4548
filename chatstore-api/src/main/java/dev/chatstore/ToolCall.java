package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * A tool call an assistant message requests: the model's id for the call (which the tool's result
 * message names in {@link NewMessage#toolCallId()}), the tool's name, and its arguments as the
 * model wrote them (JSON text by convention; stored and returned unchanged, even if not valid JSON).
 * Immutable.
 *
 * @param id        non-blank, at most {@link Limits#TOOL_CALL_ID_MAX} chars
 * @param name      the tool's name: non-blank, at most {@link Limits#TOOL_NAME_MAX} chars
 * @param arguments may be empty, at most {@link Limits#CONTENT_MAX} chars
 */
public record ToolCall(String id, String name, String arguments) {
    /**
     * Checks the components.
     *
     * @param id        the model's id for the call
     * @param name      the tool's name
     * @param arguments the arguments as the model wrote them
     * @throws InvalidInputException naming the component that is null, blank, too long or not storable
     *                               ({@code arguments} may be blank)
     */
    public ToolCall {
        Check.text("id", id, Limits.TOOL_CALL_ID_MAX);
        Check.text("name", name, Limits.TOOL_NAME_MAX);
        Check.anyText("arguments", arguments, Limits.CONTENT_MAX);
    }

    /**
     * Same as the constructor, for readability at call sites.
     *
     * @param id        the model's id for the call, non-blank
     * @param name      the tool's name, non-blank
     * @param arguments the arguments as the model wrote them, may be empty
     * @return the tool call
     * @throws InvalidInputException naming the argument that is null, blank, too long or not storable
     */
    public static ToolCall of(String id, String name, String arguments) {
        return new ToolCall(id, name, arguments);
    }
}

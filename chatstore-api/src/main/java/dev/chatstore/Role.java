package dev.chatstore;

import java.util.Locale;

/** Who wrote a message. Stored as the lowercase name. */
public enum Role {
    /** Instructions to the model, set by the application. */
    SYSTEM,
    /** The end user. */
    USER,
    /** The model; may request {@link ToolCall tool calls}. */
    ASSISTANT,
    /** The result of a tool call, naming the call in {@link NewMessage#toolCallId()}. */
    TOOL;

    /** {@return the stored form, the lowercase name, e.g. {@code "assistant"}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the stored form, the lowercase name as {@link #wireName()} returns it.
     *
     * @param value the stored form; case-sensitive
     * @return the constant named by {@code value}
     * @throws InvalidInputException naming {@code role} if {@code value} is null or names no constant
     */
    public static Role parse(String value) {
        return Enums.parse(Role.class, "role", value);
    }
}

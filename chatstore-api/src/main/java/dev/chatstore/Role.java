package dev.chatstore;

import java.util.Locale;

/** Who wrote a message. Stored as the lowercase name. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL;

    /** The stored form, e.g. {@code "assistant"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the stored form; an unknown value is an {@link InvalidInputException}. */
    public static Role parse(String value) {
        return Enums.parse(Role.class, "role", value);
    }
}

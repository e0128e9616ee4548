package dev.chatstore;

import java.util.Locale;

/** Whether a persona can be chatted with. Conversations with a discontinued persona stay readable. Stored as the lowercase name. */
public enum PersonaStatus {
    /** Available: new conversations can start with it. */
    ACTIVE,
    /** Announced but not yet available; starting a conversation is a {@link PersonaUnavailableException}. */
    COMING_SOON,
    /** Withdrawn; starting a conversation is a {@link PersonaUnavailableException}. */
    DISCONTINUED;

    /** {@return the stored form, the lowercase name, e.g. {@code "coming_soon"}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the stored form, the lowercase name as {@link #wireName()} returns it.
     *
     * @param value the stored form; case-sensitive
     * @return the constant named by {@code value}
     * @throws InvalidInputException naming {@code status} if {@code value} is null or names no constant
     */
    public static PersonaStatus parse(String value) {
        return Enums.parse(PersonaStatus.class, "status", value);
    }
}

package dev.chatstore;

import java.util.Locale;

/** What kind of thing a memory fact records. Stored as the lowercase name. */
public enum FactCategory {
    /** Something the user likes or wants, e.g. a preferred tone or language. */
    PREFERENCE,
    /** A fact about the user, e.g. where they live. */
    FACT,
    /** Something the user can do or knows. */
    SKILL,
    /** Something the user aims for. */
    GOAL;

    /** {@return the stored form, the lowercase name, e.g. {@code "preference"}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the stored form, the lowercase name as {@link #wireName()} returns it.
     *
     * @param value the stored form; case-sensitive
     * @return the constant named by {@code value}
     * @throws InvalidInputException naming {@code category} if {@code value} is null or names no constant
     */
    public static FactCategory parse(String value) {
        return Enums.parse(FactCategory.class, "category", value);
    }
}

package dev.chatstore;

import java.util.Locale;

/** What kind of thing a memory fact records. */
public enum FactCategory {
    PREFERENCE, FACT, SKILL, GOAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FactCategory parse(String value) {
        return Enums.parse(FactCategory.class, "category", value);
    }
}

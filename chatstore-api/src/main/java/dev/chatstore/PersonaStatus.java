package dev.chatstore;

import java.util.Locale;

/** Whether a persona can be chatted with. Conversations with a discontinued persona stay readable. */
public enum PersonaStatus {
    ACTIVE, COMING_SOON, DISCONTINUED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PersonaStatus parse(String value) {
        return Enums.parse(PersonaStatus.class, "status", value);
    }
}

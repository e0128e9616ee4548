package dev.chatstore;

import java.util.Locale;

/** A user's verdict on a message. */
public enum Rating {
    THUMBS_UP, THUMBS_DOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Rating parse(String value) {
        return Enums.parse(Rating.class, "rating", value);
    }
}

package dev.chatstore;

import java.util.Locale;

/** A user's verdict on a message. Stored as the lowercase name. */
public enum Rating {
    /** The user liked the message. */
    THUMBS_UP,
    /** The user disliked the message. */
    THUMBS_DOWN;

    /** {@return the stored form, the lowercase name, e.g. {@code "thumbs_up"}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the stored form, the lowercase name as {@link #wireName()} returns it.
     *
     * @param value the stored form; case-sensitive
     * @return the constant named by {@code value}
     * @throws InvalidInputException naming {@code rating} if {@code value} is null or names no constant
     */
    public static Rating parse(String value) {
        return Enums.parse(Rating.class, "rating", value);
    }
}

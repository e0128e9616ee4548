package dev.chatstore;

import java.util.Locale;

/** What a message carries besides text. Stored as the lowercase name. */
public enum MessageType {
    /** Text only. */
    TEXT,
    /** An image, referenced by the message's {@link Media}. */
    IMAGE,
    /** Audio, referenced by the message's {@link Media}. */
    AUDIO,
    /** Text together with images or audio. */
    MULTIMODAL;

    /** {@return the stored form, the lowercase name, e.g. {@code "text"}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the stored form, the lowercase name as {@link #wireName()} returns it.
     *
     * @param value the stored form; case-sensitive
     * @return the constant named by {@code value}
     * @throws InvalidInputException naming {@code type} if {@code value} is null or names no constant
     */
    public static MessageType parse(String value) {
        return Enums.parse(MessageType.class, "type", value);
    }
}

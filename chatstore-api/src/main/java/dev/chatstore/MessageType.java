package dev.chatstore;

import java.util.Locale;

/** What a message carries besides text. */
public enum MessageType {
    TEXT, IMAGE, AUDIO, MULTIMODAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageType parse(String value) {
        return Enums.parse(MessageType.class, "type", value);
    }
}

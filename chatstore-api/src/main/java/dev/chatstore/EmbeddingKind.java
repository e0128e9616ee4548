package dev.chatstore;

import java.util.Locale;

/** What an embedding belongs to. Stored as the lowercase name. */
public enum EmbeddingKind {
    /** A message; deleted with it (and with its conversation). */
    MESSAGE,
    /** A memory fact; deleted with it. */
    FACT,
    /** One chunk of an attachment's text; deleted with the attachment. */
    ATTACHMENT_CHUNK;

    /** The stored form, e.g. {@code "attachment_chunk"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the stored form; an unknown value is an {@link InvalidInputException}. */
    public static EmbeddingKind parse(String value) {
        return Enums.parse(EmbeddingKind.class, "kind", value);
    }
}

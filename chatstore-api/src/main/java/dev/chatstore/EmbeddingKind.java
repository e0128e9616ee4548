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

    /** {@return the stored form, the lowercase name, e.g. {@code "attachment_chunk"}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the stored form, the lowercase name as {@link #wireName()} returns it.
     *
     * @param value the stored form; case-sensitive
     * @return the constant named by {@code value}
     * @throws InvalidInputException naming {@code kind} if {@code value} is null or names no constant
     */
    public static EmbeddingKind parse(String value) {
        return Enums.parse(EmbeddingKind.class, "kind", value);
    }
}

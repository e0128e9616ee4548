package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * A user's feedback on a message; it can be changed any time. Immutable.
 *
 * @param rating      thumbs up or down, or null for none
 * @param mistake     whether the message was flagged as a mistake
 * @param mistakeNote why, or null; only with {@code mistake}
 */
public record Feedback(Rating rating, boolean mistake, String mistakeNote) {
    public static final Feedback NONE = new Feedback(null, false, null);

    public Feedback {
        Check.optionalText("mistakeNote", mistakeNote, Limits.ERROR_TEXT_MAX);
        if (mistakeNote != null && !mistake) {
            throw new InvalidInputException("mistakeNote", "needs the mistake flag");
        }
    }

    public static Feedback rated(Rating rating) {
        return new Feedback(Check.notNull("rating", rating), false, null);
    }

    public static Feedback mistake(String note) {
        return new Feedback(null, true, note);
    }
}

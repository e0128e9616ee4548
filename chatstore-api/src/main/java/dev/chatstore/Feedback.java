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
    /** No feedback: no rating, not flagged. */
    public static final Feedback NONE = new Feedback(null, false, null);

    /**
     * Checks the components.
     *
     * @param rating      thumbs up or down, or null
     * @param mistake     whether the message is flagged as a mistake
     * @param mistakeNote why, or null
     * @throws InvalidInputException if {@code mistakeNote} is blank, longer than {@link Limits#ERROR_TEXT_MAX} or
     *                               not storable, or given without {@code mistake}
     */
    public Feedback {
        Check.optionalText("mistakeNote", mistakeNote, Limits.ERROR_TEXT_MAX);
        if (mistakeNote != null && !mistake) {
            throw new InvalidInputException("mistakeNote", "needs the mistake flag");
        }
    }

    /**
     * A rating without a mistake flag.
     *
     * @param rating thumbs up or down, not null
     * @return the feedback
     * @throws InvalidInputException if {@code rating} is null
     */
    public static Feedback rated(Rating rating) {
        return new Feedback(Check.notNull("rating", rating), false, null);
    }

    /**
     * A mistake flag without a rating.
     *
     * @param note why the message is a mistake, or null
     * @return the feedback
     * @throws InvalidInputException if {@code note} is blank, too long or not storable
     */
    public static Feedback mistake(String note) {
        return new Feedback(null, true, note);
    }
}

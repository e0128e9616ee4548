package dev.chatstore;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Feedback: a rating, and a mistake flag that alone may carry a note. */
class FeedbackTest {

    @Test
    void aNoteNeedsTheMistakeFlag() {
        expectInvalid("mistakeNote", () -> new Feedback(Rating.THUMBS_UP, false, "a note without the flag"));
        assertThat(Feedback.mistake("wrong").mistakeNote()).isEqualTo("wrong");
        assertThat(Feedback.mistake(null).mistake()).as("a flag without a note").isTrue();
    }

    @Test
    void aNoteIsStorableTextWithinItsLimit() {
        expectInvalid("mistakeNote", () -> Feedback.mistake("x".repeat(Limits.ERROR_TEXT_MAX + 1)));
        expectInvalid("mistakeNote", () -> Feedback.mistake("nul\0"));
        expectInvalid("rating", () -> Feedback.rated(null));
    }
}

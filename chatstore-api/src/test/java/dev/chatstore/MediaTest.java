package dev.chatstore;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Media: references to images and one audio clip with its duration. */
class MediaTest {

    @Test
    void referencesAreNonBlankAndAtMostTheMaximum() {
        expectInvalid("mediaRefs", () -> Media.refs("s3://ok", " "));
        expectInvalid("mediaRefs", () -> Media.refs("s3://a\0"));
        expectInvalid("mediaRefs", () -> Media.refs("s".repeat(Limits.STORAGE_URI_MAX + 1)));
        expectInvalid("mediaRefs", () -> new Media(Collections.nCopies(Limits.MEDIA_REFS_MAX + 1, "s3://r"), null, null));
        assertThat(new Media(Collections.nCopies(Limits.MEDIA_REFS_MAX, "s3://r"), null, null).refs()).as("the maximum")
                .hasSize(Limits.MEDIA_REFS_MAX);
        assertThat(new Media(null, null, null)).as("nothing is NONE").isEqualTo(Media.NONE);
    }

    @Test
    void aDurationBelongsToAnAudioClipAndIsNotNegative() {
        expectInvalid("audioDurationMs", () -> Media.audio("s3://a.ogg", -1));
        expectInvalid("audioDurationMs", () -> new Media(List.of(), null, 10L));
        expectInvalid("audioRef", () -> Media.audio(" ", 1));
        assertThat(new Media(List.of(), "s3://a.ogg", null).audioDurationMs()).as("an unknown duration").isNull();
    }
}

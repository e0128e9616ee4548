package dev.chatstore;

import dev.chatstore.internal.Check;
import java.util.List;

/**
 * Media a message refers to: object-storage keys or URLs of images and other files, and an audio
 * clip with its duration. Immutable.
 *
 * @param refs            media references (each non-blank, at most {@link Limits#STORAGE_URI_MAX} chars), in order
 * @param audioRef        the audio clip's reference, or null
 * @param audioDurationMs the clip's length in milliseconds, or null
 */
public record Media(List<String> refs, String audioRef, Long audioDurationMs) {
    public static final Media NONE = new Media(List.of(), null, null);

    public Media {
        refs = refs == null ? List.of()
                : refs.stream().map(r -> Check.text("mediaRefs", r, Limits.STORAGE_URI_MAX)).toList();
        if (refs.size() > Limits.MEDIA_REFS_MAX) {
            throw new InvalidInputException("mediaRefs", refs.size() + " exceeds the maximum of " + Limits.MEDIA_REFS_MAX);
        }
        Check.optionalText("audioRef", audioRef, Limits.STORAGE_URI_MAX);
        if (audioDurationMs != null) {
            Check.nonNegative("audioDurationMs", audioDurationMs);
        }
        if (audioDurationMs != null && audioRef == null) {
            throw new InvalidInputException("audioDurationMs", "needs an audioRef");
        }
    }

    public static Media refs(String... refs) {
        return new Media(List.of(Check.notNull("mediaRefs", refs)), null, null);
    }

    public static Media audio(String audioRef, long durationMs) {
        return new Media(List.of(), Check.notNull("audioRef", audioRef), durationMs);
    }

    public boolean isEmpty() {
        return refs.isEmpty() && audioRef == null;
    }
}

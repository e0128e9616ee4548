package dev.chatstore;

import dev.chatstore.internal.Check;
import java.util.List;

/**
 * Media a message refers to: object-storage keys or URLs of images and other files, and an audio
 * clip with its duration. Immutable.
 *
 * @param refs            media references (each non-blank, at most {@link Limits#STORAGE_URI_MAX} chars), in order;
 *                        at most {@link Limits#MEDIA_REFS_MAX}; null is taken as none
 * @param audioRef        the audio clip's reference, or null
 * @param audioDurationMs the clip's length in milliseconds (0 or more), or null; only with an {@code audioRef}
 */
public record Media(List<String> refs, String audioRef, Long audioDurationMs) {
    /** No media: no references, no audio. */
    public static final Media NONE = new Media(List.of(), null, null);

    /**
     * Checks the components and copies {@code refs}.
     *
     * @param refs            media references, or null for none
     * @param audioRef        the audio clip's reference, or null
     * @param audioDurationMs the clip's length in milliseconds, or null
     * @throws InvalidInputException if a reference is null, blank, too long or not storable, there are more than
     *                               {@link Limits#MEDIA_REFS_MAX} references, the duration is negative, or a
     *                               duration is given without an {@code audioRef}
     */
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

    /**
     * Media of references only, without audio.
     *
     * @param refs the references, in order
     * @return media holding {@code refs}
     * @throws InvalidInputException if {@code refs} or one of them is null, or a reference is not valid
     */
    public static Media refs(String... refs) {
        return new Media(List.of(Check.notNull("mediaRefs", refs)), null, null);
    }

    /**
     * An audio clip without other references.
     *
     * @param audioRef   the clip's reference, non-blank
     * @param durationMs its length in milliseconds, 0 or more
     * @return media holding the clip
     * @throws InvalidInputException if {@code audioRef} is null or not valid, or {@code durationMs} is negative
     */
    public static Media audio(String audioRef, long durationMs) {
        return new Media(List.of(), Check.notNull("audioRef", audioRef), durationMs);
    }

    /** {@return true when there are neither references nor audio} */
    public boolean isEmpty() {
        return refs.isEmpty() && audioRef == null;
    }
}

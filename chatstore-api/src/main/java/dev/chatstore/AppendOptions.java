package dev.chatstore;

import dev.chatstore.internal.Check;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What else an {@link Messages#appendAll(String, List, AppendOptions) appendAll} does in its
 * transaction: write only if the conversation is still at a known {@link Conversation#revision}, and
 * patch the conversation's metadata with the messages (for example where a chat memory's window now
 * starts), so that both are stored or neither. Immutable; each method returns a new instance.
 */
public final class AppendOptions {
    private static final AppendOptions NONE = new AppendOptions(null, Map.of());

    private final Long expectedRevision;
    private final Map<String, Object> metadataPatch;

    private AppendOptions(Long expectedRevision, Map<String, Object> metadataPatch) {
        this.expectedRevision = expectedRevision;
        this.metadataPatch = metadataPatch;
    }

    /**
     * Nothing more than the append.
     *
     * @return options that check no revision and patch no metadata
     */
    public static AppendOptions none() {
        return NONE;
    }

    /**
     * Appends only if the conversation's revision is {@code revision} when the transaction has locked
     * it; otherwise stores nothing and throws {@link ConcurrentUpdateException}.
     *
     * @param revision the expected {@link Conversation#revision()}, 0 or more
     * @return these options with the revision check
     * @throws InvalidInputException if {@code revision} is negative
     */
    public AppendOptions ifRevision(long revision) {
        if (revision < 0) {
            throw new InvalidInputException("revision", "must not be negative, was " + revision);
        }
        return new AppendOptions(revision, metadataPatch);
    }

    /**
     * Also merges {@code patch} into the conversation's metadata, as
     * {@link Conversations#patchMetadata} does (a null value removes its key).
     *
     * @param patch the JSON merge patch, not null; replaces an earlier patch of these options
     * @return these options with the patch
     * @throws InvalidInputException if {@code patch} is not valid metadata
     */
    public AppendOptions patchMetadata(Map<String, ?> patch) {
        return new AppendOptions(expectedRevision, Check.metadata("patch", patch));
    }

    /**
     * The revision the conversation must be at, if any.
     *
     * @return the revision, or empty for no check
     */
    public OptionalLong expectedRevision() {
        return expectedRevision == null ? OptionalLong.empty() : OptionalLong.of(expectedRevision);
    }

    /**
     * The metadata patch; empty when the metadata is left alone.
     *
     * @return the normalized, unmodifiable patch
     */
    public Map<String, Object> metadataPatch() {
        return metadataPatch;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppendOptions other && Objects.equals(expectedRevision, other.expectedRevision)
                && metadataPatch.equals(other.metadataPatch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expectedRevision, metadataPatch);
    }

    @Override
    public String toString() {
        return "AppendOptions[expectedRevision=" + expectedRevision + ", metadataPatch=" + metadataPatch + "]";
    }
}

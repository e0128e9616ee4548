package dev.chatstore;

import dev.chatstore.internal.Check;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A stored embedding: the vector an application computed with {@code model} for {@code target}.
 * Immutable snapshot: the vector is copied in and out, and compared by value.
 *
 * @param target         what the vector belongs to
 * @param model          the embedding model's name, as the application gave it
 * @param vector         the float32 components, exactly as stored; its length is the model's dimension
 * @param conversationId the message's conversation, the fact's source conversation (null if none), null for
 *                       attachment chunks
 * @param chunkText      for an attachment chunk, the text the application kept with it, or null
 * @param createdAt      when a vector was first stored for this target and model
 * @param updatedAt      when it was last replaced (equal to {@code createdAt} until then)
 */
public record Embedding(EmbeddingTarget target, String model, float[] vector, String conversationId, String chunkText,
                        Instant createdAt, Instant updatedAt) {
    /**
     * Checks the components and copies the vector.
     *
     * @param target         what the vector belongs to
     * @param model          the embedding model's name
     * @param vector         the components
     * @param conversationId the conversation, or null
     * @param chunkText      the chunk's text, or null
     * @param createdAt      when a vector was first stored
     * @param updatedAt      when it was last replaced
     * @throws InvalidInputException if {@code target}, {@code model}, {@code vector} or a time is null
     */
    public Embedding {
        Check.notNull("target", target);
        Check.notNull("model", model);
        vector = Check.notNull("vector", vector).clone();
        Check.notNull("createdAt", createdAt);
        Check.notNull("updatedAt", updatedAt);
    }

    /**
     * A copy of the components.
     *
     * @return a copy of the components
     */
    @Override
    public float[] vector() {
        return vector.clone();
    }

    /** {@return the number of components} */
    public int dimension() {
        return vector.length;
    }

    /** Equal when every component has the same float bits and the other components are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && target.equals(e.target) && model.equals(e.model)
                && Arrays.equals(vector, e.vector) && Objects.equals(conversationId, e.conversationId)
                && Objects.equals(chunkText, e.chunkText) && createdAt.equals(e.createdAt) && updatedAt.equals(e.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, model, Arrays.hashCode(vector), conversationId, chunkText, createdAt, updatedAt);
    }

    @Override
    public String toString() {
        return "Embedding[target=" + target + ", model=" + model + ", dimension=" + vector.length
                + ", conversationId=" + conversationId + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt + "]";
    }
}

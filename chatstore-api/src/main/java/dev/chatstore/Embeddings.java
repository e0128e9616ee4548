package dev.chatstore;

import java.util.List;
import java.util.Optional;

/**
 * One user's embeddings: vectors the application computed (chatstore computes none) for messages,
 * memory facts and attachment chunks, and exact k-nearest-neighbour search over them by cosine
 * similarity. Thread-safe.
 *
 * <p>A vector is stored per target and model: one target may have vectors of several models, and
 * vectors of different models never mix. The first vector of a model fixes that model's dimension
 * for the user; a vector or query of another dimension for it is an {@link InvalidInputException}
 * (the dimension stays fixed after its vectors are deleted, until the user is erased). Vectors are
 * kept as little-endian float32, exactly as given.
 *
 * <p>A vector goes with its target: deleting the message (or its conversation), the fact or the
 * attachment deletes its vectors, and {@link UserChats#erase()} deletes them all. Editing a
 * message or a fact keeps its vectors until the application replaces them. Vectors are not part
 * of {@link UserChats#exportTo}: they are derived from exported content by the application's own
 * model.
 *
 * <p>A null or malformed argument is an {@link InvalidInputException} and changes nothing.
 */
public interface Embeddings {

    /**
     * Stores {@code vector} as {@code target}'s embedding by {@code model}, replacing the one stored for the same
     * target and model (its creation time is kept).
     *
     * @param target what the vector belongs to, not null
     * @param model  the embedding model's name
     * @param vector the vector (copied)
     * @return the stored embedding
     * @throws NotFoundException     if the user has no such message, fact or attachment
     * @throws InvalidInputException if {@code vector} is empty, longer than {@link Limits#EMBEDDING_DIMENSION_MAX},
     *                               has a NaN or infinite component, is the zero vector, or its dimension differs
     *                               from the model's; or if {@code model} is blank or longer than
     *                               {@link Limits#MODEL_NAME_MAX}
     */
    default Embedding put(EmbeddingTarget target, String model, float[] vector) {
        return put(target, model, vector, null);
    }

    /**
     * Like {@link #put(EmbeddingTarget, String, float[])}, keeping {@code chunkText} (at most
     * {@link Limits#CHUNK_TEXT_MAX} chars, or null) with an attachment chunk's vector.
     *
     * @param target    what the vector belongs to, not null
     * @param model     the embedding model's name
     * @param vector    the vector (copied)
     * @param chunkText the chunk's text, or null
     * @return the stored embedding
     * @throws InvalidInputException also if {@code chunkText} is given for a target that is not an attachment chunk
     * @throws NotFoundException if the user has no such message, fact or attachment
     */
    Embedding put(EmbeddingTarget target, String model, float[] vector, String chunkText);

    /**
     * The vector stored for {@code target} by {@code model}, if there is one.
     *
     * @param target what the vector belongs to, not null
     * @param model  the embedding model's name
     * @return the embedding, or empty
     */
    Optional<Embedding> get(EmbeddingTarget target, String model);

    /**
     * Deletes the vector stored for {@code target} by {@code model}.
     *
     * @param target what the vector belongs to, not null
     * @param model  the embedding model's name
     * @return false if no vector was stored for {@code target} by {@code model}
     */
    boolean delete(EmbeddingTarget target, String model);

    /**
     * The at most {@code k} vectors of the query's model most similar to its vector by cosine, filtered as the
     * query says: highest score first, equal scores by target id, then chunk index, ascending. Exact unless the
     * query is {@link VectorQuery#approximate()}: every candidate is scored, the same way on every backend. Empty if
     * the user has no vector of that model.
     *
     * @param query the model, vector, {@code k} and filters; not null
     * @return the hits, best first; at most {@code k}
     * @throws InvalidInputException if the query's dimension differs from the model's
     */
    List<VectorHit> nearest(VectorQuery query);

    /**
     * Builds this user's approximate index of {@code model}'s vectors in this process now, whatever their number
     * (or brings the one held up to date), so that {@link VectorQuery#approximate()} searches use it from the next
     * one on. Without this, the first approximate search of a model with at least the store's
     * {@code vectorIndexMinVectors} vectors has it built in the background. The index is derived data, rebuilt from
     * the stored vectors whenever needed; it may be dropped again when the store's {@code vectorIndexBytes} are
     * exceeded.
     *
     * @param model the embedding model's name
     * @return false if no index is held: the store keeps none ({@code vectorIndexBytes} zero), the user has no
     *         vector of the model, its dimension is above 1,024, or the index does not fit in the memory allowed
     */
    boolean buildApproximateIndex(String model);
}

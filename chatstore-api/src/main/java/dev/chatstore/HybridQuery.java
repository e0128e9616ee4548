package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * A hybrid search: a full-text query and a semantic (vector) query over the same user's data, their
 * results fused by reciprocal rank fusion. Validated on construction. Immutable; the builder-style
 * methods return copies.
 *
 * <p>Each side runs as it would alone, with its own filters: the text side as
 * {@link Search#text} (its best {@code candidates} hits), the vector side as
 * {@link Embeddings#nearest} with {@code candidates} in place of the vector query's {@code k}. So a
 * {@link TextQuery#inConversations conversation filter} restricts the text side only: a vector hit
 * outside the filtered conversations still counts (use the vector query's own filters). A
 * hit's fused score is the sum, over the lists it is in, of {@code 1 / (rankConstant + rank)}, rank
 * counting from 1.
 *
 * @param text         the full-text side: its words and filters
 * @param vector       the semantic side: its model, vector and filters; its {@code k} is not used
 *                     ({@code candidates} is)
 * @param limit        how many fused hits at most, 1 to {@link Limits#HYBRID_LIMIT_MAX}
 * @param candidates   how many hits to take from each side, 1 to {@link Limits#HYBRID_CANDIDATES_MAX}
 * @param rankConstant the fusion constant k, 0 to {@link Limits#RRF_CONSTANT_MAX}: larger values flatten the
 *                     advantage of the top ranks
 */
public record HybridQuery(TextQuery text, VectorQuery vector, int limit, int candidates, int rankConstant) {
    /**
     * Validates the components.
     *
     * @param text         the full-text side
     * @param vector       the semantic side
     * @param limit        how many fused hits at most
     * @param candidates   how many hits to take from each side
     * @param rankConstant the fusion constant k
     * @throws InvalidInputException if {@code text} or {@code vector} is null, or a number is out of range,
     *                               naming the argument
     */
    public HybridQuery {
        Check.notNull("text", text);
        Check.notNull("vector", vector);
        Check.limit("limit", limit, Limits.HYBRID_LIMIT_MAX);
        Check.limit("candidates", candidates, Limits.HYBRID_CANDIDATES_MAX);
        if (rankConstant < 0 || rankConstant > Limits.RRF_CONSTANT_MAX) {
            throw new InvalidInputException("rankConstant", "must be between 0 and " + Limits.RRF_CONSTANT_MAX
                    + ", was " + rankConstant);
        }
    }

    /**
     * Fuses {@code text} and {@code vector}: the best {@link Limits#HYBRID_LIMIT_DEFAULT} of
     * {@link Limits#HYBRID_CANDIDATES_DEFAULT} candidates a side, with the fusion constant
     * {@link Limits#RRF_CONSTANT_DEFAULT}.
     *
     * @param text   the full-text side
     * @param vector the semantic side
     * @return the query
     * @throws InvalidInputException if either is null
     */
    public static HybridQuery of(TextQuery text, VectorQuery vector) {
        return new HybridQuery(text, vector, Limits.HYBRID_LIMIT_DEFAULT, Limits.HYBRID_CANDIDATES_DEFAULT,
                Limits.RRF_CONSTANT_DEFAULT);
    }

    /**
     * At most this many fused hits.
     *
     * @param limit 1 to {@link Limits#HYBRID_LIMIT_MAX}
     * @return the changed query
     * @throws InvalidInputException if {@code limit} is out of range
     */
    public HybridQuery limit(int limit) {
        return new HybridQuery(text, vector, limit, candidates, rankConstant);
    }

    /**
     * This many candidates from each side.
     *
     * @param candidates 1 to {@link Limits#HYBRID_CANDIDATES_MAX}
     * @return the changed query
     * @throws InvalidInputException if {@code candidates} is out of range
     */
    public HybridQuery candidates(int candidates) {
        return new HybridQuery(text, vector, limit, candidates, rankConstant);
    }

    /**
     * The fusion constant k.
     *
     * @param rankConstant 0 to {@link Limits#RRF_CONSTANT_MAX}
     * @return the changed query
     * @throws InvalidInputException if {@code rankConstant} is out of range
     */
    public HybridQuery rankConstant(int rankConstant) {
        return new HybridQuery(text, vector, limit, candidates, rankConstant);
    }
}

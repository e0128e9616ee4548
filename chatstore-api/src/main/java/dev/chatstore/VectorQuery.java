package dev.chatstore;

import dev.chatstore.internal.Check;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A k-nearest-neighbour search over one user's embeddings of one model, by cosine similarity.
 * Validated on construction. Immutable; the builder-style methods return copies, and the vector is
 * copied in and out.
 *
 * @param model           only vectors of this model (vectors of different models never mix)
 * @param vector          the query vector; its dimension must be the model's
 * @param k               how many hits at most, 1 to {@link Limits#NEAREST_MAX}
 * @param conversationId  only vectors of this conversation — its messages, the facts learned in it, and the chunks
 *                        of attachments linked to it — or null for all
 * @param kinds           only these kinds; empty for all
 * @param roles           message vectors only of messages with these roles; empty for all. Facts and attachment
 *                        chunks are not filtered by role (restrict {@code kinds} to leave them out)
 * @param from            only targets created at or after this instant (a message's, fact's or attachment's
 *                        creation time), or null
 * @param to              only targets created before this instant, or null
 * @param includeArchived whether vectors of archived conversations are searched (default true); facts without a
 *                        source conversation and attachment chunks are always searched
 * @param exact           whether every candidate is scored (the default); false allows an approximate search, see
 *                        {@link #approximate()}
 */
public record VectorQuery(String model, float[] vector, int k, String conversationId, Set<EmbeddingKind> kinds,
                          Set<Role> roles, Instant from, Instant to, boolean includeArchived, boolean exact) {
    /**
     * Validates the components and copies the vector and the sets.
     *
     * @param model           the embedding model's name
     * @param vector          the query vector
     * @param k               how many hits at most
     * @param conversationId  the conversation searched, or null
     * @param kinds           the kinds searched, or null or empty for all
     * @param roles           the message roles searched, or null or empty for all
     * @param from            the inclusive lower bound of creation times, or null
     * @param to              the exclusive upper bound of creation times, or null
     * @param includeArchived whether archived conversations are searched
     * @param exact           whether every candidate is scored
     * @throws InvalidInputException naming the component that is missing, out of range or malformed, or
     *                               {@code from} if it is after {@code to}
     */
    public VectorQuery {
        Check.text("model", model, Limits.MODEL_NAME_MAX);
        vector = Check.vector("vector", vector);
        Check.limit("k", k, Limits.NEAREST_MAX);
        Check.optionalId("conversationId", conversationId);
        kinds = immutableEnumSet("kinds", kinds, EmbeddingKind.class);
        roles = immutableEnumSet("roles", roles, Role.class);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInputException("from", "is after to (" + from + " > " + to + ")");
        }
    }

    /**
     * The {@code k} vectors of {@code model} nearest to {@code vector}, of every kind, role, time and conversation.
     *
     * @param model  the embedding model's name, non-blank, at most {@link Limits#MODEL_NAME_MAX} chars
     * @param vector the query vector (copied): 1 to {@link Limits#EMBEDDING_DIMENSION_MAX} finite components, not all
     *               zero
     * @param k      how many hits at most, 1 to {@link Limits#NEAREST_MAX}
     * @return an exact search without filters
     * @throws InvalidInputException naming the argument that is null or out of range
     */
    public static VectorQuery of(String model, float[] vector, int k) {
        return new VectorQuery(model, vector, k, null, Set.of(), Set.of(), null, null, true, true);
    }

    /**
     * A copy of the query vector.
     *
     * @return a copy of the query vector
     */
    @Override
    public float[] vector() {
        return vector.clone();
    }

    /**
     * Only vectors of this conversation.
     *
     * @param id the conversation's id
     * @return the narrowed query
     * @throws InvalidInputException if {@code id} is null or not a chatstore id
     */
    public VectorQuery inConversation(String id) {
        return new VectorQuery(model, vector, k, Check.notNull("conversationId", id), kinds, roles, from, to,
                includeArchived, exact);
    }

    /**
     * Only these kinds.
     *
     * @param only the kinds to search; none for all
     * @return the narrowed query; replaces kinds given before
     * @throws InvalidInputException if {@code only} is or holds null
     */
    public VectorQuery kinds(EmbeddingKind... only) {
        return new VectorQuery(model, vector, k, conversationId, setOf("kinds", only, EmbeddingKind.class), roles, from, to,
                includeArchived, exact);
    }

    /**
     * Message vectors only of messages with these roles.
     *
     * @param only the roles; none for all
     * @return the narrowed query; replaces roles given before
     * @throws InvalidInputException if {@code only} is or holds null
     */
    public VectorQuery roles(Role... only) {
        return new VectorQuery(model, vector, k, conversationId, kinds, setOf("roles", only, Role.class), from, to,
                includeArchived, exact);
    }

    /**
     * Only targets created in [{@code start}, {@code end}); either may be null for no bound.
     *
     * @param start the inclusive lower bound, or null
     * @param end   the exclusive upper bound, or null
     * @return the narrowed query; replaces bounds given before
     * @throws InvalidInputException if {@code start} is after {@code end}
     */
    public VectorQuery createdBetween(Instant start, Instant end) {
        return new VectorQuery(model, vector, k, conversationId, kinds, roles, start, end, includeArchived, exact);
    }

    /**
     * Leave out vectors of archived conversations.
     *
     * @return the narrowed query
     */
    public VectorQuery excludeArchived() {
        return new VectorQuery(model, vector, k, conversationId, kinds, roles, from, to, false, exact);
    }

    /**
     * Allows an approximate search: the candidates come from an in-memory HNSW index of the user's vectors of the
     * model, when the store holds one, and may miss some of the true nearest; their scores, order and filters are
     * exact, and a deleted or replaced vector is never returned. The index is derived from the stored vectors and
     * brought up to date by each search. A search without an index (the model has fewer vectors than the store's
     * {@code vectorIndexMinVectors}, the index is still being built, or the store keeps none), a search in one
     * conversation (exact is cheap there), one of more than 1,024 dimensions, and one whose filters leave fewer than
     * k of the index's candidates, is exact.
     *
     * @return the query, approximate
     */
    public VectorQuery approximate() {
        return new VectorQuery(model, vector, k, conversationId, kinds, roles, from, to, includeArchived, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorQuery q && model.equals(q.model) && Arrays.equals(vector, q.vector) && k == q.k
                && Objects.equals(conversationId, q.conversationId) && kinds.equals(q.kinds) && roles.equals(q.roles)
                && Objects.equals(from, q.from) && Objects.equals(to, q.to) && includeArchived == q.includeArchived
                && exact == q.exact;
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, Arrays.hashCode(vector), k, conversationId, kinds, roles, from, to, includeArchived, exact);
    }

    @Override
    public String toString() {
        return "VectorQuery[model=" + model + ", dimension=" + vector.length + ", k=" + k + ", conversationId="
                + conversationId + ", kinds=" + kinds + ", roles=" + roles + ", from=" + from + ", to=" + to
                + ", includeArchived=" + includeArchived + ", exact=" + exact + "]";
    }

    private static <E extends Enum<E>> Set<E> setOf(String arg, E[] values, Class<E> type) {
        return immutableEnumSet(arg, Arrays.asList(Check.notNull(arg, values)), type);
    }

    private static <E extends Enum<E>> Set<E> immutableEnumSet(String arg, java.util.Collection<E> values, Class<E> type) {
        if (values == null) {
            return Set.of();
        }
        EnumSet<E> copy = EnumSet.noneOf(type);
        for (E e : values) {
            copy.add(Check.notNull(arg, e));
        }
        return Collections.unmodifiableSet(copy);
    }
}

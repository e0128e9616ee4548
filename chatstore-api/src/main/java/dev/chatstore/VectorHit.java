package dev.chatstore;

/**
 * One result of a nearest-neighbour search. Immutable.
 *
 * @param target         what the matching vector belongs to; read the message, fact or chunk through the API
 * @param conversationId the message's conversation, the fact's source conversation, or null (a fact without one,
 *                       an attachment chunk)
 * @param score          the cosine similarity of the query and the stored vector, from -1 to 1
 */
public record VectorHit(EmbeddingTarget target, String conversationId, double score) {
}

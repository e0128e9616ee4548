package dev.chatstore;

/**
 * One result of a hybrid search: a message (or fact, attachment chunk, conversation title) found by
 * the full-text side, the vector side or both, once. Immutable.
 *
 * <p>A message is the same result on both sides, as is a fact; an attachment chunk (vector side) and
 * a conversation title (text side) are found by one side only.
 *
 * @param id             the message's, fact's or attachment's id, or the conversation's for a title
 * @param conversationId the conversation of the text hit, else of the vector hit (null for a chunk, or a fact
 *                       without one)
 * @param score          the fused score, the sum of {@code 1 / (rankConstant + rank)} over the sides that found
 *                       it; comparable within one search only
 * @param text           the full-text hit, or null if the text side did not find it
 * @param textRank       its rank among the text side's candidates, from 1; 0 if not found there
 * @param vector         the vector hit, or null if the vector side did not find it
 * @param vectorRank     its rank among the vector side's candidates, from 1; 0 if not found there
 */
public record HybridHit(String id, String conversationId, double score, SearchHit text, int textRank,
                        VectorHit vector, int vectorRank) {
}

package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * A memory fact to add. Validated on construction. Immutable.
 *
 * @param category             what kind of thing it records, not null
 * @param content              the fact, in words: non-blank, at most {@link Limits#FACT_CONTENT_MAX} chars
 * @param confidence           how sure the application is of it, 0..1
 * @param sourceConversationId optional conversation (of the same user) it was learned in
 * @param sourceMessageId      optional message it was learned from; requires the conversation, and
 *                             must belong to it
 */
public record NewFact(FactCategory category, String content, double confidence,
                      String sourceConversationId, String sourceMessageId) {
    /**
     * Validates the fields.
     *
     * @param category             what kind of thing it records
     * @param content              the fact
     * @param confidence           0..1
     * @param sourceConversationId the conversation it was learned in, or null
     * @param sourceMessageId      the message it was learned from, or null
     * @throws InvalidInputException naming the field that is missing, out of range or malformed, or
     *                               {@code sourceConversationId} if a message is named without it
     */
    public NewFact {
        Check.notNull("category", category);
        Check.text("content", content, Limits.FACT_CONTENT_MAX);
        Check.unitInterval("confidence", confidence);
        Check.optionalId("sourceConversationId", sourceConversationId);
        Check.optionalId("sourceMessageId", sourceMessageId);
        if (sourceMessageId != null && sourceConversationId == null) {
            throw new InvalidInputException("sourceConversationId", "is required when sourceMessageId is given");
        }
    }

    /**
     * A fact without a source.
     *
     * @param category   what kind of thing it records, not null
     * @param content    the fact, non-blank
     * @param confidence 0..1
     * @return the fact to add
     * @throws InvalidInputException naming the argument that is missing, out of range or malformed
     */
    public static NewFact of(FactCategory category, String content, double confidence) {
        return new NewFact(category, content, confidence, null, null);
    }

    /**
     * A copy learned in a conversation (of the same user), without a source message.
     *
     * @param conversationId the conversation's id
     * @return the copy
     * @throws InvalidInputException if {@code conversationId} is null or not a chatstore id
     */
    public NewFact learnedIn(String conversationId) {
        return new NewFact(category, content, confidence, Check.notNull("sourceConversationId", conversationId), null);
    }

    /**
     * A copy learned from a message of a conversation (of the same user).
     *
     * @param conversationId the conversation's id
     * @param messageId      the message's id, in that conversation
     * @return the copy
     * @throws InvalidInputException if an id is null or not a chatstore id
     */
    public NewFact learnedFrom(String conversationId, String messageId) {
        return new NewFact(category, content, confidence, Check.notNull("sourceConversationId", conversationId),
                Check.notNull("sourceMessageId", messageId));
    }
}

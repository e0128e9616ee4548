package dev.chatstore;

import dev.chatstore.internal.Check;

/**
 * A memory fact to add. Validated on construction. Immutable.
 *
 * @param confidence           0..1
 * @param sourceConversationId optional conversation (of the same user) it was learned in
 * @param sourceMessageId      optional message it was learned from; requires the conversation, and
 *                             must belong to it
 */
public record NewFact(FactCategory category, String content, double confidence,
                      String sourceConversationId, String sourceMessageId) {
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

    public static NewFact of(FactCategory category, String content, double confidence) {
        return new NewFact(category, content, confidence, null, null);
    }

    public NewFact learnedIn(String conversationId) {
        return new NewFact(category, content, confidence, Check.notNull("sourceConversationId", conversationId), null);
    }

    public NewFact learnedFrom(String conversationId, String messageId) {
        return new NewFact(category, content, confidence, Check.notNull("sourceConversationId", conversationId),
                Check.notNull("sourceMessageId", messageId));
    }
}

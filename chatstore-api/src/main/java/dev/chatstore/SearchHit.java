package dev.chatstore;

import java.time.Instant;

/**
 * One match of a full-text search.
 *
 * @param kind              what matched
 * @param id                the message's id, or the conversation's for a title
 * @param conversationId    the conversation it is in (or is)
 * @param conversationTitle that conversation's title, or null
 * @param seq               the message's place in its conversation ({@link Message#seq}); 0 for a title
 * @param role              the message's role; null for a title
 * @param snippet           the matching part of the text, each matched word between {@link #HIGHLIGHT_START}
 *                          and {@link #HIGHLIGHT_END}
 * @param score             the relevance, higher is better; comparable within one search only
 * @param createdAt         when the message or conversation was created
 */
public record SearchHit(Kind kind, String id, String conversationId, String conversationTitle, long seq, Role role,
                        String snippet, double score, Instant createdAt) {

    /** Put before each highlighted word of a snippet. */
    public static final String HIGHLIGHT_START = "<mark>";
    /** Put after each highlighted word of a snippet. */
    public static final String HIGHLIGHT_END = "</mark>";

    /** What a hit is. */
    public enum Kind {
        /** A message's content. */
        MESSAGE,
        /** A conversation's title. */
        CONVERSATION_TITLE
    }
}

package dev.chatstore;

import java.time.Instant;

/**
 * One match of a full-text search. What each field means depends on the {@link Kind}:
 * <table>
 *   <caption>Fields by kind</caption>
 *   <tr><th>kind</th><th>id</th><th>conversationId / conversationTitle</th><th>seq</th><th>role</th><th>createdAt</th></tr>
 *   <tr><td>{@link Kind#MESSAGE}</td><td>the message's</td><td>its conversation</td><td>{@link Message#seq}</td>
 *       <td>its role</td><td>the message's</td></tr>
 *   <tr><td>{@link Kind#CONVERSATION_TITLE}</td><td>the conversation's</td><td>the conversation itself</td><td>0</td>
 *       <td>null</td><td>the conversation's</td></tr>
 *   <tr><td>{@link Kind#FACT}</td><td>the memory fact's</td><td>the conversation it was learned in
 *       ({@link MemoryFact#sourceConversationId}), or null for none</td><td>0</td><td>null</td>
 *       <td>the fact's</td></tr>
 *   <tr><td>{@link Kind#ATTACHMENT}</td><td>the attachment's</td><td>null (a file may be linked to many
 *       conversations: see {@link Attachments#listForConversation})</td><td>0</td><td>null</td>
 *       <td>the attachment's (not when its text was extracted)</td></tr>
 * </table>
 *
 * @param kind              what matched
 * @param id                the id of the message, conversation, memory fact or attachment (see the table)
 * @param conversationId    the conversation it is in, is or was learned in; null for an attachment and for a
 *                          fact without a source conversation
 * @param conversationTitle that conversation's title, or null
 * @param seq               the message's place in its conversation ({@link Message#seq}); 0 for other kinds
 * @param role              the message's role; null for other kinds
 * @param snippet           the matching part of the text, each matched word between {@link #HIGHLIGHT_START}
 *                          and {@link #HIGHLIGHT_END}
 * @param score             the relevance, higher is better; comparable within one search only
 * @param createdAt         when the message, conversation, fact or attachment was created
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
        CONVERSATION_TITLE,
        /** An active memory fact's content ({@link MemoryFact#content}); deactivated facts are not searched. */
        FACT,
        /** An attachment's extracted text ({@link Attachment#extractedText}); a file without one is not found. */
        ATTACHMENT
    }
}

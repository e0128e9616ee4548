package dev.chatstore;

import dev.chatstore.internal.Check;
import dev.chatstore.internal.SearchSyntax;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A full-text search: the words to find and where to look. Immutable; each method returns a new
 * instance.
 *
 * <h2>What is searched</h2>
 * Every {@link SearchHit.Kind} unless {@link #onlyKinds} says otherwise: messages' content,
 * conversations' titles, the content of active memory facts (a deactivated fact is left out) and
 * attachments' extracted text (a file without extracted text is never found). The filters:
 * <ul>
 *   <li>{@link #inConversation}: messages in it, its title, facts learned in it, and attachments
 *       linked to it ({@link Attachments#linkToConversation}, or attached to one of its messages);</li>
 *   <li>{@link #inConversations}: like {@link #inConversation}, for every conversation that passes a
 *       {@link ConversationFilter} (its metadata and pin conditions, as conversation listings apply them):
 *       messages in one, its title, facts learned in one and attachments linked to one. A fact without a
 *       source conversation, and an attachment linked to no passing conversation, never pass a filter
 *       that has conditions;</li>
 *   <li>{@link #onlyRoles}: messages of these roles only; titles, facts and attachments are left out;</li>
 *   <li>{@link #between}: by the creation time of the message, conversation, fact or attachment;</li>
 *   <li>{@link #includeArchived includeArchived(false)}: leaves out archived conversations, their
 *       messages, facts learned in them, and attachments linked to conversations that are all
 *       archived (a fact without a source conversation and a file linked to none stay in).</li>
 * </ul>
 *
 * <h2>Syntax</h2>
 * The same on every backend, case- and diacritics-insensitive ({@code cafe} finds "Café"):
 * <ul>
 *   <li>{@code lisbon tram}: both words, anywhere in the text;</li>
 *   <li>{@code "time out market"}: these words next to each other, in this order;</li>
 *   <li>{@code -porto}: without this word (or {@code -"phrase"}); a query needs one word it looks for;</li>
 *   <li>{@code porto OR lisbon}: either (binds tighter than the implicit AND: {@code a b OR c} is a and (b or c));</li>
 *   <li>{@code lisb*}: a word starting so (at the end of a word or phrase).</li>
 * </ul>
 * A word is split into its letters and digits; every other character in it ({@code %}, {@code _},
 * {@code '}, {@code \}, an inner {@code *} …) is literal, never a pattern: {@code 50%_off} finds
 * exactly the texts containing "50%_off". A word of no letters or digits, an unclosed quote, a lone
 * {@code OR} or {@code -}, or a query with only excluded words is an {@link InvalidInputException}
 * naming the problem, raised by {@link #of}.
 *
 * <h2>Chinese, Japanese and Korean</h2>
 * These languages do not separate their words by spaces, so each Han, Hiragana, Katakana and Hangul
 * character is a word of its own, in the text and in the query, as Lucene's StandardAnalyzer does
 * for Han and Hiragana: {@code 東京} is the phrase of {@code 東} followed by
 * {@code 京}, and finds "東京都に住んでいます" but not "京都の東". Such a word in a query is a
 * substring search: {@code 서울} finds "서울시에 살아요", and {@code tokyo東京} finds "Tokyo東京" (the
 * Latin letters and the characters next to each other). A snippet highlights the characters found,
 * adjacent ones together ({@code <mark>東京</mark>都に…}).
 */
public final class TextQuery {
    private final String text;
    private final String conversationId;
    private final Set<Role> roles;
    private final Instant from;
    private final Instant to;
    private final boolean includeArchived;
    private final Set<SearchHit.Kind> kinds;
    private final ConversationFilter conversationFilter;

    private TextQuery(String text, String conversationId, Set<Role> roles, Instant from, Instant to,
                      boolean includeArchived, Set<SearchHit.Kind> kinds, ConversationFilter conversationFilter) {
        this.text = text;
        this.conversationId = conversationId;
        this.roles = roles;
        this.from = from;
        this.to = to;
        this.includeArchived = includeArchived;
        this.kinds = kinds;
        this.conversationFilter = conversationFilter;
    }

    /**
     * Searches for {@code text} in all of the user's messages, conversation titles, active memory
     * facts and attachments' extracted text, archived conversations included.
     *
     * @param text the query, in the syntax above
     * @return the query, without filters
     * @throws InvalidInputException if {@code text} is null, blank, longer than
     *                               {@link Limits#SEARCH_TEXT_MAX}, not storable text, or malformed
     *                               (see the syntax above), naming the problem
     */
    public static TextQuery of(String text) {
        Check.text("text", text, Limits.SEARCH_TEXT_MAX);
        SearchSyntax.parse(text);
        return new TextQuery(text, null, Set.of(), null, null, true,
                Set.of(SearchHit.Kind.values()), ConversationFilter.none());
    }

    /**
     * Only in this conversation: its messages and title, facts learned in it, attachments linked to it.
     *
     * @param conversationId the conversation's id
     * @return the narrowed query
     * @throws InvalidInputException if {@code conversationId} is null or not a chatstore id
     */
    public TextQuery inConversation(String conversationId) {
        return new TextQuery(text, Check.id("conversationId", conversationId), roles, from, to, includeArchived, kinds,
                conversationFilter);
    }

    /**
     * Only in the conversations that pass {@code filter}, with the same exact matching as
     * {@link Conversations#list(PageRequest, ConversationFilter)} (a key equal to a JSON value, a list
     * holding one, the pin), archived conversations included unless {@link #includeArchived} says
     * otherwise: their messages and titles, the facts learned in them
     * ({@link MemoryFact#sourceConversationId}) and the attachments linked to them (as for
     * {@link #inConversation}). A fact without a source conversation and an attachment linked to no
     * passing conversation are left out. Replaces the filter given before;
     * {@link ConversationFilter#none()}, the default, leaves everything in, facts without a source and
     * files linked nowhere included. Combines with {@link #inConversation}: both must hold. The vector
     * side of a {@link HybridQuery} has no such filter.
     *
     * @param filter the conditions the conversations must meet, not null
     * @return the narrowed query
     * @throws InvalidInputException if {@code filter} is null (naming {@code filter})
     */
    public TextQuery inConversations(ConversationFilter filter) {
        return new TextQuery(text, conversationId, roles, from, to, includeArchived, kinds,
                Check.notNull("filter", filter));
    }

    /**
     * Only messages of these roles (titles, facts and attachments are left out).
     *
     * @param role a role to search
     * @param more further roles to search
     * @return the narrowed query; replaces roles given before
     * @throws InvalidInputException if a role or {@code more} is null
     */
    public TextQuery onlyRoles(Role role, Role... more) {
        EnumSet<Role> set = EnumSet.of(Check.notNull("roles", role));
        for (Role r : Check.notNull("roles", more)) {
            set.add(Check.notNull("roles", r));
        }
        return new TextQuery(text, conversationId, Set.copyOf(set), from, to, includeArchived, kinds, conversationFilter);
    }

    /**
     * Only what was created in [{@code from}, {@code to}); either may be null for no bound.
     *
     * @param from the inclusive lower bound, or null
     * @param to   the exclusive upper bound, or null
     * @return the narrowed query; replaces bounds given before
     * @throws InvalidInputException if {@code from} is after {@code to}
     */
    public TextQuery between(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInputException("from", "is after to");
        }
        return new TextQuery(text, conversationId, roles, from, to, includeArchived, kinds, conversationFilter);
    }

    /**
     * Whether archived conversations, their messages, facts learned in them and attachments linked
     * only to archived conversations are searched (by default they are).
     *
     * @param includeArchived false to leave archived conversations out
     * @return the changed query
     */
    public TextQuery includeArchived(boolean includeArchived) {
        return new TextQuery(text, conversationId, roles, from, to, includeArchived, kinds, conversationFilter);
    }

    /**
     * Only hits of these kinds.
     *
     * @param kind a kind of hit to return
     * @param more further kinds
     * @return the narrowed query; replaces kinds given before
     * @throws InvalidInputException if a kind or {@code more} is null
     */
    public TextQuery onlyKinds(SearchHit.Kind kind, SearchHit.Kind... more) {
        EnumSet<SearchHit.Kind> set = EnumSet.of(Check.notNull("kinds", kind));
        for (SearchHit.Kind k : Check.notNull("kinds", more)) {
            set.add(Check.notNull("kinds", k));
        }
        return new TextQuery(text, conversationId, roles, from, to, includeArchived, Set.copyOf(set), conversationFilter);
    }

    /** {@return the query text, as given to {@link #of}} */
    public String text() {
        return text;
    }

    /** {@return the conversation searched, or null for all} */
    public String conversationId() {
        return conversationId;
    }

    /** {@return the message roles searched; empty for all (and the other kinds)} */
    public Set<Role> roles() {
        return roles;
    }

    /** {@return the inclusive lower bound of creation times, or null} */
    public Instant from() {
        return from;
    }

    /** {@return the exclusive upper bound of creation times, or null} */
    public Instant to() {
        return to;
    }

    /** {@return whether archived conversations and what belongs to them only are searched} */
    public boolean includeArchived() {
        return includeArchived;
    }

    /** {@return the kinds of hit searched; all of them unless {@link #onlyKinds} narrowed it} */
    public Set<SearchHit.Kind> kinds() {
        return kinds;
    }

    /**
     * {@return the filter of the conversations searched ({@link #inConversations}); {@link ConversationFilter#none()} for all}
     */
    public ConversationFilter conversationFilter() {
        return conversationFilter;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextQuery q && text.equals(q.text) && Objects.equals(conversationId, q.conversationId)
                && roles.equals(q.roles) && Objects.equals(from, q.from) && Objects.equals(to, q.to)
                && includeArchived == q.includeArchived && kinds.equals(q.kinds)
                && conversationFilter.equals(q.conversationFilter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, conversationId, roles, from, to, includeArchived, kinds, conversationFilter);
    }

    @Override
    public String toString() {
        return "TextQuery[" + text + "]";
    }
}

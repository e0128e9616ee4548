package dev.chatstore;

import java.io.OutputStream;
import java.time.Instant;

/**
 * Everything of one user. Another user's conversation, message, attachment or fact is, through
 * this view, indistinguishable from one that does not exist. Thread-safe.
 */
public interface UserChats {
    /** {@return the id of the user this view belongs to, as given to {@link ChatStore#forUser(String)}} */
    String userId();

    /**
     * A token for the position of this user's writes through this store so far, to hand to another store over the
     * same database (another application node, e.g. in the user's session or a request header) with
     * {@link ChatStore#forUser(String, String)}, so that its reads of the user see those writes even from a read
     * replica. Empty where every read sees every write (SQLite; PostgreSQL without replicas).
     *
     * @return the token, or empty when the store needs none
     */
    default String consistencyToken() {
        return "";
    }

    /** {@return the user's conversations: create, list, rename, archive, delete} */
    Conversations conversations();

    /** {@return the messages of the user's conversations: append (idempotently), page, edit, branch, delete} */
    Messages messages();

    /** {@return the user's attachments: files and their processing status, linked to messages} */
    Attachments attachments();

    /** {@return what the application has learned about the user (memory facts)} */
    MemoryFacts facts();

    /** {@return the user's profile: email, display name, preferences, active conversation} */
    Profile profile();

    /** {@return the user's own settings (store-wide ones are {@link ChatStore#settings()})} */
    Settings settings();

    /** {@return the user's AI provider configurations, with their API keys encrypted} */
    ProviderConfigs providers();

    /** {@return the user's cache of search results} */
    SearchCache searchCache();

    /**
     * Full-text search over the user's messages, titles, facts and attachment texts, and hybrid search.
     *
     * @return the user's search
     */
    Search search();

    /**
     * The user's embeddings and semantic (nearest-neighbour) search over them.
     *
     * @return the user's embeddings
     */
    Embeddings embeddings();

    /**
     * The user's activity in [{@code from}, {@code to}).
     *
     * @param from the start of the range, inclusive, not null
     * @param to   the end of the range, exclusive, not null
     * @return the counts of conversations, messages per role and tokens per model in the range
     * @throws InvalidInputException if {@code from} is after {@code to}
     */
    UsageReport usage(Instant from, Instant to);

    /**
     * Writes all of the user's data to {@code out} as JSON Lines (one JSON object per line, each
     * with a {@code "type"}: profile, conversation, message, attachment, fact, setting, provider), streaming
     * it from one consistent read without holding it in memory. Secrets (API keys) are left out;
     * inline attachment bytes are included as Base64. Does not close {@code out}.
     *
     * @param out where to write, not null; not closed
     * @return how many records of each kind were written
     * @throws java.io.UncheckedIOException if writing to {@code out} fails
     * @throws StoreUnavailableException if the store is closed or the database cannot be reached
     */
    ExportSummary exportTo(OutputStream out);

    /**
     * Deletes everything of the user in one transaction: profile, conversations, messages,
     * attachments, facts, settings, provider configurations, cached searches.
     *
     * @throws StoreUnavailableException if the store is closed or the database cannot be reached
     */
    void erase();
}

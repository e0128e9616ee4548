package dev.chatstore;

import java.io.OutputStream;
import java.time.Instant;

/**
 * Everything of one user. Another user's conversation, message, attachment or fact is, through
 * this view, indistinguishable from one that does not exist. Thread-safe.
 */
public interface UserChats {
    String userId();

    /**
     * A token for the position of this user's writes through this store so far, to hand to another store over the
     * same database (another application node, e.g. in the user's session or a request header) with
     * {@link ChatStore#forUser(String, String)}, so that its reads of the user see those writes even from a read
     * replica. Empty where every read sees every write (SQLite; PostgreSQL without replicas).
     */
    default String consistencyToken() {
        return "";
    }

    Conversations conversations();

    Messages messages();

    Attachments attachments();

    MemoryFacts facts();

    Profile profile();

    Settings settings();

    ProviderConfigs providers();

    SearchCache searchCache();

    /** Full-text search over the user's messages, titles, facts and attachment texts, and hybrid search. */
    Search search();

    /** The user's embeddings and semantic (nearest-neighbour) search over them. */
    Embeddings embeddings();

    /**
     * The user's activity in [{@code from}, {@code to}).
     *
     * @throws InvalidInputException if {@code from} is after {@code to}
     */
    UsageReport usage(Instant from, Instant to);

    /**
     * Writes all of the user's data to {@code out} as JSON Lines (one JSON object per line, each
     * with a {@code "type"}: profile, conversation, message, attachment, fact, setting, provider), streaming
     * it from one consistent read without holding it in memory. Secrets (API keys) are left out;
     * inline attachment bytes are included as Base64. Does not close {@code out}.
     *
     * @throws java.io.UncheckedIOException if writing to {@code out} fails
     */
    ExportSummary exportTo(OutputStream out);

    /**
     * Deletes everything of the user in one transaction: profile, conversations, messages,
     * attachments, facts, settings, provider configurations, cached searches.
     */
    void erase();
}

/**
 * Imports the database of another chat product into a chatstore store.
 *
 * <pre>{@code
 * try (Connection source = DriverManager.getConnection("jdbc:sqlite:yral_ai_chat.db")) {
 *     StoreImportReport report = SourceImport.importInto(store, SourceProduct.PERSONA_CHAT, source,
 *             StoreImportOptions.defaults());
 * }
 * }</pre>
 *
 * <p>{@link dev.chatstore.imports.SourceImport} converts the source into the store export format (version 1) and
 * hands it to {@link dev.chatstore.StoreAdmin#importStore}, so each user is imported in one transaction, checked by
 * row count and checksum, and {@link dev.chatstore.StoreImportOptions#skippingExistingUsers()} resumes an
 * interrupted import. {@link dev.chatstore.imports.SourceImport#writeExport} writes the converted file instead.
 * Sources: the AI-persona chat ({@code persona-chat}: {@code ai_influencers}, {@code conversations},
 * {@code messages}), the SQLite chat with vector search ({@code vector-chat}: {@code users}, {@code chats},
 * {@code messages}, {@code attachments}) and the multi-provider assistant ({@code assistant}: {@code conversations},
 * {@code messages}, {@code files}, {@code conversation_files}, {@code message_attachments}, {@code memory_facts},
 * {@code user_settings}, {@code provider_configs}, {@code search_cache}), each read over JDBC.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>Order.</b> A conversation's messages are numbered 1..n by their timestamp; messages with equal timestamps
 * (the sources store whole seconds) keep the source's insertion order (SQLite's rowid), then their source id. They
 * form one linear branch: each message's parent is the one before, the last is the tip. An assistant message right
 * after a user message is recorded as its reply.</li>
 * <li><b>Counters.</b> Message count, last sequence and read marker are n, nothing is unread, the last message gives
 * the last-message time and the preview (its first 200 code points); revision 0. A stored count of the source (the
 * assistant's {@code message_count}) is recounted.</li>
 * <li><b>Sidebar order.</b> A conversation's last activity is the later of its last message and its
 * {@code updated_at}; per user the oldest activity is 1 (equal activity: creation time, then id).</li>
 * <li><b>Idempotency.</b> A {@code client_message_id} (persona chat) is kept with the fingerprint chatstore's append
 * computes, so appending the same message again after the import is a replay returning the imported message, and a
 * different message with that id is an {@link dev.chatstore.IdempotencyConflictException}. A client id used twice
 * in one conversation is bad data.</li>
 * <li><b>Ids.</b> chatstore ids are lowercase UUIDs. A source id that is a UUID is kept (lowercased); any other
 * (an integer as its decimal text, "chat-…", an IC principal) becomes the name-based UUID (version 3) of
 * {@code chatstore-import/<product>/<table>/<id>}: stable across imports, distinct between tables, computed by
 * {@link dev.chatstore.imports.SourceImport#chatstoreId}. A conversation whose id was rewritten keeps the source id
 * in its metadata under {@code "source"} ({@code "import_source"} if the source's metadata already has that key).</li>
 * <li><b>Timestamps.</b> Text without an offset ({@code CURRENT_TIMESTAMP}'s "2025-01-19 10:00:00", Python's naive
 * {@code utcnow()}) is UTC; ISO-8601 with an offset is converted; a number is Unix seconds below 10^11, else
 * milliseconds; precision is cut to milliseconds. A missing {@code updated_at} is the creation time.</li>
 * <li><b>Users.</b> Persona chat: each distinct {@code conversations.user_id} (the user's principal) is a user, with
 * no profile row. Vector chat: each {@code users} row is a user with a profile (preferences, created, last active;
 * its chat marked {@code is_active}, the most recently updated if several, is the active conversation). Assistant:
 * it has one user and names none; its rows go to the owner the caller passes (default
 * {@value dev.chatstore.imports.SourceImport#DEFAULT_OWNER}).</li>
 * <li><b>Personas.</b> {@code ai_influencers} become personas: {@code is_active} 'active', 'coming soon' (or
 * 'coming_soon'), 'discontinued' is the status (NULL: active); {@code personality_traits} as a list (a JSON array
 * as it is, a JSON object as "key: value" entries, other text split at commas); {@code suggested_messages} are the
 * suggested openers. A conversation's persona is its {@code influencer_id}'s.</li>
 * <li><b>Messages.</b> Persona chat: {@code message_type} case-insensitively, {@code media_urls} as media
 * references, {@code audio_url} and {@code audio_duration_seconds} (as milliseconds), NULL content as empty text.
 * A {@code token_count}/{@code tokens} is the completion tokens of an assistant message and the prompt tokens of any
 * other; the assistant's message metadata keeps everything and its string {@code "model"} also becomes the
 * assistant message's model name. Vector chat and assistant metadata is the message's metadata as stored.</li>
 * <li><b>Attachments.</b> Vector chat: the {@code attachments} rows and the entries of each message's JSON
 * {@code attachments} array (matched by id) become attachments linked to their message and, as an append links
 * them, to its conversation. Base64 {@code data} becomes inline bytes with their SHA-256 (the URL is then dropped),
 * else the {@code url} is the storage URI; an entry with neither is kept in status 'error' with the storage URI
 * {@code urn:chatstore-import:vector-chat:attachment:<id>}, so its message still lists it. Assistant: {@code files}
 * become attachments at their {@code storage_path} with their status, error, extracted text and word count (the
 * stored {@code filename} is dropped); {@code conversation_files} are explicit conversation links,
 * {@code message_attachments} message links.</li>
 * <li><b>Facts, settings, providers, search cache</b> (assistant). Facts keep category, content, confidence (NULL:
 * 1.0), active flag and source conversation; updated is the creation time. Settings keep key, JSON value and time.
 * Provider configs keep base URL, enabled flag and model preferences; the API key is <em>not</em> imported: the
 * product encrypted it with its own key, which chatstore cannot read, so the key must be entered again. Search
 * cache entries are keyed by chatstore's normalised query (NFKC, whitespace collapsed, lower case), entries that
 * normalise alike keep the newest, expired ones come along for the purge; the product's own hash, id and
 * {@code result_count} are dropped.</li>
 * <li><b>Not imported.</b> The vector chat's embeddings (they live in LanceDB, not in the database); any column not
 * named above.</li>
 * <li><b>Bad source data</b> (a missing table, an unreadable timestamp or JSON value, a dangling reference such as a
 * message of a missing conversation or a chat of a missing user, a message whose user is not its chat's, a value
 * chatstore refuses) is an {@link dev.chatstore.InvalidInputException} of the argument {@code "source"} naming the
 * table, row and column. The whole source is converted into a temporary file before the store is written, so then
 * nothing is imported.</li>
 * </ul>
 *
 * <p>Memory: one conversation's messages (with their attachment rows) at a time and, per user, the conversation
 * heads, attachment links and ids (and the assistant's search cache); a user's rows wait in temporary files until the
 * user is complete. Not thread-safe per source connection; the classes are stateless otherwise.
 */
package dev.chatstore.imports;

package dev.chatstore;

/**
 * Size limits every backend enforces identically, so data valid on one backend is valid on all.
 * Lengths count UTF-16 chars ({@link String#length()}). A value over its limit is an
 * {@link InvalidInputException} naming the argument, raised before anything is written.
 */
public final class Limits {
    /** Length of a user id, as given to {@link ChatStore#forUser(String)}. */
    public static final int USER_ID_MAX = 255;
    /** Length of a message's {@code clientMessageId}, the key that makes an append idempotent. */
    public static final int CLIENT_MESSAGE_ID_MAX = 255;
    /** Length of a persona's name, and of the persona name a conversation refers to. */
    public static final int PERSONA_NAME_MAX = 255;
    /** Length of a conversation's external key (see {@link Conversations#getOrCreateByExternalKey}). */
    public static final int EXTERNAL_KEY_MAX = 255;
    /** Length of a conversation's title. */
    public static final int TITLE_MAX = 500;
    /** Length of a message's content, and of a tool call's arguments. */
    public static final int CONTENT_MAX = 1_000_000;
    /** Serialized JSON size of a metadata map, in chars. */
    public static final int METADATA_MAX = 65_536;
    /** Nesting depth of a metadata map. */
    public static final int METADATA_DEPTH_MAX = 32;
    /** Length of an attachment's file name. */
    public static final int FILE_NAME_MAX = 255;
    /** Length of an attachment's MIME type. */
    public static final int MIME_TYPE_MAX = 255;
    /** Length of an attachment's storage URI and of a message's media and audio references. */
    public static final int STORAGE_URI_MAX = 2048;
    /** Length of an attachment's error text and of a feedback's mistake note. */
    public static final int ERROR_TEXT_MAX = 10_000;
    /** Length of the text extracted from an attachment. */
    public static final int EXTRACTED_TEXT_MAX = 10_000_000;
    /** Length of a memory fact's content. */
    public static final int FACT_CONTENT_MAX = 10_000;
    /** Length of a model name (token usage, embeddings). */
    public static final int MODEL_NAME_MAX = 255;
    /** Length of a provider id (provider configurations, a conversation's provider). */
    public static final int PROVIDER_MAX = 255;
    /** Length of a conversation's system prompt. */
    public static final int SYSTEM_PROMPT_MAX = 100_000;
    /** Length of a tool call's id, and of a tool result's {@code toolCallId}. */
    public static final int TOOL_CALL_ID_MAX = 255;
    /** Length of a tool's name. */
    public static final int TOOL_NAME_MAX = 255;
    /** Most tool calls one assistant message requests. */
    public static final int TOOL_CALLS_PER_MESSAGE_MAX = 128;
    /** Most media references one message holds. */
    public static final int MEDIA_REFS_MAX = 100;
    /** Length of a persona's description and system instructions. */
    public static final int PERSONA_TEXT_MAX = 100_000;
    /** Most entries of a persona's personality traits, and of its suggested openers. */
    public static final int PERSONA_LIST_MAX = 100;
    /** Length of a profile's email address. */
    public static final int EMAIL_MAX = 320;
    /** Length of a display name (persona, profile) and of a persona's category. */
    public static final int DISPLAY_NAME_MAX = 255;
    /** Length of a setting's key. */
    public static final int SETTING_KEY_MAX = 255;
    /** Length of a URL (a persona's avatar, a provider's base URL). */
    public static final int URL_MAX = 2048;
    /** Length of a provider's API key. */
    public static final int API_KEY_MAX = 4096;
    /** Length of a query used as a {@link SearchCache} key. */
    public static final int QUERY_MAX = 10_000;
    /** A full-text search query, in characters; see {@link TextQuery}. */
    public static final int SEARCH_TEXT_MAX = 1_000;
    /** Words and phrases in one full-text search query. */
    public static final int SEARCH_TERMS_MAX = 32;
    /** Length of a metadata key named in a {@link ConversationFilter}. */
    public static final int FILTER_KEY_MAX = 255;
    /** Most metadata conditions one {@link ConversationFilter} holds. */
    public static final int FILTER_CONDITIONS_MAX = 16;
    /**
     * Largest magnitude of a number in a {@link ConversationFilter} value: 2^53 − 1, the range in
     * which every backend compares JSON numbers by exact value (I-JSON, RFC 7493 §2.2).
     */
    public static final long FILTER_NUMBER_MAX = 9_007_199_254_740_991L;
    /**
     * Code points (not UTF-16 chars, so a surrogate pair is never split) of the newest message
     * kept as the conversation's preview.
     */
    public static final int PREVIEW_LENGTH = 200;
    /** Most attachment ids one message can link. */
    public static final int ATTACHMENTS_PER_MESSAGE_MAX = 100;
    /** Most messages one batch append can hold. */
    public static final int BATCH_MAX = 10_000;

    /** Messages in a page when the {@link PageRequest} names no limit. */
    public static final int MESSAGES_PAGE_DEFAULT = 50;
    /** Most messages one page holds. */
    public static final int MESSAGES_PAGE_MAX = 200;
    /** The most messages a prompt window holds. */
    public static final int WINDOW_MESSAGES_MAX = 10_000;
    /** Most components of one embedding vector. */
    public static final int EMBEDDING_DIMENSION_MAX = 4096;
    /** The most hits one nearest-neighbour search returns. */
    public static final int NEAREST_MAX = 1000;
    /** The most fused hits one hybrid search returns; {@link #HYBRID_LIMIT_DEFAULT} unless asked. */
    public static final int HYBRID_LIMIT_MAX = 100;
    /** Fused hits a hybrid search returns unless asked for another number. */
    public static final int HYBRID_LIMIT_DEFAULT = 20;
    /** The most candidates a hybrid search takes from each side (full-text and vector); {@link #HYBRID_CANDIDATES_DEFAULT} unless asked. */
    public static final int HYBRID_CANDIDATES_MAX = 100;
    /** Candidates a hybrid search takes from each side unless asked for another number. */
    public static final int HYBRID_CANDIDATES_DEFAULT = 50;
    /** The reciprocal rank fusion constant k of score = &Sigma; 1 / (k + rank): default and largest. */
    public static final int RRF_CONSTANT_DEFAULT = 60;
    /** The largest reciprocal rank fusion constant a hybrid search accepts. */
    public static final int RRF_CONSTANT_MAX = 10_000;
    /** Text kept with an attachment chunk's embedding. */
    public static final int CHUNK_TEXT_MAX = 100_000;
    /** Conversations in a page when the {@link PageRequest} names no limit. */
    public static final int CONVERSATIONS_PAGE_DEFAULT = 20;
    /** Most conversations one page holds. */
    public static final int CONVERSATIONS_PAGE_MAX = 100;
    /** Search hits in a page when the {@link PageRequest} names no limit. */
    public static final int SEARCH_PAGE_DEFAULT = 20;
    /** Most search hits one page holds. */
    public static final int SEARCH_PAGE_MAX = 100;
    /** Memory facts in a page when the {@link PageRequest} names no limit. */
    public static final int FACTS_PAGE_DEFAULT = 50;
    /** Most memory facts one page holds. */
    public static final int FACTS_PAGE_MAX = 200;
    /** Most attachments one attachment listing returns. */
    public static final int ATTACHMENTS_LIST_MAX = 1000;
    /** Most personas one persona listing returns. */
    public static final int PERSONAS_LIST_MAX = 1000;

    private Limits() {
    }
}

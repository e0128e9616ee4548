package dev.chatstore;

/**
 * Size limits every backend enforces identically, so data valid on one backend is valid on all.
 * Lengths count UTF-16 chars ({@link String#length()}).
 */
public final class Limits {
    public static final int USER_ID_MAX = 255;
    public static final int CLIENT_MESSAGE_ID_MAX = 255;
    public static final int PERSONA_NAME_MAX = 255;
    public static final int EXTERNAL_KEY_MAX = 255;
    public static final int TITLE_MAX = 500;
    public static final int CONTENT_MAX = 1_000_000;
    /** Serialized JSON size of a metadata map, in chars. */
    public static final int METADATA_MAX = 65_536;
    /** Nesting depth of a metadata map. */
    public static final int METADATA_DEPTH_MAX = 32;
    public static final int FILE_NAME_MAX = 255;
    public static final int MIME_TYPE_MAX = 255;
    public static final int STORAGE_URI_MAX = 2048;
    public static final int ERROR_TEXT_MAX = 10_000;
    public static final int EXTRACTED_TEXT_MAX = 10_000_000;
    public static final int FACT_CONTENT_MAX = 10_000;
    public static final int MODEL_NAME_MAX = 255;
    public static final int PROVIDER_MAX = 255;
    public static final int SYSTEM_PROMPT_MAX = 100_000;
    public static final int TOOL_CALL_ID_MAX = 255;
    public static final int TOOL_NAME_MAX = 255;
    public static final int TOOL_CALLS_PER_MESSAGE_MAX = 128;
    public static final int MEDIA_REFS_MAX = 100;
    public static final int PERSONA_TEXT_MAX = 100_000;
    public static final int PERSONA_LIST_MAX = 100;
    public static final int EMAIL_MAX = 320;
    public static final int DISPLAY_NAME_MAX = 255;
    public static final int SETTING_KEY_MAX = 255;
    public static final int URL_MAX = 2048;
    public static final int API_KEY_MAX = 4096;
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

    public static final int MESSAGES_PAGE_DEFAULT = 50;
    public static final int MESSAGES_PAGE_MAX = 200;
    /** The most messages a prompt window holds. */
    public static final int WINDOW_MESSAGES_MAX = 10_000;
    /** Most components of one embedding vector. */
    public static final int EMBEDDING_DIMENSION_MAX = 4096;
    /** The most hits one nearest-neighbour search returns. */
    public static final int NEAREST_MAX = 1000;
    /** The most fused hits one hybrid search returns; {@link #HYBRID_LIMIT_DEFAULT} unless asked. */
    public static final int HYBRID_LIMIT_MAX = 100;
    public static final int HYBRID_LIMIT_DEFAULT = 20;
    /** The most candidates a hybrid search takes from each side (full-text and vector); {@link #HYBRID_CANDIDATES_DEFAULT} unless asked. */
    public static final int HYBRID_CANDIDATES_MAX = 100;
    public static final int HYBRID_CANDIDATES_DEFAULT = 50;
    /** The reciprocal rank fusion constant k of score = &Sigma; 1 / (k + rank): default and largest. */
    public static final int RRF_CONSTANT_DEFAULT = 60;
    public static final int RRF_CONSTANT_MAX = 10_000;
    /** Text kept with an attachment chunk's embedding. */
    public static final int CHUNK_TEXT_MAX = 100_000;
    public static final int CONVERSATIONS_PAGE_DEFAULT = 20;
    public static final int CONVERSATIONS_PAGE_MAX = 100;
    public static final int SEARCH_PAGE_DEFAULT = 20;
    public static final int SEARCH_PAGE_MAX = 100;
    public static final int FACTS_PAGE_DEFAULT = 50;
    public static final int FACTS_PAGE_MAX = 200;
    public static final int ATTACHMENTS_LIST_MAX = 1000;
    public static final int PERSONAS_LIST_MAX = 1000;

    private Limits() {
    }
}

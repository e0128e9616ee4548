/**
 * chatstore's storage-neutral API: {@link dev.chatstore.ChatStore} and everything it hands out.
 * Depends on nothing.
 */
// "module": the engine named below is built after this module, so javac cannot see it yet.
@SuppressWarnings("module")
module dev.chatstore {
    exports dev.chatstore;

    // Check validates the API's records and the engine's input with the same rules, and SearchSyntax
    // parses search queries for the engine and the dialects; neither is API.
    exports dev.chatstore.internal to dev.chatstore.jdbc, dev.chatstore.sqlite, dev.chatstore.postgres;
}

package dev.chatstore.langchain4j;

import dev.chatstore.ChatStore;
import dev.chatstore.sqlite.SqliteChatStore;

class SqliteInMemoryChatMemoryStoreTest extends ChatstoreChatMemoryStoreContract {
    @Override
    ChatStore openStore() {
        return SqliteChatStore.inMemory();
    }
}

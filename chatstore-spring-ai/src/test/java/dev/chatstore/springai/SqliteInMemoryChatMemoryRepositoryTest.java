package dev.chatstore.springai;

import dev.chatstore.ChatStore;
import dev.chatstore.sqlite.SqliteChatStore;

class SqliteInMemoryChatMemoryRepositoryTest extends ChatMemoryRepositoryContract {
    @Override
    protected ChatStore openStore() {
        return SqliteChatStore.inMemory();
    }
}

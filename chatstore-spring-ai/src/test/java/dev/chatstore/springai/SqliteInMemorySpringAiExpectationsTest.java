package dev.chatstore.springai;

import dev.chatstore.ChatStore;
import dev.chatstore.sqlite.SqliteChatStore;

class SqliteInMemorySpringAiExpectationsTest extends SpringAiRepositoryExpectations {
    @Override
    protected ChatStore openStore() {
        return SqliteChatStore.inMemory();
    }
}

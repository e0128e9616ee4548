package dev.chatstore.springai;

import dev.chatstore.ChatStore;
import dev.chatstore.sqlite.SqliteChatStore;

class SqliteInMemorySpringAiToolLoopTest extends SpringAiToolLoopContract {
    @Override
    protected ChatStore openStore() {
        return SqliteChatStore.inMemory();
    }
}

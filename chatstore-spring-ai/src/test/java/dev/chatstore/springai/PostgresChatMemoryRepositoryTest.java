package dev.chatstore.springai;

import dev.chatstore.ChatStore;
import dev.chatstore.postgres.PostgresChatStore;

class PostgresChatMemoryRepositoryTest extends ChatMemoryRepositoryContract {
    @Override
    protected ChatStore openStore() {
        return PostgresChatStore.builder(PgServer.dataSource()).schema(PgServer.freshSchema()).build();
    }
}

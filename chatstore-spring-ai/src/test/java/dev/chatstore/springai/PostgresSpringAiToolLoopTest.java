package dev.chatstore.springai;

import dev.chatstore.ChatStore;
import dev.chatstore.postgres.PostgresChatStore;

class PostgresSpringAiToolLoopTest extends SpringAiToolLoopContract {
    @Override
    protected ChatStore openStore() {
        return PostgresChatStore.builder(PgServer.dataSource()).schema(PgServer.freshSchema()).build();
    }
}

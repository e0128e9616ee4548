package dev.chatstore.springai;

import dev.chatstore.ChatStore;
import dev.chatstore.postgres.PostgresChatStore;

class PostgresSpringAiExpectationsTest extends SpringAiRepositoryExpectations {
    @Override
    protected ChatStore openStore() {
        return PostgresChatStore.builder(PgServer.dataSource()).schema(PgServer.freshSchema()).build();
    }
}

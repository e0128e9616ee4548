package dev.chatstore.imports;

import dev.chatstore.ChatStore;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import dev.chatstore.sqlite.SqliteChatStore;

/** The stores an import goes into: a fresh in-memory SQLite store, or a fresh schema on the test PostgreSQL. */
enum Backend {
    SQLITE {
        @Override
        ChatStore open() {
            return SqliteChatStore.inMemoryBuilder().build();
        }
    },
    POSTGRES {
        @Override
        ChatStore open() {
            return PostgresChatStore.builder(TestPostgres.dataSource()).schema(TestPostgres.freshSchema()).build();
        }
    };

    abstract ChatStore open();
}

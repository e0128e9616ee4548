package dev.chatstore.boot.autoconfigure;

import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.ChatStoreBuilder;
import javax.sql.DataSource;

/** Builds a PostgreSQL store; loaded only when the postgres backend is chosen, so chatstore-postgres may be absent. */
final class PostgresBackend {
    private PostgresBackend() {
    }

    /** Declared as the API's builder type, so callers' bytecode never names this backend's classes. */
    static ChatStoreBuilder<?, ?> builder(DataSource dataSource, ChatstoreProperties.Postgres postgres) {
        return PostgresChatStore.builder(dataSource).schema(postgres.getSchema());
    }
}

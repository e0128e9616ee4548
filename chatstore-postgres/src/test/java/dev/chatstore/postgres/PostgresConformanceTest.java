package dev.chatstore.postgres;

import dev.chatstore.ChatStore;
import dev.chatstore.testkit.ChatStoreConformance;
import dev.chatstore.testkit.StoreSettings;

/** The conformance suite on PostgreSQL: embedded, or the server {@code CHATSTORE_PG_URL} names. */
class PostgresConformanceTest extends ChatStoreConformance {

    @Override
    protected ChatStore openStore(StoreSettings settings) {
        return open(TestPostgres.freshSchema(), settings);
    }

    @Override
    protected ChatStore reopenStore(ChatStore closed, StoreSettings settings) {
        return open(((PostgresChatStore) closed).schema(), settings);
    }

    private static ChatStore open(String schema, StoreSettings settings) {
        return PostgresChatStore.builder(TestPostgres.dataSource())
                .schema(schema)
                .clock(settings.clock())
                .maxInlineAttachmentBytes(settings.maxInlineAttachmentBytes())
                .encryptionKeys(settings.encryptionKeys())
                .personaCacheTtl(settings.personaCacheTtl())
                .build();
    }
}

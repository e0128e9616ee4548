package dev.chatstore.postgres;

import dev.chatstore.ChatStore;
import dev.chatstore.testkit.ChatStoreConformance;
import dev.chatstore.testkit.StoreSettings;
import java.time.Duration;

/**
 * The conformance suite on a PostgreSQL store with a streaming replica (see {@link TestReplication}): every rule
 * holds when reads may go to a replica.
 */
class PostgresReplicaConformanceTest extends ChatStoreConformance {

    @Override
    protected ChatStore openStore(StoreSettings settings) {
        return open(TestPostgres.freshSchema(), settings);
    }

    @Override
    protected ChatStore reopenStore(ChatStore closed, StoreSettings settings) {
        return open(((PostgresChatStore) closed).schema(), settings);
    }

    private static ChatStore open(String schema, StoreSettings settings) {
        TestReplication servers = TestReplication.get();
        return PostgresChatStore.builder(servers.primary())
                .replicas(servers.replica())
                .replicaCheckInterval(Duration.ofMillis(20))
                .schema(schema)
                .clock(settings.clock())
                .maxInlineAttachmentBytes(settings.maxInlineAttachmentBytes())
                .encryptionKeys(settings.encryptionKeys())
                .personaCacheTtl(settings.personaCacheTtl())
                .build();
    }
}

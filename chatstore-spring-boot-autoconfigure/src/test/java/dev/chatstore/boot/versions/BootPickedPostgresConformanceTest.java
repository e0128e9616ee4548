package dev.chatstore.boot.versions;

import dev.chatstore.ChatStore;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import dev.chatstore.testkit.ChatStoreConformance;
import dev.chatstore.testkit.StoreSettings;

/**
 * The conformance suite on PostgreSQL with the pgjdbc and library versions Spring Boot's dependency management
 * picks (checked by {@link BootPickedVersionsTest}). When it fails here and passes in chatstore-postgres, a
 * version Boot pins is too old for chatstore.
 */
class BootPickedPostgresConformanceTest extends ChatStoreConformance {

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

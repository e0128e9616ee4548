package dev.chatstore.sqlite;

import dev.chatstore.ChatStore;
import dev.chatstore.testkit.Capability;
import dev.chatstore.testkit.ChatStoreConformance;
import dev.chatstore.testkit.StoreSettings;
import java.util.EnumSet;
import java.util.Set;

/** The conformance suite on a private in-memory SQLite database; its data cannot survive a reopen. */
class SqliteInMemoryConformanceTest extends ChatStoreConformance {

    @Override
    protected ChatStore openStore(StoreSettings settings) {
        return SqliteChatStore.inMemoryBuilder()
                .clock(settings.clock())
                .maxInlineAttachmentBytes(settings.maxInlineAttachmentBytes())
                .encryptionKeys(settings.encryptionKeys())
                .personaCacheTtl(settings.personaCacheTtl())
                .build();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.complementOf(EnumSet.of(Capability.REOPEN));
    }
}

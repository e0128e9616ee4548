package dev.chatstore.boot.versions;

import dev.chatstore.ChatStore;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.testkit.ChatStoreConformance;
import dev.chatstore.testkit.StoreSettings;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite on a SQLite file with the driver and library versions Spring Boot's dependency
 * management picks (checked by {@link BootPickedVersionsTest}). When it fails here and passes in chatstore-sqlite,
 * a version Boot pins is too old for chatstore.
 */
class BootPickedSqliteFileConformanceTest extends ChatStoreConformance {
    @TempDir
    Path dir;

    private final Map<ChatStore, Path> files = new IdentityHashMap<>();

    @Override
    protected ChatStore openStore(StoreSettings settings) {
        return open(dir.resolve("chat-" + files.size() + ".db"), settings);
    }

    @Override
    protected ChatStore reopenStore(ChatStore closed, StoreSettings settings) {
        return open(files.get(closed), settings);
    }

    private ChatStore open(Path file, StoreSettings settings) {
        ChatStore store = SqliteChatStore.builder(file)
                .clock(settings.clock())
                .maxInlineAttachmentBytes(settings.maxInlineAttachmentBytes())
                .encryptionKeys(settings.encryptionKeys())
                .personaCacheTtl(settings.personaCacheTtl())
                .build();
        files.put(store, file);
        return store;
    }
}

package dev.chatstore.reliability;

import dev.chatstore.ChatStore;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The concurrency checks on a SQLite file: one writer connection, four read-only readers, WAL. */
class SqliteConcurrencyTest extends ConcurrencyTest {
    @TempDir
    Path dir;

    private Path file;

    @Override
    ChatStore openStore() {
        file = dir.resolve("concurrency.db");
        return SqliteChatStore.open(file);
    }

    /** A second store object on the same file: another process would open it the same way. */
    @Override
    ChatStore openPeer(ChatStore store) {
        return SqliteChatStore.open(file);
    }
}

package dev.chatstore.boot.autoconfigure;

import dev.chatstore.ChatStoreBuilder;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.sqlite.Synchronous;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a SQLite store; loaded only when the sqlite backend is chosen, so chatstore-sqlite may be absent. */
final class SqliteBackend {
    private SqliteBackend() {
    }

    /** Declared as the API's builder type, so callers' bytecode never names this backend's classes. */
    static ChatStoreBuilder<?, ?> builder(ChatstoreProperties.Sqlite sqlite) {
        SqliteChatStore.Builder builder;
        if (sqlite.isInMemory()) {
            builder = SqliteChatStore.inMemoryBuilder();
        } else {
            Path file = sqlite.getPath().toAbsolutePath();
            createParentDirectories(file);
            builder = SqliteChatStore.builder(file);
        }
        return builder.synchronous(Synchronous.valueOf(sqlite.getSynchronous().name()))
                .busyTimeout(sqlite.getBusyTimeout())
                .readers(sqlite.getReaders())
                .readerWait(sqlite.getReaderWait())
                .walSizeLimit(sqlite.getWalSizeLimit().toBytes());
    }

    private static void createParentDirectories(Path file) {
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new StoreUnavailableException("Cannot create the directory " + parent
                        + " for the SQLite database (chatstore.sqlite.path): " + e, e);
            }
        }
    }
}

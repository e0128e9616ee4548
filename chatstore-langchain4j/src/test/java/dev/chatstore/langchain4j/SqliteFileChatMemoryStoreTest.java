package dev.chatstore.langchain4j;

import dev.chatstore.ChatStore;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteFileChatMemoryStoreTest extends ChatstoreChatMemoryStoreContract {
    @TempDir
    Path dir;

    @Override
    ChatStore openStore() {
        return SqliteChatStore.open(dir.resolve("chat.db"));
    }
}

package dev.chatstore.springai;

import dev.chatstore.ChatStore;
import dev.chatstore.sqlite.SqliteChatStore;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

class SqliteFileSpringAiExpectationsTest extends SpringAiRepositoryExpectations {
    @TempDir
    Path dir;

    @Override
    protected ChatStore openStore() {
        return SqliteChatStore.open(dir.resolve("chat.db"));
    }
}

package dev.chatstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Conversation;
import dev.chatstore.EncryptionKeyException;
import dev.chatstore.EncryptionKeys;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.StoreInfo;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.UserChats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite-specific behaviour: pragmas on every connection, reader isolation, in-memory privacy, locks. */
class SqliteStoreTest {
    @TempDir
    Path dir;

    @Test
    void theWriterUsesWalForeignKeysAndTheConfiguredSynchronousMode() {
        try (SqliteChatStore store = SqliteChatStore.builder(dir.resolve("p.db")).synchronous(Synchronous.FULL).build()) {
            Jdbi writer = store.writerJdbiForTests();
            assertThat(pragma(writer, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(writer, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(writer, "synchronous")).as("FULL is 2").isEqualTo("2");
        }
        try (SqliteChatStore store = SqliteChatStore.open(dir.resolve("q.db"))) {
            assertThat(pragma(store.writerJdbiForTests(), "synchronous")).as("NORMAL is 1 by default").isEqualTo("1");
        }
    }

    @Test
    void infoNamesTheBackendItsVersionTheFileAndTheCompiledInFeatures() {
        Path file = dir.resolve("info.db");
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            StoreInfo info = store.admin().info();
            assertThat(info.backend()).isEqualTo("sqlite");
            assertThat(info.serverVersion()).as("sqlite_version()").matches("3\\.\\d+\\.\\d+");
            assertThat(info.location()).isEqualTo(file.toAbsolutePath().toString());
            assertThat(info.extensions()).as("sqlite-jdbc's compile options").contains("fts5");
        }
        try (SqliteChatStore store = SqliteChatStore.inMemory()) {
            assertThat(store.admin().info().location()).isEqualTo("in-memory");
        }
    }

    /**
     * An append changes the conversation row (counters, tip, preview, revision) but not its title:
     * the title's full-text index must not be rewritten, while the message's is written in the same
     * transaction. A failure here means an FTS trigger fires on updates of columns it does not index
     * (an {@code AFTER UPDATE ON conversation} without {@code OF title}), which costs every append.
     */
    @Test
    void anAppendWritesTheMessageIndexAndLeavesTheTitleIndexUntouched() {
        try (SqliteChatStore store = SqliteChatStore.open(dir.resolve("fts.db"))) {
            UserChats user = store.forUser("u");
            String id = user.conversations().create(NewConversation.titled("Lisbon trip")).id();
            Jdbi writer = store.writerJdbiForTests();
            String titleIndex = "SELECT group_concat(hex(block), ',') FROM (SELECT block FROM conversation_fts_data ORDER BY id)";
            String messageIndex = "SELECT group_concat(hex(block), ',') FROM (SELECT block FROM message_fts_data ORDER BY id)";
            String titleBefore = query(writer, titleIndex);
            String messagesBefore = query(writer, messageIndex);

            user.messages().append(id, NewMessage.user("Where should we eat tonight?").clientMessageId("c1"));
            user.messages().append(id, NewMessage.assistant("Try the Time Out Market."));
            user.conversations().markRead(id);

            assertThat(query(writer, titleIndex)).as("the title index after appends and a read marker").isEqualTo(titleBefore);
            assertThat(query(writer, messageIndex)).as("the message index after appends").isNotEqualTo(messagesBefore);
            user.conversations().rename(id, "Porto trip");
            assertThat(query(writer, titleIndex)).as("the title index after a rename").isNotEqualTo(titleBefore);
            List<String> updateTriggers = writer.withHandle(h -> h.createQuery(
                    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%\\_fts\\_%' ESCAPE '\\' AND sql LIKE '%AFTER UPDATE%'")
                    .mapTo(String.class).list());
            assertThat(updateTriggers).as("every full-text index's update trigger").isNotEmpty()
                    .allSatisfy(sql -> assertThat(sql).as("names the column it indexes").contains("AFTER UPDATE OF "));
        }
    }

    /** A stored API key too short for its tag, or not bytes at all, is an EncryptionKeyException when read or rotated. */
    @Test
    void aDamagedStoredApiKeyIsAnEncryptionKeyException() throws Exception {
        Path file = dir.resolve("keys.db");
        EncryptionKeys keys = EncryptionKeys.of(new byte[32]);
        try (SqliteChatStore store = SqliteChatStore.builder(file).encryptionKeys(keys).build()) {
            store.forUser("u").providers().put(ProviderConfigSpec.of("openai").withApiKey("sk-secret"));
        }
        for (String damage : new String[] {"X''", "X'0102030405'", "12345"}) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("UPDATE provider_config SET api_key_ciphertext = " + damage);
            }
            try (SqliteChatStore store = SqliteChatStore.builder(file).encryptionKeys(keys).build()) {
                assertThatThrownBy(() -> store.forUser("u").providers().apiKey("openai")).as(damage)
                        .isInstanceOf(EncryptionKeyException.class).hasMessageContaining("damaged");
            }
            // Rotating to a new key must decrypt the damaged value first.
            try (SqliteChatStore store = SqliteChatStore.builder(file)
                    .encryptionKeys(EncryptionKeys.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                            18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, new byte[32])).build()) {
                assertThatThrownBy(() -> store.admin().rotateEncryptionKey()).as(damage)
                        .isInstanceOf(EncryptionKeyException.class).hasMessageContaining("damaged");
            }
        }
    }

    @Test
    void readersEnforceForeignKeysAndCannotWrite() {
        try (SqliteChatStore store = SqliteChatStore.open(dir.resolve("r.db"))) {
            Jdbi reader = store.readerJdbiForTests();
            assertThat(pragma(reader, "foreign_keys")).isEqualTo("1");
            assertThatThrownBy(() -> reader.useHandle(h -> h.execute("CREATE TABLE sneaky (x INTEGER)")))
                    .isInstanceOf(JdbiException.class)
                    .hasMessageContaining("readonly");
        }
    }

    @Test
    void inMemoryStoresArePrivateAndVanishOnClose() {
        Conversation c;
        try (SqliteChatStore a = SqliteChatStore.inMemory(); SqliteChatStore b = SqliteChatStore.inMemory()) {
            c = a.forUser("u").conversations().create(NewConversation.titled("only in a"));
            assertThat(a.forUser("u").conversations().get(c.id())).isPresent();
            assertThat(b.forUser("u").conversations().get(c.id())).isEmpty();
        }
        try (SqliteChatStore fresh = SqliteChatStore.inMemory()) {
            assertThat(fresh.forUser("u").conversations().get(c.id())).isEmpty();
        }
    }

    @Test
    void aWriteLockHeldByAnotherProcessPastTheBusyTimeoutIsATypedErrorAndTheStoreRecovers() throws Exception {
        Path file = dir.resolve("busy.db");
        try (SqliteChatStore store = SqliteChatStore.builder(file).busyTimeout(Duration.ofMillis(200)).build()) {
            UserChats chats = store.forUser("u");
            Conversation c = chats.conversations().create(NewConversation.titled("t"));
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                assertThatThrownBy(() -> chats.messages().append(c.id(), NewMessage.user("blocked")))
                        .isInstanceOf(StoreUnavailableException.class);
                s.execute("COMMIT");
            }
            chats.messages().append(c.id(), NewMessage.user("works again"));
            assertThat(chats.conversations().get(c.id()).orElseThrow().messageCount()).isEqualTo(1);
        }
    }

    @Test
    void aFileThatCannotBeOpenedIsAStoreUnavailableError() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve("a-directory"));
        assertThatThrownBy(() -> SqliteChatStore.open(notAFile)).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void invalidOptionsAreRejectedBeforeAnythingOpens() {
        assertThatThrownBy(() -> SqliteChatStore.builder(dir.resolve("x.db")).readers(0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("readers");
        assertThatThrownBy(() -> SqliteChatStore.builder(dir.resolve("x.db")).busyTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("busyTimeout");
        assertThatThrownBy(() -> SqliteChatStore.inMemoryBuilder().maxInlineAttachmentBytes(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxInlineAttachmentBytes");
        assertThat(dir.resolve("x.db")).doesNotExist();
    }

    private static String query(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private static String pragma(Jdbi jdbi, String name) {
        return jdbi.withHandle(h -> h.createQuery("PRAGMA " + name).mapTo(String.class).one());
    }
}

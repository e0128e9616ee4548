package dev.chatstore.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatStore;
import dev.chatstore.InvalidInputException;
import dev.chatstore.PageRequest;
import dev.chatstore.StoreImportOptions;
import java.nio.file.Path;
import java.sql.Connection;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad source data is an {@link InvalidInputException} of the argument "source" naming the table, row and column,
 * and nothing is imported: the whole source is converted before the store is written. When a test fails, look at
 * SourceDb (tables, dangling references), Timestamps and SourceImport.importInto.
 */
class BadSourceTest {
    @TempDir
    Path dir;

    @Test
    void aMissingTableIsRefusedAndNothingIsImported() throws Exception {
        try (Connection source = SourceFixtures.personaChat(dir); ChatStore store = Backend.SQLITE.open()) {
            SourceFixtures.exec(source, "DROP TABLE messages");

            assertRefused(() -> SourceImport.importInto(store, SourceProduct.PERSONA_CHAT, source,
                    StoreImportOptions.defaults()), "no table messages");
            assertEmpty(store, SourceFixtures.ALICE);
        }
    }

    @Test
    void anUnreadableTimestampIsRefusedEvenAfterPersonasWereConverted() throws Exception {
        try (Connection source = SourceFixtures.personaChat(dir); ChatStore store = Backend.SQLITE.open()) {
            SourceFixtures.exec(source, "UPDATE messages SET created_at = 'last tuesday' WHERE client_message_id = "
                    + "'client-1' AND content = 'Hi coach'");

            assertRefused(() -> SourceImport.importInto(store, SourceProduct.PERSONA_CHAT, source,
                    StoreImportOptions.defaults()), "messages row c0000000-0000-4000-8000-000000000001, column "
                    + "created_at: not a timestamp: \"last tuesday\"");
            assertEmpty(store, SourceFixtures.ALICE);
        }
    }

    @Test
    void aDanglingReferenceIsRefused() throws Exception {
        try (Connection source = SourceFixtures.vectorChat(dir); ChatStore store = Backend.SQLITE.open()) {
            SourceFixtures.exec(source, "PRAGMA foreign_keys = OFF",
                    "INSERT INTO chats (id, user_id, title) VALUES ('chat-orphan', 'user-gone', 'Lost')");

            assertRefused(() -> SourceImport.importInto(store, SourceProduct.VECTOR_CHAT, source,
                    StoreImportOptions.defaults()), "chats: a chat's user_id names no user: chat-orphan");
            assertEmpty(store, "user-99");
        }
    }

    @Test
    void aMessageOfAnotherUserInAChatIsRefused() throws Exception {
        try (Connection source = SourceFixtures.vectorChat(dir); ChatStore store = Backend.SQLITE.open()) {
            SourceFixtures.exec(source, "INSERT INTO messages (id, chat_id, user_id, content, role) "
                    + "VALUES ('msg-intruder', 'chat-empty', 'user-idle', 'hi', 'user')");

            assertRefused(() -> SourceImport.importInto(store, SourceProduct.VECTOR_CHAT, source,
                    StoreImportOptions.defaults()), "msg-intruder");
            assertEmpty(store, "user-99");
        }
    }

    @Test
    void aSettingThatIsNotJsonIsRefused() throws Exception {
        try (Connection source = SourceFixtures.assistant(dir); ChatStore store = Backend.SQLITE.open()) {
            SourceFixtures.exec(source, "UPDATE user_settings SET value = 'dark mode, please' WHERE key = 'theme'");

            assertRefused(() -> SourceImport.importInto(store, SourceProduct.ASSISTANT, source, "jane",
                    StoreImportOptions.defaults()), "user_settings row theme, column value: not JSON");
            assertEmpty(store, "jane");
        }
    }

    @Test
    void aValueChatstoreRefusesIsRefusedAsTheSources() throws Exception {
        try (Connection source = SourceFixtures.personaChat(dir); ChatStore store = Backend.SQLITE.open()) {
            SourceFixtures.exec(source, "UPDATE ai_influencers SET display_name = '   ' WHERE name = 'old_bot'");

            assertRefused(() -> SourceImport.importInto(store, SourceProduct.PERSONA_CHAT, source,
                    StoreImportOptions.defaults()), "ai_influencers row ryjl3-tyaaa-aaaaa-aaaba-cai: displayName");
            assertEmpty(store, SourceFixtures.ALICE);
        }
    }

    @Test
    void aMissingArgumentIsNamed() throws Exception {
        try (Connection source = SourceFixtures.assistant(dir); ChatStore store = Backend.SQLITE.open()) {
            assertThatThrownBy(() -> SourceImport.importInto(store, null, source, StoreImportOptions.defaults()))
                    .isInstanceOfSatisfying(InvalidInputException.class, e ->
                            assertThat(e.argument()).isEqualTo("product"));
            assertThatThrownBy(() -> SourceImport.importInto(store, SourceProduct.ASSISTANT, source, " ",
                    StoreImportOptions.defaults())).isInstanceOfSatisfying(InvalidInputException.class, e ->
                    assertThat(e.argument()).isEqualTo("ownerUserId"));
            assertThatThrownBy(() -> SourceProduct.fromCliName("slack")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("persona-chat, vector-chat, assistant");
            assertThat(SourceProduct.fromCliName("vector-chat")).isEqualTo(SourceProduct.VECTOR_CHAT);
        }
    }

    private static void assertRefused(ThrowingCallable call, String problem) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.argument()).isEqualTo("source");
            assertThat(e.getMessage()).contains(problem);
        });
    }

    private static void assertEmpty(ChatStore store, String user) {
        assertThat(store.personas().list(null, null)).isEmpty();
        assertThat(store.forUser(user).conversations().list(PageRequest.first()).items()).isEmpty();
        assertThat(store.forUser(user).settings().all()).isEmpty();
    }
}

package dev.chatstore.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Attachment;
import dev.chatstore.AttachmentStatus;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.PageRequest;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.StoreImportReport;
import dev.chatstore.UserChats;
import dev.chatstore.UserProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQLite chat with vector search imported into SQLite and PostgreSQL stores, compared through the public API.
 * When a test fails, look at VectorChatConverter and Attachments.
 */
class VectorChatImportTest {
    private static final String U1 = "user-123e4567-e89b-12d3-a456-426614174000";

    @TempDir
    Path dir;

    private static String id(String table, String sourceId) {
        return SourceImport.chatstoreId(SourceProduct.VECTOR_CHAT, table, sourceId);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void importsUsersChatsMessagesAndAttachments(Backend backend) throws Exception {
        try (Connection source = SourceFixtures.vectorChat(dir); ChatStore store = backend.open()) {
            StoreImportReport report = SourceImport.importInto(store, SourceProduct.VECTOR_CHAT, source,
                    StoreImportOptions.defaults());

            assertThat(report.users()).isEqualTo(3);
            assertThat(report.rows()).containsEntry("user_profile", 3L).containsEntry("conversation", 3L)
                    .containsEntry("message", 4L).containsEntry("attachment", 4L)
                    .containsEntry("message_attachment", 4L);
            UserChats u1 = store.forUser(U1);
            UserProfile profile = u1.profile().get().orElseThrow();
            assertThat(profile.preferences()).isEqualTo(Map.of("theme", "dark", "language", "en"));
            assertThat(profile.lastActiveAt()).isEqualTo(Instant.parse("2025-01-19T15:30:00Z"));
            assertThat(profile.createdAt()).isEqualTo(Instant.parse("2025-01-19T10:00:00Z"));
            assertThat(profile.activeConversationId()).as("the chat marked is_active").isEqualTo(id("chats", "chat-python"));

            List<Conversation> chats = u1.conversations().list(PageRequest.first()).items();
            assertThat(chats).extracting(Conversation::title).containsExactly("Python Discussion", "Trip to Kyōto 🗾");
            assertThat(chats.get(0).metadata()).isEqualTo(Map.of("source", Map.of("id", "chat-python")));
            assertThat(chats.get(0).messageCount()).isEqualTo(3);

            String python = id("chats", "chat-python");
            List<Message> messages = u1.messages().oldestFirst(python, PageRequest.first()).items();
            assertThat(messages).extracting(Message::content).as("same second: insertion order, not id order")
                    .containsExactly("What is Python?", "Python is a programming language.",
                            "Show me a list comprehension");
            assertThat(messages.get(1).metadata()).isEqualTo(Map.of("model", "gemini-2.5-flash", "temperature", 0.7));
            assertThat(messages.get(1).replyToId()).isEqualTo(messages.get(0).id());
            assertThat(messages.get(0).id()).isEqualTo(id("messages", "msg-z-question"));

            Attachment screenshot = u1.attachments().listForMessage(messages.get(0).id()).get(0);
            assertThat(screenshot.name()).isEqualTo("screenshot.jpg");
            assertThat(screenshot.mimeType()).isEqualTo("image/jpeg");
            assertThat(screenshot.inline()).isTrue();
            assertThat(screenshot.status()).isEqualTo(AttachmentStatus.READY);
            assertThat(u1.attachments().inlineData(screenshot.id()).orElseThrow())
                    .isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(screenshot.sha256())
                    .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
            assertThat(u1.attachments().listForMessage(messages.get(1).id())).singleElement().satisfies(a -> {
                assertThat(a.storageUri()).isEqualTo("https://files.example/diagram.png");
                assertThat(a.sizeBytes()).isEqualTo(524288);
            });
            assertThat(u1.attachments().listForMessage(messages.get(2).id()))
                    .extracting(Attachment::name, Attachment::status, Attachment::storageUri)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("snippet.py", AttachmentStatus.ERROR,
                                    "urn:chatstore-import:vector-chat:attachment:att-ref-only"),
                            org.assertj.core.groups.Tuple.tuple("docs", AttachmentStatus.READY,
                                    "https://docs.python.org"));
            assertThat(u1.attachments().listForConversation(python)).hasSize(4);

            UserChats idle = store.forUser("user-99");
            Conversation empty = idle.conversations().list(PageRequest.first()).items().get(0);
            assertThat(empty.messageCount()).isZero();
            assertThat(empty.lastMessageAt()).isNull();
            assertThat(store.forUser("user-idle").profile().get()).isPresent();
        }
    }
}

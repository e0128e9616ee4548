package dev.chatstore.imports;

import static dev.chatstore.imports.SourceFixtures.ALICE;
import static dev.chatstore.imports.SourceFixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Appended;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.ImportException;
import dev.chatstore.Media;
import dev.chatstore.Message;
import dev.chatstore.MessageType;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Persona;
import dev.chatstore.PersonaStatus;
import dev.chatstore.Role;
import dev.chatstore.StoreImportOptions;
import dev.chatstore.StoreImportReport;
import dev.chatstore.TokenUsage;
import dev.chatstore.UserChats;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The AI-persona chat imported into SQLite and PostgreSQL stores, compared through the public API. When a test
 * fails, look at PersonaChatConverter (the mapping), ConversationThread (order, branch, replies, fingerprints) and
 * UserConversations (counters, sidebar order).
 */
class PersonaChatImportTest {
    private static final String CONV_A1 = "11111111-1111-4111-8111-111111111111";
    private static final String CONV_A2 = "22222222-2222-4222-8222-222222222222";
    private static final String CONV_B1 = "33333333-3333-4333-8333-333333333333";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void importsPersonasUsersConversationsAndMessagesInTheSourcesOrder(Backend backend) throws Exception {
        try (Connection source = SourceFixtures.personaChat(dir); ChatStore store = backend.open()) {
            StoreImportReport report = SourceImport.importInto(store, SourceProduct.PERSONA_CHAT, source,
                    StoreImportOptions.defaults());

            assertThat(report.users()).isEqualTo(2);
            assertThat(report.rows()).containsEntry("persona", 3L).containsEntry("conversation", 3L)
                    .containsEntry("message", 9L);
            Persona ahaan = store.personas().get("ahaan_sharma").orElseThrow();
            assertThat(ahaan.displayName()).isEqualTo("Ahaan Sharma");
            assertThat(ahaan.systemInstructions()).isEqualTo("You are Ahaan, an upbeat fitness coach.");
            assertThat(ahaan.personalityTraits()).containsExactly("energy: high", "humor: dry");
            assertThat(ahaan.suggestedOpeners()).containsExactly("What should I eat today?", "Plan my week");
            assertThat(ahaan.status()).isEqualTo(PersonaStatus.ACTIVE);
            assertThat(ahaan.createdAt()).isEqualTo(Instant.parse("2024-12-01T09:00:00Z"));
            Persona meera = store.personas().get("meera_ai").orElseThrow();
            assertThat(meera.status()).as("'coming soon' of the source").isEqualTo(PersonaStatus.COMING_SOON);
            assertThat(meera.personalityTraits()).containsExactly("calm", "curious", "kind");
            assertThat(meera.updatedAt()).as("no updated_at: the creation time").isEqualTo(meera.createdAt());
            assertThat(store.personas().get("old_bot").orElseThrow().status()).isEqualTo(PersonaStatus.DISCONTINUED);

            UserChats alice = store.forUser(ALICE);
            List<Conversation> sidebar = alice.conversations().list(PageRequest.first()).items();
            assertThat(sidebar).extracting(Conversation::id).containsExactly(CONV_A1, CONV_A2);
            Conversation a1 = sidebar.get(0);
            assertThat(a1.personaName()).isEqualTo("ahaan_sharma");
            assertThat(a1.metadata()).isEqualTo(Map.of("memories", List.of("likes running")));
            assertThat(a1.messageCount()).isEqualTo(6);
            assertThat(a1.lastSeq()).isEqualTo(6);
            assertThat(a1.unreadCount()).isZero();
            assertThat(a1.lastMessageAt()).isEqualTo(Instant.parse("2025-01-19T10:00:07Z"));
            assertThat(a1.lastMessagePreview()).isEqualTo("😀".repeat(150) + "x".repeat(50));
            assertThat(a1.createdAt()).isEqualTo(Instant.parse("2025-01-19T10:00:00Z"));
            assertThat(sidebar.get(1).personaName()).isEqualTo("meera_ai");
            assertThat(sidebar.get(1).messageCount()).isZero();
            assertThat(sidebar.get(1).lastMessageAt()).isNull();

            List<Message> messages = alice.messages().oldestFirst(CONV_A1, PageRequest.first()).items();
            assertThat(messages).extracting(Message::content).containsExactly("Namaste! Kya haal hai? 🙏",
                    "Sab badhiya! Aaj workout kiya? 💪", "日本語もわかる？", "Here is my lunch", "",
                    SourceFixtures.LONG_TEXT);
            assertThat(messages).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(messages).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT, Role.USER,
                    Role.USER, Role.USER, Role.ASSISTANT);
            assertThat(messages).extracting(Message::createdAt).containsExactly(
                    Instant.parse("2025-01-19T10:00:00Z"), Instant.parse("2025-01-19T10:00:00Z"),
                    Instant.parse("2025-01-19T10:00:04Z"), Instant.parse("2025-01-19T10:00:05.123Z"),
                    Instant.parse("2025-01-19T10:00:06.500Z"), Instant.parse("2025-01-19T10:00:07Z"));
            assertThat(messages.get(1).replyToId()).isEqualTo(SourceFixtures.PERSONA_QUESTION_ID);
            assertThat(messages.get(1).usage()).isEqualTo(new TokenUsage(null, null, 42));
            assertThat(messages.get(3).type()).isEqualTo(MessageType.IMAGE);
            assertThat(messages.get(3).media().refs()).containsExactly("uploads/alice/lunch.jpg",
                    "uploads/alice/lunch2.jpg");
            assertThat(messages.get(4).type()).isEqualTo(MessageType.AUDIO);
            assertThat(messages.get(4).media()).isEqualTo(Media.audio("uploads/alice/voice.ogg", 12_000));
            assertThat(messages.get(0).clientMessageId()).isEqualTo("client-1");
            assertThat(a1.activeTipId()).isEqualTo(messages.get(5).id());
            List<String> tipToRoot = new java.util.ArrayList<>(messages.stream().map(Message::id).toList());
            java.util.Collections.reverse(tipToRoot);
            assertThat(alice.messages().branch(CONV_A1, PageRequest.first()).items()).extracting(Message::id)
                    .as("one linear branch, from the tip").containsExactlyElementsOf(tipToRoot);

            List<Message> bobs = store.forUser(BOB).messages().oldestFirst(CONV_B1, PageRequest.first()).items();
            assertThat(bobs).extracting(Message::content).containsExactly("Hi coach", "Hey Bob! Ready to sweat?",
                    "Let's go 🏃");
            assertThat(bobs.get(2).usage()).as("a user message's token count: prompt tokens")
                    .isEqualTo(new TokenUsage(null, 5, null));
            assertThat(store.forUser(BOB).conversations().get(CONV_A1)).as("another user's conversation").isEmpty();
        }
    }

    /** The same-second rule: the source's insertion order, not the ids (the reply's id sorts first). */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void sameSecondMessagesKeepTheInsertionOrderOfTheSource(Backend backend) throws Exception {
        try (Connection source = SourceFixtures.personaChat(dir); ChatStore store = backend.open()) {
            SourceImport.importInto(store, SourceProduct.PERSONA_CHAT, source, StoreImportOptions.defaults());

            List<Message> messages = store.forUser(ALICE).messages().oldestFirst(CONV_A1, PageRequest.first(2))
                    .items();
            assertThat(messages).extracting(Message::id).containsExactly(SourceFixtures.PERSONA_QUESTION_ID,
                    SourceFixtures.PERSONA_REPLY_ID);
            assertThat(messages.get(0).createdAt()).isEqualTo(messages.get(1).createdAt());
            assertThat(messages.get(1).parentId()).isEqualTo(messages.get(0).id());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAppendReplayingAnImportedClientMessageIdReturnsTheImportedMessage(Backend backend) throws Exception {
        try (Connection source = SourceFixtures.personaChat(dir); ChatStore store = backend.open()) {
            SourceImport.importInto(store, SourceProduct.PERSONA_CHAT, source, StoreImportOptions.defaults());
            UserChats alice = store.forUser(ALICE);

            Appended text = alice.messages().append(CONV_A1,
                    NewMessage.user("Namaste! Kya haal hai? 🙏").clientMessageId("client-1"));
            assertThat(text.replayed()).isTrue();
            assertThat(text.message().id()).isEqualTo(SourceFixtures.PERSONA_QUESTION_ID);
            Appended image = alice.messages().append(CONV_A1, NewMessage.user("Here is my lunch")
                    .clientMessageId("client-2").type(MessageType.IMAGE)
                    .media(Media.refs("uploads/alice/lunch.jpg", "uploads/alice/lunch2.jpg")));
            assertThat(image.replayed()).isTrue();
            assertThat(image.message().seq()).isEqualTo(4);
            Appended audio = alice.messages().append(CONV_A1, NewMessage.user("").clientMessageId("client-3")
                    .type(MessageType.AUDIO).media(Media.audio("uploads/alice/voice.ogg", 12_000)));
            assertThat(audio.replayed()).isTrue();
            assertThatThrownBy(() -> alice.messages().append(CONV_A1,
                    NewMessage.user("something else").clientMessageId("client-1")))
                    .isInstanceOf(IdempotencyConflictException.class);
            assertThat(alice.messages().findReply(SourceFixtures.PERSONA_QUESTION_ID)).map(Message::id)
                    .contains(SourceFixtures.PERSONA_REPLY_ID);

            Appended withUsage = store.forUser(BOB).messages().append(CONV_B1, NewMessage.user("Let's go 🏃")
                    .clientMessageId("client-2").usage(new TokenUsage(null, 5, null)));
            assertThat(withUsage.replayed()).isTrue();
            assertThat(withUsage.message().seq()).isEqualTo(3);

            Appended next = alice.messages().append(CONV_A1, NewMessage.user("Next!").clientMessageId("client-5"));
            assertThat(next.replayed()).isFalse();
            assertThat(next.message().seq()).isEqualTo(7);
            Conversation after = alice.conversations().get(CONV_A1).orElseThrow();
            assertThat(after.messageCount()).isEqualTo(7);
            assertThat(next.message().parentId()).isEqualTo(
                    alice.messages().oldestFirst(CONV_A1, PageRequest.first()).items().get(5).id());
            assertThat(alice.conversations().list(PageRequest.first()).items()).extracting(Conversation::id)
                    .first().isEqualTo(CONV_A1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void importingTheSameSourceAgainSkipsWhatIsThereOrIsRefused(Backend backend) throws Exception {
        try (Connection source = SourceFixtures.personaChat(dir); ChatStore store = backend.open()) {
            SourceImport.importInto(store, SourceProduct.PERSONA_CHAT, source, StoreImportOptions.defaults());

            StoreImportReport again = SourceImport.importInto(store, SourceProduct.PERSONA_CHAT, source,
                    StoreImportOptions.defaults().skippingExistingUsers());
            assertThat(again.users()).isZero();
            assertThat(again.skippedUsers()).isEqualTo(2);
            assertThatThrownBy(() -> SourceImport.importInto(store, SourceProduct.PERSONA_CHAT, source,
                    StoreImportOptions.defaults())).isInstanceOf(ImportException.class);
            assertThat(store.forUser(ALICE).conversations().get(CONV_A1).orElseThrow().messageCount()).isEqualTo(6);
            assertThat(store.personas().list(null, null)).hasSize(3);
        }
    }
}

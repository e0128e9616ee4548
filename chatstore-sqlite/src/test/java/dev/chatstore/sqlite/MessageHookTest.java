package dev.chatstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import dev.chatstore.jdbc.MessageHook;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * The engine's message hooks run in order inside the transaction that changes messages, see the
 * change, and take it down with them when they fail: what keeps a text index or an embedding queue exact.
 */
class MessageHookTest {

    /** Records each call, with what the hook's handle sees of the conversation at that moment. */
    private static final class Recorder implements MessageHook {
        final String name;
        final List<String> calls;

        Recorder(String name, List<String> calls) {
            this.name = name;
            this.calls = calls;
        }

        @Override
        public void appended(Handle h, String userId, List<Message> stored) {
            String conversationId = stored.get(0).conversationId();
            long rows = h.createQuery("SELECT COUNT(*) FROM message WHERE conversation_id = :c")
                    .bind("c", conversationId).mapTo(Long.class).one();
            long counted = h.createQuery("SELECT message_count FROM conversation WHERE id = :c")
                    .bind("c", conversationId).mapTo(Long.class).one();
            calls.add(name + " appended " + stored.stream().map(Message::content).toList() + " for " + userId
                    + ", rows " + rows + ", counted " + counted);
        }

        @Override
        public void edited(Handle h, String userId, Message edited) {
            String stored = h.createQuery("SELECT content FROM message WHERE id = :id").bind("id", edited.id())
                    .mapTo(String.class).one();
            calls.add(name + " edited " + edited.content() + ", stored " + stored);
        }

        @Override
        public void deleted(Handle h, String userId, Message deleted) {
            long left = h.createQuery("SELECT COUNT(*) FROM message WHERE id = :id").bind("id", deleted.id())
                    .mapTo(Long.class).one();
            calls.add(name + " deleted " + deleted.content() + ", rows left " + left);
        }

        @Override
        public void conversationDeleted(Handle h, String userId, String conversationId) {
            calls.add(name + " conversationDeleted");
        }

        @Override
        public void userErased(Handle h, String userId) {
            calls.add(name + " userErased " + userId);
        }
    }

    @Test
    void hooksRunInOrderInsideEachTransactionThatChangesMessagesAndSeeTheChange() {
        List<String> calls = new ArrayList<>();
        try (SqliteChatStore store = SqliteChatStore.inMemoryBuilder()
                .messageHooks(List.of(new Recorder("first", calls), new Recorder("second", calls))).build()) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("t"));
            Message hi = alice.messages().append(c.id(), NewMessage.user("hi").clientMessageId("r1")).message();
            alice.messages().appendAll(c.id(), List.of(NewMessage.assistant("a"), NewMessage.user("b")));
            alice.messages().append(c.id(), NewMessage.user("hi").clientMessageId("r1"));
            alice.messages().editContent(hi.id(), "hello");
            alice.messages().delete(hi.id());
            alice.conversations().delete(c.id());
            alice.erase();

            assertThat(calls).containsExactly(
                    "first appended [hi] for alice, rows 1, counted 1",
                    "second appended [hi] for alice, rows 1, counted 1",
                    "first appended [a, b] for alice, rows 3, counted 3",
                    "second appended [a, b] for alice, rows 3, counted 3",
                    // The replay stored nothing, so no hook ran for it.
                    "first edited hello, stored hello",
                    "second edited hello, stored hello",
                    "first deleted hello, rows left 0",
                    "second deleted hello, rows left 0",
                    "first conversationDeleted",
                    "second conversationDeleted",
                    "first userErased alice",
                    "second userErased alice");
        }
    }

    @Test
    void aHookThatFailsRollsTheWholeChangeBack() {
        MessageHook failing = new MessageHook() {
            @Override
            public void appended(Handle h, String userId, List<Message> stored) {
                if (stored.stream().anyMatch(m -> m.content().equals("poison"))) {
                    throw new IllegalStateException("index unavailable");
                }
            }

            @Override
            public void deleted(Handle h, String userId, Message deleted) {
                throw new IllegalStateException("index unavailable");
            }
        };
        try (SqliteChatStore store = SqliteChatStore.inMemoryBuilder().messageHooks(List.of(failing)).build()) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("t"));
            Message kept = alice.messages().append(c.id(), NewMessage.user("fine")).message();

            assertThatThrownBy(() -> alice.messages().appendAll(c.id(),
                    List.of(NewMessage.user("ok"), NewMessage.user("poison"))))
                    .hasMessageContaining("index unavailable");
            assertThatThrownBy(() -> alice.messages().delete(kept.id())).hasMessageContaining("index unavailable");

            assertThat(alice.messages().oldestFirst(c.id(), PageRequest.first()).items())
                    .as("neither the failed batch nor the failed delete changed anything")
                    .extracting(Message::content).containsExactly("fine");
            Conversation after = alice.conversations().get(c.id()).orElseThrow();
            assertThat(after.messageCount()).isEqualTo(1);
            assertThat(after.activeTipId()).isEqualTo(kept.id());
        }
    }
}

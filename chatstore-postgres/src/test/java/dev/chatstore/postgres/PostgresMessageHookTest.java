package dev.chatstore.postgres;

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

/** On PostgreSQL too, message hooks run in the transaction that changes messages and fail it when they fail. */
class PostgresMessageHookTest {

    @Test
    void aHookSeesTheAppendInItsTransactionAndAFailingHookRollsItBack() {
        String schema = TestPostgres.freshSchema();
        List<String> seen = new ArrayList<>();
        MessageHook hook = new MessageHook() {
            @Override
            public void appended(Handle h, String userId, List<Message> stored) {
                long rows = h.createQuery("SELECT COUNT(*) FROM \"" + schema + "\".message WHERE conversation_id = :c")
                        .bind("c", stored.get(0).conversationId()).mapTo(Long.class).one();
                seen.add(stored.stream().map(Message::content).toList() + " rows " + rows);
                if (stored.stream().anyMatch(m -> m.content().equals("poison"))) {
                    throw new IllegalStateException("index unavailable");
                }
            }
        };
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource()).schema(schema)
                .messageHooks(List.of(hook)).build()) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("t"));
            alice.messages().append(c.id(), NewMessage.user("fine"));
            assertThatThrownBy(() -> alice.messages().appendAll(c.id(),
                    List.of(NewMessage.user("ok"), NewMessage.user("poison"))))
                    .hasMessageContaining("index unavailable");

            assertThat(seen).containsExactly("[fine] rows 1", "[ok, poison] rows 3");
            assertThat(alice.messages().oldestFirst(c.id(), PageRequest.first()).items())
                    .as("the failed batch left nothing").extracting(Message::content).containsExactly("fine");
            assertThat(alice.conversations().get(c.id()).orElseThrow().messageCount()).isEqualTo(1);
        }
    }
}

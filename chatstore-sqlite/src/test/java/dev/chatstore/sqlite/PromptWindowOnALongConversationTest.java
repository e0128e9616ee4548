package dev.chatstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PromptWindow;
import dev.chatstore.UserChats;
import dev.chatstore.WindowLimit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt window of a 100,000-message conversation holds exactly its newest messages. (What it
 * costs against a 100-message conversation is measured in chatstore-bench, not timed here.)
 */
class PromptWindowOnALongConversationTest {
    @TempDir
    Path dir;

    @Test
    void theWindowOfA100000MessageConversationIsItsNewestMessages() {
        try (SqliteChatStore store = SqliteChatStore.open(dir.resolve("long.db"))) {
            UserChats alice = store.forUser("alice");
            Conversation c = alice.conversations().create(NewConversation.titled("long").withSystemPrompt("sys"));
            for (int batch = 0; batch < 10; batch++) {
                List<NewMessage> messages = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    messages.add(NewMessage.user("m" + (batch * 10_000 + i + 1)));
                }
                alice.messages().appendAll(c.id(), messages);
            }
            PromptWindow last20 = alice.messages().promptWindow(c.id(), WindowLimit.lastMessages(20));
            assertThat(last20.messages()).extracting(Message::content)
                    .containsExactlyElementsOf(IntStream.rangeClosed(99_981, 100_000).mapToObj(i -> "m" + i).toList());
            assertThat(last20.systemPrompt()).isEqualTo("sys");
            assertThat(last20.wholeBranch()).isFalse();

            PromptWindow budget = alice.messages().promptWindow(c.id(), WindowLimit.tokens(1_000, m -> 2));
            assertThat(budget.messages()).as("500 messages of 2 tokens").hasSize(500);
            assertThat(budget.messages().get(499).content()).isEqualTo("m100000");
            assertThat(budget.tokens()).isEqualTo(1_000);
        }
    }
}

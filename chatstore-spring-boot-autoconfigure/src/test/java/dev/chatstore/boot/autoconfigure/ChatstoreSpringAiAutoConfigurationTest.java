package dev.chatstore.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.Role;
import dev.chatstore.springai.ChatstoreChatMemoryRepository;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The ChatMemoryRepository bean: ours when Spring AI is there, taken by Spring AI's own chat memory
 * auto-configuration, and absent or replaced when it should be. When one fails, look at
 * {@link ChatstoreSpringAiAutoConfiguration} (its conditions and its order before Spring AI's).
 */
class ChatstoreSpringAiAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatMemoryAutoConfiguration.class,
                    ChatstoreAutoConfiguration.class, ChatstoreSpringAiAutoConfiguration.class))
            .withPropertyValues("chatstore.sqlite.in-memory=true");

    @Test
    void springAisChatMemoryKeepsItsMessagesInChatstore() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ChatMemoryRepository.class);
            assertThat(context.getBean(ChatMemoryRepository.class)).isInstanceOf(ChatstoreChatMemoryRepository.class);
            ChatMemory memory = context.getBean(ChatMemory.class);
            memory.add("trip", List.of(UserMessage.builder().text("Where should I eat?").build(),
                    AssistantMessage.builder().content("Try Time Out Market.").build()));

            assertThat(memory.get("trip")).extracting(org.springframework.ai.chat.messages.Message::getText)
                    .containsExactly("Where should I eat?", "Try Time Out Market.");
            ChatStore store = context.getBean(ChatStore.class);
            Conversation c = store.forUser("default").conversations().findByExternalKey("trip").orElseThrow();
            List<Message> stored = store.forUser("default").messages().latest(c.id(), 10).items();
            assertThat(stored).extracting(Message::role).containsExactly(Role.ASSISTANT, Role.USER);
            assertThat(stored).extracting(Message::content)
                    .containsExactly("Try Time Out Market.", "Where should I eat?");
        });
    }

    @Test
    void theUserIdPropertyChoosesTheChatstoreUser() {
        runner.withPropertyValues("chatstore.spring-ai.user-id=assistant-app").run(context -> {
            context.getBean(ChatMemory.class).add("c1", UserMessage.builder().text("hi").build());
            ChatStore store = context.getBean(ChatStore.class);
            assertThat(store.forUser("assistant-app").conversations().findByExternalKey("c1")).isPresent();
            assertThat(store.forUser("default").conversations().findByExternalKey("c1")).isEmpty();
        });
    }

    @Test
    void aBlankUserIdFailsTheStart() {
        runner.withPropertyValues("chatstore.spring-ai.user-id= ").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("chatstore.spring-ai.user-id"));
    }

    @Test
    void anApplicationRepositoryWins() {
        InMemoryChatMemoryRepository own = new InMemoryChatMemoryRepository();
        runner.withBean(ChatMemoryRepository.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(ChatMemoryRepository.class)
                    .doesNotHaveBean(ChatstoreChatMemoryRepository.class);
            context.getBean(ChatMemory.class).add("c1", UserMessage.builder().text("hi").build());
            assertThat(own.findByConversationId("c1")).hasSize(1);
            assertThat(context.getBean(ChatStore.class).forUser("default").conversations().findByExternalKey("c1"))
                    .isEmpty();
        });
    }

    @Test
    void anApplicationChatStoreBacksTheRepository() {
        dev.chatstore.sqlite.SqliteChatStore own = dev.chatstore.sqlite.SqliteChatStore.inMemory();
        runner.withBean(ChatStore.class, () -> own).run(context -> {
            context.getBean(ChatMemory.class).add("c1", UserMessage.builder().text("hi").build());
            assertThat(own.forUser("default").conversations().findByExternalKey("c1")).isPresent();
        });
    }

    @Test
    void withoutSpringAiThereIsNoRepository() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ChatstoreAutoConfiguration.class,
                        ChatstoreSpringAiAutoConfiguration.class))
                .withPropertyValues("chatstore.sqlite.in-memory=true")
                .withClassLoader(new FilteredClassLoader("org.springframework.ai."))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ChatStore.class)
                        .doesNotHaveBean("chatstoreChatMemoryRepository"));
    }

    @Test
    void withoutAChatStoreThereIsNoRepository() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ChatMemoryAutoConfiguration.class,
                        ChatstoreSpringAiAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ChatstoreChatMemoryRepository.class)
                        .hasSingleBean(InMemoryChatMemoryRepository.class));
    }
}

package dev.chatstore.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.springai.ChatstoreChatMemoryRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

/**
 * A Spring Boot application with nothing but {@code chatstore.sqlite.path}: the auto-configurations are found
 * through {@code META-INF/spring/...AutoConfiguration.imports}, beside Spring AI's own chat memory
 * auto-configuration. When it fails and the runner tests pass, look at the imports file.
 */
@SpringBootTest(classes = SqliteApplicationTest.App.class)
class SqliteApplicationTest {
    /** Under the module's target directory (the tests' working directory), in a directory the store creates. */
    private static final Path FILE = Path.of("target", "boot-application-test", UUID.randomUUID().toString(), "chat.db");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chatstore.sqlite.path", FILE::toString);
        // The test class path has spring-boot-starter-jdbc for PostgresApplicationTest; an application with only
        // the starter has no DataSource auto-configuration (its class differs between Boot 3 and Boot 4).
        registry.add("spring.autoconfigure.exclude", () -> Stream.of(
                        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
                .filter(name -> ClassUtils.isPresent(name, null)).findFirst().orElseThrow());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Autowired
    ChatStore store;

    @Autowired
    ChatMemoryRepository repository;

    @Autowired
    ChatMemory chatMemory;

    @Test
    void theApplicationGetsAStoreOnTheFileAndSpringAiMemoryInIt() {
        assertThat(store).isInstanceOf(SqliteChatStore.class);
        assertThat(store.admin().info().location()).isEqualTo(FILE.toAbsolutePath().toString());
        assertThat(repository).isInstanceOf(ChatstoreChatMemoryRepository.class);

        chatMemory.add("support-1", List.of(UserMessage.builder().text("My order is late").build(),
                AssistantMessage.builder().content("Let me check order 42.").build()));
        Conversation c = store.forUser("default").conversations().findByExternalKey("support-1").orElseThrow();
        assertThat(c.messageCount()).isEqualTo(2);
        assertThat(repository.findConversationIds()).contains("support-1");
    }
}

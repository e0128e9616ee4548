package dev.chatstore.boot.autoconfigure;

import dev.chatstore.ChatStore;
import dev.chatstore.springai.ChatstoreChatMemoryRepository;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * With Spring AI on the class path, a {@link ChatMemoryRepository} on the {@link ChatStore} bean, so Spring AI's
 * {@code MessageWindowChatMemory} (and anything else taking a ChatMemoryRepository) keeps its memory in chatstore.
 * Backs off when the application defines its own ChatMemoryRepository.
 *
 * <p>Runs before Spring AI's chat memory auto-configuration, which would otherwise register an in-memory
 * repository, and before its JDBC repository auto-configuration (named, so Spring AI is not needed to load
 * this class). Spring AI's JDBC repository backs off only for another {@code JdbcChatMemoryRepository}: do not
 * add its starter next to this one.
 */
@AutoConfiguration(after = ChatstoreAutoConfiguration.class, beforeName = {
        "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration",
        "org.springframework.ai.model.chat.memory.repository.jdbc.autoconfigure.JdbcChatMemoryRepositoryAutoConfiguration"})
@ConditionalOnClass({ChatMemoryRepository.class, ChatstoreChatMemoryRepository.class})
@ConditionalOnBean(ChatStore.class)
@EnableConfigurationProperties(ChatstoreProperties.class)
public class ChatstoreSpringAiAutoConfiguration {

    /** Spring AI's conversations as conversations of the user {@code chatstore.spring-ai.user-id}. */
    @Bean
    @ConditionalOnMissingBean(ChatMemoryRepository.class)
    public ChatstoreChatMemoryRepository chatstoreChatMemoryRepository(ChatStore chatStore,
                                                                       ChatstoreProperties properties) {
        String userId = properties.getSpringAi().getUserId();
        if (userId == null || userId.isBlank()) {
            throw new InvalidConfigurationPropertyValueException("chatstore.spring-ai.user-id", userId,
                    "The Spring AI chat memory needs a chatstore user id; leave the property out for \"default\".");
        }
        return ChatstoreChatMemoryRepository.builder(chatStore)
                .userId(userId)
                .build();
    }
}

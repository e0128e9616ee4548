package dev.chatstore.boot.autoconfigure;

import dev.chatstore.ChatStoreBuilder;

/**
 * Adjusts the builder of the auto-configured {@link dev.chatstore.ChatStore} after the {@code chatstore.*}
 * properties are applied and before the store opens, e.g. to set a {@link java.time.Clock}. Every bean of this
 * type is called, in {@link org.springframework.core.annotation.Order} order. Implementations are called on
 * the thread that creates the store bean.
 */
@FunctionalInterface
public interface ChatStoreBuilderCustomizer {

    /**
     * Sets options on {@code builder}, which is a {@code SqliteChatStore.Builder} or a
     * {@code PostgresChatStore.Builder} depending on the backend; never null.
     */
    void customize(ChatStoreBuilder<?, ?> builder);
}

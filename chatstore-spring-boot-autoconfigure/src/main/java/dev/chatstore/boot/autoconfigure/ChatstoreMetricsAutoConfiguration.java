package dev.chatstore.boot.autoconfigure;

import dev.chatstore.ChatStore;
import dev.chatstore.micrometer.ChatStoreMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer on the class path (Spring Boot's actuator brings it), a {@link ChatStoreMetrics} bean: the
 * auto-configured {@link ChatStore} takes it as a listener (it is a {@code StoreListener} bean, see
 * {@link ChatstoreAutoConfiguration#chatStore}), and the actuator binds it to the application's meter registry (it
 * is a {@link MeterBinder} bean). Backs off when the application defines its own ChatStore (give that store a
 * {@code ChatStoreMetrics} as its listener yourself) or its own ChatStoreMetrics (which is used instead, e.g. with
 * extra tags).
 *
 * <p>Runs before {@link ChatstoreAutoConfiguration}, so that only an application's own ChatStore makes it back off.
 */
@AutoConfiguration(before = ChatstoreAutoConfiguration.class)
@ConditionalOnClass({MeterBinder.class, ChatStoreMetrics.class, ChatStore.class})
@ConditionalOnMissingBean(ChatStore.class)
public class ChatstoreMetricsAutoConfiguration {

    /** Timers, counters and health gauges of the ChatStore bean (see {@link ChatStoreMetrics} for the meters). */
    @Bean
    @ConditionalOnMissingBean(ChatStoreMetrics.class)
    public ChatStoreMetrics chatStoreMetrics() {
        return new ChatStoreMetrics();
    }
}

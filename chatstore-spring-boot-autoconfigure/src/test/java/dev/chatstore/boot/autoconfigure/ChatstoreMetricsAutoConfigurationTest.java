package dev.chatstore.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.StoreListener;
import dev.chatstore.micrometer.ChatStoreMetrics;
import dev.chatstore.sqlite.SqliteChatStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With Micrometer on the class path the ChatStore bean's meters are a MeterBinder bean (which Boot's actuator binds
 * to its registry; here the test binds it) and the store's listener; without Micrometer, or with the application's
 * own store, there is none. StoreListener beans and chatstore.slow-operation-threshold reach the store. When one
 * fails, look at {@link ChatstoreMetricsAutoConfiguration} and {@link ChatstoreAutoConfiguration#chatStore}.
 */
class ChatstoreMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatstoreAutoConfiguration.class,
                    ChatstoreMetricsAutoConfiguration.class))
            .withPropertyValues("chatstore.sqlite.in-memory=true");

    @Test
    void theStoresMetersAreAMeterBinderBeanThatTheStoreReports() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MeterBinder.class).hasSingleBean(ChatStoreMetrics.class);
            MeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(MeterBinder.class).bindTo(registry);
            ChatStore store = context.getBean(ChatStore.class);
            Conversation c = store.forUser("alice").conversations().create(NewConversation.titled("Lisbon"));
            store.forUser("alice").messages().append(c.id(), NewMessage.user("Where should we eat?"));

            assertThat(registry.get("chatstore.operation").tags("operation", "messages.append", "outcome", "success",
                    "backend", "sqlite").timer().count()).isEqualTo(1);
            assertThat(registry.get("chatstore.reachable").gauge().value()).isEqualTo(1);
        });
    }

    @Test
    void withoutMicrometerThereAreNoMetersAndTheStoreWorks() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.")).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ChatStore.class).doesNotHaveBean(ChatStoreMetrics.class);
            context.getBean(ChatStore.class).forUser("alice").conversations().create(NewConversation.titled("Lisbon"));
        });
    }

    /** The application's ChatStoreMetrics (here with a tag) is the one the store reports to. */
    @Test
    void theApplicationsOwnMetricsAreUsed() {
        ChatStoreMetrics own = new ChatStoreMetrics(Tags.of("store", "chats"));
        runner.withBean(ChatStoreMetrics.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed().getBean(ChatStoreMetrics.class).isSameAs(own);
            MeterRegistry registry = new SimpleMeterRegistry();
            own.bindTo(registry);
            context.getBean(ChatStore.class).forUser("alice").conversations().create(NewConversation.titled("Lisbon"));
            assertThat(registry.get("chatstore.operation").tags("store", "chats", "operation", "conversations.create")
                    .timer().count()).isEqualTo(1);
        });
    }

    /** The application's own ChatStore gets no listener from here: the meters back off with the store. */
    @Test
    void backsOffWithTheApplicationsOwnStore() {
        try (SqliteChatStore mine = SqliteChatStore.inMemory()) {
            runner.withBean("myStore", ChatStore.class, () -> mine).run(context -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(ChatStoreMetrics.class);
                assertThat(context.getBean(ChatStore.class)).isSameAs(mine);
            });
        }
    }

    /** Every StoreListener bean hears the store; a negative slow-operation threshold fails the start. */
    @Test
    void storeListenerBeansAndTheSlowOperationThresholdReachTheStore() {
        List<String> heard = new CopyOnWriteArrayList<>();
        StoreListener listener = new StoreListener() {
            @Override
            public void operationCompleted(String operation, Duration took, Outcome outcome) {
                heard.add(operation);
            }
        };
        runner.withBean(StoreListener.class, () -> listener)
                .withPropertyValues("chatstore.slow-operation-threshold=250ms").run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(ChatStore.class).settings().put("motd", "hello");
                    assertThat(heard).containsExactly("settings.put");
                });
        runner.withPropertyValues("chatstore.slow-operation-threshold=-1s").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("slowOperationThreshold"));
    }
}

package dev.chatstore.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Conversation;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreHealth;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ChatStoreMetrics on a real SQLite store and a real registry: a timer per operation and outcome tagged
 * operation, backend and outcome only; replay and conflict counters; gauges that read the store's health at most
 * once per 5 seconds; and a failing registry never fails the store. When one fails, look at ChatStoreMetrics,
 * then at the store's StoreListener calls (dev.chatstore.jdbc.internal.Instrumentation).
 */
class ChatStoreMetricsTest {
    @TempDir
    Path dir;

    /** Bound before the store opens, as Spring may do: the timers carry operation, backend and outcome, nothing else. */
    @Test
    void eachOperationIsTimedUnderItsNameBackendAndOutcome() {
        MeterRegistry registry = new SimpleMeterRegistry();
        ChatStoreMetrics metrics = new ChatStoreMetrics();
        metrics.bindTo(registry);
        try (SqliteChatStore store = SqliteChatStore.inMemoryBuilder().listener(metrics).build()) {
            UserChats chats = store.forUser("alice");
            Conversation c = chats.conversations().create(NewConversation.titled("Lisbon"));
            chats.messages().append(c.id(), NewMessage.user("Where should we eat?"));
            chats.messages().append(c.id(), NewMessage.assistant("Time Out Market."));
            assertThatThrownBy(() -> chats.messages().get("not an id")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> chats.conversations().rename(UUID.randomUUID().toString(), "x"))
                    .isInstanceOf(NotFoundException.class);
        }

        assertThat(timerCount(registry, "messages.append", "success")).isEqualTo(2);
        assertThat(timerCount(registry, "conversations.create", "success")).isEqualTo(1);
        assertThat(timerCount(registry, "messages.get", "invalid_input")).isEqualTo(1);
        assertThat(timerCount(registry, "conversations.rename", "not_found")).isEqualTo(1);
        assertThat(registry.get("chatstore.operation").timers()).hasSize(4).allSatisfy(timer -> {
            assertThat(timer.getId().getTags()).extracting(Tag::getKey).containsExactly("backend", "operation", "outcome");
            assertThat(timer.getId().getTag("backend")).isEqualTo("sqlite");
            assertThat(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        });
    }

    @Test
    void replaysAndConflictsAreCounted() {
        MeterRegistry registry = new SimpleMeterRegistry();
        ChatStoreMetrics metrics = new ChatStoreMetrics(Tags.of("store", "main"));
        try (SqliteChatStore store = SqliteChatStore.inMemoryBuilder().listener(metrics).build()) {
            metrics.bindTo(registry);
            UserChats chats = store.forUser("alice");
            Conversation c = chats.conversations().create(NewConversation.titled("Lisbon"));
            NewMessage question = NewMessage.user("Where should we eat?").clientMessageId("req-1");
            chats.messages().append(c.id(), question);
            chats.messages().append(c.id(), question);
            assertThatThrownBy(() -> chats.messages().append(c.id(), NewMessage.user("Other").clientMessageId("req-1")))
                    .isInstanceOf(IdempotencyConflictException.class);
        }

        assertThat(registry.get("chatstore.replays").tags("operation", "messages.append", "backend", "sqlite", "store", "main")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("chatstore.conflicts").tags("operation", "messages.append").counter().count()).isEqualTo(1);
        assertThat(timerCount(registry, "messages.append", "conflict")).isEqualTo(1);
        assertThat(registry.find("chatstore.retries").counters()).as("SQLite has one writer: nothing to retry").isEmpty();
    }

    /** A file store: the gauges show what admin().health() says; after close the store is unreachable. */
    @Test
    void gaugesShowTheStoresHealth() {
        MeterRegistry registry = new SimpleMeterRegistry();
        ChatStoreMetrics metrics = new ChatStoreMetrics();
        SqliteChatStore store = SqliteChatStore.builder(dir.resolve("chat.db")).readers(3).listener(metrics).build();
        metrics.bindTo(registry);
        store.forUser("alice").conversations().create(NewConversation.titled("Lisbon"));
        StoreHealth health = store.admin().health();

        assertThat(gauge(registry, "chatstore.reachable")).isEqualTo(1);
        assertThat(gauge(registry, "chatstore.schema.pending")).isZero();
        assertThat(gauge(registry, "chatstore.pool.max")).isEqualTo(health.pool().max());
        assertThat(gauge(registry, "chatstore.pool.idle")).isEqualTo(health.pool().idle());
        assertThat(gauge(registry, "chatstore.wal.size")).isNotNegative();
        assertThat(registry.get("chatstore.roundtrip").timeGauge().value()).isPositive();
        assertThat(registry.get("chatstore.reachable").gauge().getId().getTags()).containsExactly(Tag.of("backend", "sqlite"));

        store.close();
        assertThat(gauge(registry, "chatstore.reachable")).isZero();
        assertThat(gauge(registry, "chatstore.pool.max")).isNaN();
    }

    /** However many gauges and scrapes, the store's health is read once per 5 seconds. */
    @Test
    void gaugesReadTheHealthOncePerTtl() {
        try (SqliteChatStore store = SqliteChatStore.builder(dir.resolve("chat.db")).build()) {
            AtomicInteger reads = new AtomicInteger();
            StoreAdmin counting = countingHealthReads(store.admin(), reads);
            MeterRegistry registry = new SimpleMeterRegistry();
            ChatStoreMetrics metrics = new ChatStoreMetrics();
            metrics.opened(counting);
            metrics.bindTo(registry);
            for (int scrape = 0; scrape < 3; scrape++) {
                registry.getMeters().forEach(Meter::measure);
            }
            assertThat(registry.getMeters()).hasSizeGreaterThan(5);
            assertThat(reads).hasValue(1);

            ChatStoreMetrics everyTime = new ChatStoreMetrics(Tags.of("ttl", "0"), Duration.ZERO);
            everyTime.opened(counting);
            everyTime.bindTo(new SimpleMeterRegistry());
            everyTime.health();
            everyTime.health();
            assertThat(reads).as("without the cache, each read goes to the store").hasValue(4);
        }
    }

    /** A registry that fails to make a timer makes the listener throw: the store logs it and works on. */
    @Test
    void aFailingRegistryNeverFailsTheStore() {
        MeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals("chatstore.operation")) {
                    throw new IllegalStateException("broken registry");
                }
                return id;
            }
        });
        ChatStoreMetrics metrics = new ChatStoreMetrics();
        metrics.bindTo(registry);
        try (SqliteChatStore store = SqliteChatStore.inMemoryBuilder().listener(metrics).build()) {
            UserChats chats = store.forUser("alice");
            Conversation c = chats.conversations().create(NewConversation.titled("Lisbon"));
            NewMessage question = NewMessage.user("Where should we eat?").clientMessageId("req-1");
            chats.messages().append(c.id(), question);
            assertThat(chats.messages().append(c.id(), question).replayed()).isTrue();
            assertThat(chats.conversations().get(c.id())).get().extracting(Conversation::messageCount).isEqualTo(1L);
        }
        assertThat(registry.get("chatstore.replays").counter().count()).isEqualTo(1);
    }

    /** A second store on one ChatStoreMetrics is refused (the store logs it and opens without these meters). */
    @Test
    void oneInstanceServesOneStore() {
        ChatStoreMetrics metrics = new ChatStoreMetrics();
        try (SqliteChatStore first = SqliteChatStore.inMemoryBuilder().listener(metrics).build();
             SqliteChatStore second = SqliteChatStore.inMemoryBuilder().listener(metrics).build()) {
            assertThatThrownBy(() -> metrics.opened(second.admin())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("give each store its own");
            assertThat(first.admin().health().reachable()).isTrue();
        }
    }

    private static double timerCount(MeterRegistry registry, String operation, String outcome) {
        return registry.get("chatstore.operation").tags("operation", operation, "outcome", outcome).timer().count();
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    /** {@code admin}, counting its health() calls. */
    private static StoreAdmin countingHealthReads(StoreAdmin admin, AtomicInteger reads) {
        return (StoreAdmin) Proxy.newProxyInstance(StoreAdmin.class.getClassLoader(), new Class<?>[] {StoreAdmin.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("health")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(admin, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

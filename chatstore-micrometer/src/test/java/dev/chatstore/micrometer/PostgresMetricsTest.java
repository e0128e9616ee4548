package dev.chatstore.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** On PostgreSQL: backend postgresql, HikariCP's figures as pool gauges, no write-ahead log gauge. */
class PostgresMetricsTest {

    @Test
    void operationsAndHealthOnPostgres() {
        MeterRegistry registry = new SimpleMeterRegistry();
        ChatStoreMetrics metrics = new ChatStoreMetrics();
        metrics.bindTo(registry);
        try (PostgresChatStore store = PostgresChatStore.builder(TestPostgres.dataSource())
                .schema(TestPostgres.freshSchema()).listener(metrics).build()) {
            UserChats chats = store.forUser("alice");
            Conversation c = chats.conversations().create(NewConversation.titled("Lisbon"));
            chats.messages().append(c.id(), NewMessage.user("Where should we eat?"));

            assertThat(registry.get("chatstore.operation").tags("backend", "postgresql", "operation", "messages.append",
                    "outcome", "success").timer().count()).isEqualTo(1);
            assertThat(registry.get("chatstore.reachable").gauge().value()).isEqualTo(1);
            assertThat(registry.get("chatstore.pool.max").gauge().value()).as("TestPostgres's HikariCP pool").isEqualTo(16);
            assertThat(registry.find("chatstore.wal.size").gauges()).isEmpty();
        }
    }
}

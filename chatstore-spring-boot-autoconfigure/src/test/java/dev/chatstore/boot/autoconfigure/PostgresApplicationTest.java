package dev.chatstore.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatStore;
import dev.chatstore.NewConversation;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application whose only configuration is {@code spring.datasource.*}: Spring Boot's own DataSource
 * auto-configuration makes the pool (its class moved between Boot 3 and Boot 4), and the ChatStore bean is
 * on it, in schema {@code chatstore.postgres.schema}. When it fails and {@link PostgresAutoConfigurationTest}
 * passes, look at the {@code afterName} of {@link ChatstoreAutoConfiguration}.
 */
@SpringBootTest(classes = PostgresApplicationTest.App.class)
class PostgresApplicationTest {
    private static final String SCHEMA = TestPostgres.freshSchema();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = System.getenv("CHATSTORE_PG_URL");
        if (url != null && !url.isBlank()) {
            registry.add("spring.datasource.url", () -> url);
        } else {
            registry.add("spring.datasource.url", () -> TestPostgres.embedded().getJdbcUrl("postgres", "postgres"));
        }
        registry.add("chatstore.postgres.schema", () -> SCHEMA);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Autowired
    ChatStore store;

    @Autowired
    DataSource dataSource;

    @Test
    void theApplicationsDataSourceHoldsTheStore() {
        assertThat(store).isInstanceOf(PostgresChatStore.class);
        assertThat(((PostgresChatStore) store).schema()).isEqualTo(SCHEMA);
        assertThat(store.admin().info().backend()).containsIgnoringCase("postgres");
        var c = store.forUser("u").conversations().create(NewConversation.titled("t"));
        assertThat(store.forUser("u").conversations().get(c.id())).isPresent();
    }
}

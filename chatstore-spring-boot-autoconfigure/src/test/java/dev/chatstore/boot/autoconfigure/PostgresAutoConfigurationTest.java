package dev.chatstore.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.NewConversation;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.postgres.PostgresChatStore;
import dev.chatstore.postgres.TestPostgres;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.springai.ChatstoreChatMemoryRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The ChatStore bean on the application's PostgreSQL DataSource (a real server: embedded, or
 * {@code CHATSTORE_PG_URL}), and the backend rule when a DataSource is there. When one fails, look at
 * {@link ChatStores#choose} and its DataSource checks.
 */
class PostgresAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatstoreAutoConfiguration.class))
            // The shared test pool, behind a wrapper the context does not close.
            .withBean(DataSource.class, () -> new DelegatingDataSource(TestPostgres.dataSource()));

    @TempDir
    Path dir;

    @Test
    void aPostgresDataSourceGivesAPostgresStoreInTheConfiguredSchema() throws Exception {
        String schema = TestPostgres.freshSchema();
        AtomicReference<ChatStore> seen = new AtomicReference<>();
        runner.withPropertyValues("chatstore.postgres.schema=" + schema).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ChatStore.class);
            ChatStore store = context.getBean(ChatStore.class);
            assertThat(store).isInstanceOf(PostgresChatStore.class);
            assertThat(((PostgresChatStore) store).schema()).isEqualTo(schema);
            Conversation c = store.forUser("alice").conversations().create(NewConversation.titled("on postgres"));
            assertThat(store.forUser("alice").conversations().get(c.id())).isPresent();
            seen.set(store);
        });
        assertThatThrownBy(() -> seen.get().forUser("alice").conversations().list(dev.chatstore.PageRequest.first()))
                .as("closing the context closes the store").isInstanceOf(StoreUnavailableException.class);
        try (Connection c = TestPostgres.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from " + schema + ".conversation where user_id = 'alice'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the conversation is in the configured schema").isEqualTo(1);
        }
    }

    @Test
    void theBackendPropertyChoosesPostgres() {
        runner.withPropertyValues("chatstore.backend=postgres", "chatstore.postgres.schema=" + TestPostgres.freshSchema())
                .run(context -> assertThat(context.getBean(ChatStore.class)).isInstanceOf(PostgresChatStore.class));
    }

    @Test
    void aSqlitePathWinsOverTheApplicationsDataSource() {
        runner.withPropertyValues("chatstore.sqlite.path=" + dir.resolve("chat.db"))
                .run(context -> assertThat(context.getBean(ChatStore.class)).isInstanceOf(SqliteChatStore.class));
    }

    @Test
    void aBadSchemaFailsTheStartWithTheStoresMessage() {
        runner.withPropertyValues("chatstore.postgres.schema=Bad-Schema").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("schema").hasMessageContaining("Bad-Schema"));
    }

    @Test
    void springAiMemoryOnPostgres() {
        runner.withConfiguration(AutoConfigurations.of(ChatMemoryAutoConfiguration.class,
                        ChatstoreSpringAiAutoConfiguration.class))
                .withPropertyValues("chatstore.postgres.schema=" + TestPostgres.freshSchema())
                .run(context -> {
                    assertThat(context.getBean(ChatMemory.class)).isNotNull();
                    assertThat(context).hasSingleBean(ChatstoreChatMemoryRepository.class);
                    context.getBean(ChatMemory.class).add("pg", UserMessage.builder().text("hello").build());
                    assertThat(context.getBean(ChatStore.class).forUser("default").conversations()
                            .findByExternalKey("pg")).get().extracting(Conversation::messageCount).isEqualTo(1L);
                });
    }

    @Test
    void postgresWithoutADataSourceFailsTheStart() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ChatstoreAutoConfiguration.class))
                .withPropertyValues("chatstore.backend=postgres")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("chatstore.backend")
                        .hasMessageContaining("there is none to use"));
    }

    @Test
    void aDataSourceThatIsNotPostgresFailsTheStartNamingItsDatabase() {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite::memory:");
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ChatstoreAutoConfiguration.class))
                .withBean(DataSource.class, () -> sqlite)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("is a SQLite database")
                        .hasMessageContaining("chatstore.sqlite.path"));
    }

    @Test
    void twoDataSourcesWithoutAPrimaryFailTheStart() {
        runner.withBean("second", DataSource.class, () -> new DelegatingDataSource(TestPostgres.dataSource()))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("2 DataSource beans and none is @Primary"));
    }
}

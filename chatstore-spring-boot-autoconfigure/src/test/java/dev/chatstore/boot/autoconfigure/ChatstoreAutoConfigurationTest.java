package dev.chatstore.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.EncryptionKeys;
import dev.chatstore.EncryptionKeyException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The ChatStore bean on SQLite from properties alone, its options, its lifecycle, and the startup failures for
 * configurations that choose no usable backend. When one fails, look at {@link ChatStores} (the backend rule) and
 * {@link ChatstoreAutoConfiguration}.
 */
class ChatstoreAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChatstoreAutoConfiguration.class));

    @TempDir
    Path dir;

    @Test
    void sqlitePathGivesAStoreOnThatFileClosedWithTheContext() {
        Path file = dir.resolve("nested/dirs/chat.db");
        AtomicReference<ChatStore> seen = new AtomicReference<>();
        AtomicReference<String> conversationId = new AtomicReference<>();
        runner.withPropertyValues("chatstore.sqlite.path=" + file).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ChatStore.class);
            ChatStore store = context.getBean(ChatStore.class);
            assertThat(store).isInstanceOf(SqliteChatStore.class);
            assertThat(store.admin().info().location()).isEqualTo(file.toAbsolutePath().toString());
            Conversation c = store.forUser("alice").conversations().create(NewConversation.titled("Lisbon"));
            store.forUser("alice").messages().append(c.id(), NewMessage.user("Where to eat?"));
            seen.set(store);
            conversationId.set(c.id());
        });
        assertThat(Files.exists(file)).as("the file and its missing parent directories are created").isTrue();
        assertThatThrownBy(() -> seen.get().forUser("alice").conversations().get(conversationId.get()))
                .as("closing the context closes the store")
                .isInstanceOf(StoreUnavailableException.class);
        try (SqliteChatStore reopened = SqliteChatStore.open(file)) {
            assertThat(reopened.forUser("alice").conversations().get(conversationId.get()))
                    .as("what the bean wrote is in the file").get()
                    .extracting(Conversation::messageCount).isEqualTo(1L);
        }
    }

    @Test
    void inMemoryStoreVanishesWithTheContext() {
        AtomicReference<ChatStore> seen = new AtomicReference<>();
        runner.withPropertyValues("chatstore.sqlite.in-memory=true").run(context -> {
            ChatStore store = context.getBean(ChatStore.class);
            assertThat(store.admin().info().location()).isEqualTo("in-memory");
            store.forUser("bob").conversations().create(NewConversation.titled("t"));
            seen.set(store);
        });
        assertThatThrownBy(() -> seen.get().forUser("bob").conversations().list(dev.chatstore.PageRequest.first()))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void storeOptionsComeFromTheProperties() {
        runner.withPropertyValues("chatstore.sqlite.path=" + dir.resolve("opts.db"),
                        "chatstore.max-inline-attachment-size=10B", "chatstore.migrate-on-open=false",
                        "chatstore.sqlite.synchronous=full", "chatstore.sqlite.readers=2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ChatStore store = context.getBean(ChatStore.class);
                    assertThat(store.admin().schemaVersion()).as("migrate-on-open=false leaves the file unmigrated")
                            .isZero();
                    store.admin().migrate();
                    var attachments = store.forUser("u").attachments();
                    assertThat(attachments.create(NewAttachment.inline("a.txt", "text/plain", new byte[10])).sizeBytes())
                            .isEqualTo(10);
                    assertThatThrownBy(() -> attachments.create(NewAttachment.inline("b.txt", "text/plain", new byte[11])))
                            .as("max-inline-attachment-size=10B refuses 11 bytes")
                            .isInstanceOf(InvalidInputException.class);
                });
    }

    @Test
    void anOptionTheStoreRefusesFailsTheStartWithTheStoresMessage() {
        runner.withPropertyValues("chatstore.sqlite.in-memory=true", "chatstore.sqlite.readers=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("readers"));
    }

    @Test
    void customizersAndEncryptionKeysBeansAreApplied() {
        Instant fixed = Instant.parse("2030-01-02T03:04:05Z");
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        runner.withPropertyValues("chatstore.sqlite.in-memory=true")
                .withBean(EncryptionKeys.class, () -> EncryptionKeys.of(key))
                .withBean(ChatStoreBuilderCustomizer.class, () -> b -> b.clock(Clock.fixed(fixed, ZoneOffset.UTC)))
                .run(context -> {
                    ChatStore store = context.getBean(ChatStore.class);
                    assertThat(store.forUser("u").conversations().create(NewConversation.titled("t")).createdAt())
                            .isEqualTo(fixed);
                    store.forUser("u").providers().put(ProviderConfigSpec.of("openai").withApiKey("sk-secret"));
                    assertThat(store.forUser("u").providers().apiKey("openai")).contains("sk-secret");
                });
        runner.withPropertyValues("chatstore.sqlite.in-memory=true").run(context -> assertThatThrownBy(() ->
                context.getBean(ChatStore.class).forUser("u").providers()
                        .put(ProviderConfigSpec.of("openai").withApiKey("sk-secret")))
                .as("without an EncryptionKeys bean the store has no keys")
                .isInstanceOf(EncryptionKeyException.class));
    }

    @Test
    void anApplicationChatStoreWins() {
        SqliteChatStore own = SqliteChatStore.inMemory();
        runner.withPropertyValues("chatstore.sqlite.path=" + dir.resolve("unused.db"))
                .withBean("myStore", ChatStore.class, () -> own)
                .run(context -> {
                    assertThat(context).hasSingleBean(ChatStore.class);
                    assertThat(context.getBean(ChatStore.class)).isSameAs(own);
                    assertThat(context).doesNotHaveBean("chatStore");
                });
        assertThat(Files.exists(dir.resolve("unused.db"))).as("the properties open nothing").isFalse();
    }

    @Test
    void nothingConfiguredFailsTheStartNamingTheProperties() {
        runner.run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("chatstore.backend")
                .hasMessageContaining("No backend is configured")
                .hasMessageContaining("chatstore.sqlite.path")
                .hasMessageContaining("chatstore.sqlite.in-memory")
                .hasMessageContaining("spring.datasource.url"));
    }

    @Test
    void sqliteBackendWithoutAFileFailsTheStart() {
        runner.withPropertyValues("chatstore.backend=sqlite").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("chatstore.sqlite.path")
                .hasMessageContaining("chatstore.backend=sqlite needs chatstore.sqlite.path"));
    }

    @Test
    void aFileAndInMemoryTogetherFailTheStart() {
        runner.withPropertyValues("chatstore.sqlite.path=" + dir.resolve("x.db"), "chatstore.sqlite.in-memory=true")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("set one"));
    }

    @Test
    void anUnknownBackendFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("chatstore.backend=mongodb", "chatstore.sqlite.in-memory=true")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("chatstore.backend")
                        .hasStackTraceContaining("mongodb"));
    }

    @Test
    void sqliteWithoutChatstoreSqliteOnTheClassPathFailsTheStartNamingTheModule() {
        runner.withClassLoader(new FilteredClassLoader("dev.chatstore.sqlite."))
                .withPropertyValues("chatstore.sqlite.in-memory=true")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("dev.chatstore:chatstore-sqlite"));
    }
}

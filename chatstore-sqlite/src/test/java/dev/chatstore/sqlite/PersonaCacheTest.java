package dev.chatstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.NewConversation;
import dev.chatstore.Persona;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.PersonaUnavailableException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persona cache is bounded, never keeps a persona a racing write replaced, and never lets a
 * conversation start with a persona that was discontinued. When one fails, look at JdbcPersonas.
 */
class PersonaCacheTest {
    @TempDir
    Path dir;

    @Test
    void lookupsOfManyUnknownNamesKeepTheCacheBounded() throws ReflectiveOperationException {
        try (SqliteChatStore store = SqliteChatStore.inMemoryBuilder().personaCacheTtl(Duration.ofHours(1)).build()) {
            for (int i = 0; i < 30_000; i++) {
                assertThat(store.personas().get("unknown-" + i)).isEmpty();
            }
            // The engine's internals are not exported; tests run on the class path and may ask by reflection.
            // store.personas() is the engine's timing proxy; the repository is its handler's target.
            InvocationHandler handler = Proxy.getInvocationHandler(store.personas());
            Method target = handler.getClass().getDeclaredMethod("target");
            target.setAccessible(true);
            Object personas = target.invoke(handler);
            long cached = (long) personas.getClass().getMethod("cachedNames").invoke(personas);
            int bound = personas.getClass().getDeclaredField("CACHE_MAX_ENTRIES").getInt(null);
            assertThat(bound).isEqualTo(10_000);
            assertThat(cached).as("names cached after 30,000 lookups").isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void aReadRacingADiscontinueNeverCachesTheActivePersonaAgain() throws Exception {
        try (SqliteChatStore store = SqliteChatStore.builder(dir.resolve("race.db"))
                .personaCacheTtl(Duration.ofHours(1)).build()) {
            for (int trial = 0; trial < 40; trial++) {
                String name = "guide-" + trial;
                store.personas().upsert(PersonaSpec.of(name, "Guide", "You guide."));
                AtomicBoolean done = new AtomicBoolean();
                CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                    while (!done.get()) {
                        store.personas().get(name);
                    }
                });
                store.personas().setStatus(name, PersonaStatus.DISCONTINUED);
                done.set(true);
                reader.get(30, TimeUnit.SECONDS);
                assertThat(store.personas().get(name)).as("trial %d", trial)
                        .map(Persona::status).contains(PersonaStatus.DISCONTINUED);
            }
        }
    }

    @Test
    void aConversationCannotStartWithAPersonaAnotherStoreDiscontinued() {
        Path file = dir.resolve("two-stores.db");
        try (SqliteChatStore a = SqliteChatStore.builder(file).personaCacheTtl(Duration.ofHours(1)).build();
             SqliteChatStore b = SqliteChatStore.builder(file).build()) {
            a.personas().upsert(PersonaSpec.of("guide", "Guide", "You guide."));
            assertThat(a.personas().get("guide")).as("cached as active in a")
                    .map(Persona::status).contains(PersonaStatus.ACTIVE);
            b.personas().setStatus("guide", PersonaStatus.DISCONTINUED);

            assertThatThrownBy(() -> a.forUser("alice").conversations()
                    .getOrCreateForPersona(NewConversation.withPersona("guide")))
                    .isInstanceOf(PersonaUnavailableException.class);
            assertThat(a.forUser("alice").conversations().list(dev.chatstore.PageRequest.first()).items()).isEmpty();
        }
    }
}

package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Appended;
import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.Media;
import dev.chatstore.MemoryFact;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Persona;
import dev.chatstore.PersonaSpec;
import dev.chatstore.ProfileSpec;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.TokenUsage;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input, for every public operation (DESIGN principle 6): nulls, blanks, ids of the wrong
 * shape, strings past their limits, NaN, infinite and out-of-range numbers, values JSON cannot
 * hold, NUL characters and lone surrogates, oversized inline files, bad page sizes, garbled, forged
 * and foreign cursors. Each is a clear, typed error and changes nothing. SQL in disguise, on the
 * other hand, is valid input and is stored verbatim.
 */
public interface HostileInputRules extends StoreFixture {

    /**
     * The hostile input catalogue, one dynamic test per hostile input, grouped by operation: each must throw the
     * expected typed exception — for bad input an InvalidInputException whose argument() names the parameter,
     * whose message starts with it and which has no cause (it was rejected before the database was asked) — and a
     * snapshot of the user it acts as and of the store-wide state must be unchanged afterwards. A failing test's
     * name says the operation and the input: look at that operation's argument checks (chatstore-api's Check and
     * the value types' constructors, then the first lines of the store's method), and for a changed snapshot at
     * what the operation wrote before it checked.
     */
    @TestFactory
    default Stream<DynamicNode> hostileInputIsRejectedAndChangesNothing() {
        return HostileInputCatalogue.seed(store(), clock(), settings()).tests();
    }

    /**
     * SQL-injection strings in every text field (user id, titles, content, keys, names, metadata, settings,
     * provider fields, cached searches, personas) are stored verbatim and read back equal, each user still sees
     * only their own data, and no table lost or gained rows: look for SQL built from input instead of bound
     * parameters, and for LIKE patterns made from input.
     */
    @Test
    default void sqlInjectionStringsAreStoredVerbatim() {
        List<String> users = List.of(ALICE, BOB, "carol");
        users.forEach(user -> seed(store().forUser(user)));
        StoreSnapshot before = StoreSnapshot.of(store(), users, List.of(SeededUser.QUERY));
        long conversationsBefore = store().admin().statistics().conversations();
        long messagesBefore = store().admin().statistics().messages();
        for (String evil : SqlInjections.STRINGS) {
            String what = "injection " + HostileInput.describe(evil);
            UserChats m = store().forUser(evil);
            assertThat(m.userId()).as(what + ": user id").isEqualTo(evil);
            Conversation c = m.conversations().create(new NewConversation(evil, evil,
                    Map.of(evil, evil, "nested", Map.of(evil, List.of(evil))), evil, evil, evil, false));
            NewMessage message = NewMessage.user(evil).clientMessageId(evil).metadata(Map.of(evil, evil))
                    .usage(TokenUsage.of(evil, 1, 2)).media(Media.refs(evil));
            Appended appended = m.messages().append(c.id(), message);
            MemoryFact fact = m.facts().add(NewFact.of(FactCategory.FACT, evil, 0.5).learnedFrom(c.id(), appended.message().id()));
            Attachment file = m.attachments().create(NewAttachment.stored(evil, evil, 1, null, evil));
            m.attachments().markProcessing(file.id());
            m.attachments().markError(file.id(), evil);
            m.settings().put(evil, evil);
            m.providers().put(ProviderConfigSpec.of(evil).withApiKey(evil).withBaseUrl(evil).withModelPreferences(Map.of(evil, evil)));
            m.searchCache().put(evil, List.of(evil), Duration.ofHours(1));
            m.profile().upsert(new ProfileSpec("x" + evil.replace(" ", "").replace("@", "") + "@example.com", evil, true));
            m.profile().mergePreferences(Map.of(evil, evil));
            store().personas().upsert(PersonaSpec.of(evil, evil, evil).withCategory(evil).withGreeting(evil));
            store().settings().put(evil, evil);

            Conversation read = reload(m, c.id());
            assertThat(List.of(read.title(), read.personaName(), read.provider(), read.model(), read.systemPrompt(),
                    read.lastMessagePreview())).as(what + ": conversation fields").containsOnly(evil);
            assertThat(read.metadata()).as(what + ": metadata").isEqualTo(c.metadata());
            assertThat(m.messages().get(appended.message().id())).as(what + ": message").contains(appended.message());
            assertThat(m.messages().byClientMessageId(c.id(), evil)).as(what + ": by client message id").contains(appended.message());
            assertThat(m.messages().append(c.id(), message).replayed()).as(what + ": replay").isTrue();
            assertThat(m.facts().get(fact.id())).as(what + ": fact").contains(fact);
            Attachment storedFile = m.attachments().get(file.id()).orElseThrow();
            assertThat(List.of(storedFile.name(), storedFile.mimeType(), storedFile.storageUri(), storedFile.errorText()))
                    .as(what + ": attachment fields").containsOnly(evil);
            assertThat(m.settings().get(evil)).as(what + ": setting").contains(evil);
            assertThat(m.settings().all()).as(what + ": only that setting").isEqualTo(Map.of(evil, evil));
            assertThat(m.providers().apiKey(evil)).as(what + ": API key").contains(evil);
            assertThat(m.providers().get(evil).orElseThrow().baseUrl()).as(what + ": base URL").isEqualTo(evil);
            assertThat(m.searchCache().get(evil)).as(what + ": cached search").contains(List.of(evil));
            assertThat(m.profile().get().orElseThrow().displayName()).as(what + ": display name").isEqualTo(evil);
            assertThat(m.profile().get().orElseThrow().preferences()).as(what + ": preferences").isEqualTo(Map.of(evil, evil));
            Persona persona = store().personas().get(evil).orElseThrow();
            assertThat(List.of(persona.name(), persona.displayName(), persona.systemInstructions(), persona.category(),
                    persona.greeting())).as(what + ": persona fields").containsOnly(evil);
            assertThat(store().personas().list(null, evil)).as(what + ": personas of that category").extracting(Persona::name)
                    .containsExactly(evil);
            assertThat(store().settings().get(evil)).as(what + ": store setting").contains(evil);
            assertThat(m.conversations().list(PageRequest.first()).items()).as(what + ": one conversation").hasSize(1);
            assertThat(m.messages().newestFirst(c.id(), PageRequest.first()).items()).as(what + ": one message").hasSize(1);
        }
        for (String evil : SqlInjections.STRINGS) {
            assertThat(store().forUser(evil).conversations().list(PageRequest.first()).items())
                    .as("user %s still sees only their own conversation", HostileInput.describe(evil)).hasSize(1);
        }
        int stored = SqlInjections.STRINGS.size();
        assertThat(store().admin().statistics().conversations()).as("no table lost or gained rows: conversations")
                .isEqualTo(conversationsBefore + stored);
        assertThat(store().admin().statistics().messages()).as("no table lost or gained rows: messages")
                .isEqualTo(messagesBefore + stored);
        assertThat(StoreSnapshot.of(store(), users, List.of(SeededUser.QUERY)).users()).as("the seeded users are untouched")
                .isEqualTo(before.users());
        seed(store().forUser("after-injections"));
        assertThat(store().forUser("after-injections").conversations().list(PageRequest.first()).items())
                .as("a normal write still works on every table").hasSize(2);
    }
}

package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.PageRequest;
import dev.chatstore.Persona;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.PersonaUnavailableException;
import dev.chatstore.Role;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Personas: global AI characters, created and updated in place by unique name, listed by status and
 * category; only an active persona starts new conversations, and a new conversation can open with
 * the persona's greeting. A store may serve personas from memory, but its own writes are seen at
 * once everywhere personas are read, and callers cannot change what it holds.
 */
public interface PersonaRules extends StoreFixture {

    /** Look at how upsert fills a new persona: every field as given, lists in order, an id, times from the clock. */
    @Test
    default void upsertCreatesThePersonaWithEveryFieldAndClockTimes() {
        PersonaSpec spec = Samples.persona("tutor", PersonaStatus.ACTIVE);
        Persona created = store().personas().upsert(spec);
        assertThat(created.id()).as("id is a lowercase UUID").matches(Samples.ID_PATTERN);
        assertThat(created).as("every field as given").extracting(Persona::name, Persona::displayName, Persona::avatarUrl,
                Persona::description, Persona::category, Persona::systemInstructions, Persona::personalityTraits,
                Persona::suggestedOpeners, Persona::greeting, Persona::status)
                .containsExactly(spec.name(), spec.displayName(), spec.avatarUrl(), spec.description(), spec.category(),
                        spec.systemInstructions(), spec.personalityTraits(), spec.suggestedOpeners(), spec.greeting(),
                        PersonaStatus.ACTIVE);
        assertThat(created.createdAt()).as("createdAt from the clock").isEqualTo(clock().now());
        assertThat(created.updatedAt()).as("updatedAt from the clock").isEqualTo(clock().now());
        assertThat(store().personas().get("tutor")).as("get returns what upsert returned").contains(created);
    }

    /** A persona with only the required fields has null optional texts and empty (never null) lists. */
    @Test
    default void minimalPersonaHasNullOptionalFieldsAndEmptyLists() {
        Persona p = store().personas().upsert(PersonaSpec.of("plain", "Plain", "Be plain."));
        Persona read = store().personas().get("plain").orElseThrow();
        assertThat(read).as("read back as returned").isEqualTo(p);
        assertThat(read).extracting(Persona::avatarUrl, Persona::description, Persona::category, Persona::greeting)
                .as("optional texts are null").containsOnlyNulls();
        assertThat(read.personalityTraits()).as("traits are empty, not null").isNotNull().isEmpty();
        assertThat(read.suggestedOpeners()).as("openers are empty, not null").isNotNull().isEmpty();
        assertThat(read.status()).as("active by default").isEqualTo(PersonaStatus.ACTIVE);
    }

    /**
     * A second upsert with the same name updates the row in place: same id and createdAt, new fields, lists replaced,
     * updatedAt from the clock. Look for a delete-and-insert (INSERT OR REPLACE) instead of an UPDATE.
     */
    @Test
    default void upsertWithAnExistingNameUpdatesInPlace() {
        Persona first = store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        Instant later = clock().advance(Duration.ofMinutes(3));
        PersonaSpec changed = PersonaSpec.of("tutor", "Tutor 2", "New instructions")
                .withDescription("Changed").withCategory("science").withPersonalityTraits(List.of("strict"))
                .withSuggestedOpeners(List.of("Ask me", "Or me")).withGreeting("Hi again");
        Persona second = store().personas().upsert(changed);
        assertThat(second.id()).as("the id is kept").isEqualTo(first.id());
        assertThat(second.createdAt()).as("createdAt is kept").isEqualTo(first.createdAt());
        assertThat(second.updatedAt()).as("updatedAt is the clock at the update").isEqualTo(later);
        assertThat(second).extracting(Persona::displayName, Persona::description, Persona::category,
                Persona::systemInstructions, Persona::personalityTraits, Persona::suggestedOpeners, Persona::greeting)
                .as("the new fields, lists replaced rather than appended")
                .containsExactly("Tutor 2", "Changed", "science", "New instructions", List.of("strict"),
                        List.of("Ask me", "Or me"), "Hi again");
        assertThat(store().personas().get("tutor")).as("get returns the updated persona").contains(second);
        assertThat(store().personas().list(null, null)).as("still one persona").hasSize(1);
    }

    /**
     * Updating a persona keeps every conversation that refers to it, with its messages: look for INSERT OR REPLACE
     * (a delete that cascades) in the persona upsert.
     */
    @Test
    default void upsertKeepsTheConversationsThatReferToThePersona() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        UserChats alice = alice();
        Conversation c = alice.conversations().create(NewConversation.withPersona("tutor").withTitle("Lessons"));
        say(alice, c.id(), "hello");
        Conversation before = reload(alice, c.id());
        for (int i = 0; i < 3; i++) {
            clock().tick();
            store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE).withDescription("v" + i));
        }
        assertThat(alice.conversations().get(c.id())).as("the conversation survives the updates").contains(before);
        assertThat(alice.messages().latest(c.id(), 10).items()).as("its messages survive").hasSize(1);
        assertThat(alice.conversations().getOrCreateForPersona(NewConversation.withPersona("tutor")).id())
                .as("getOrCreateForPersona still finds it").isEqualTo(c.id());
    }

    /** list filters by status and by category, and orders by name: look at the WHERE clause and ORDER BY. */
    @Test
    default void listFiltersByStatusAndCategoryAndOrdersByName() {
        store().personas().upsert(Samples.persona("zeta", PersonaStatus.ACTIVE).withCategory("games"));
        store().personas().upsert(Samples.persona("alpha", PersonaStatus.ACTIVE));
        store().personas().upsert(Samples.persona("mu", PersonaStatus.COMING_SOON));
        store().personas().upsert(Samples.persona("beta", PersonaStatus.DISCONTINUED).withCategory("games"));
        store().personas().upsert(PersonaSpec.of("gamma", "Gamma", "No category"));
        assertThat(names(store().personas().list(null, null))).as("all personas by name")
                .containsExactly("alpha", "beta", "gamma", "mu", "zeta");
        assertThat(names(store().personas().list(PersonaStatus.ACTIVE, null))).as("active ones")
                .containsExactly("alpha", "gamma", "zeta");
        assertThat(names(store().personas().list(PersonaStatus.COMING_SOON, null))).as("coming soon").containsExactly("mu");
        assertThat(names(store().personas().list(null, "games"))).as("category games").containsExactly("beta", "zeta");
        assertThat(names(store().personas().list(PersonaStatus.ACTIVE, "games"))).as("active games").containsExactly("zeta");
        assertThat(store().personas().list(PersonaStatus.DISCONTINUED, "tutoring")).as("no discontinued tutors").isEmpty();
        assertThat(store().personas().list(null, "Games")).as("categories compare exactly").isEmpty();
    }

    /**
     * Names are compared exactly and an unknown name reads empty: look at the name column's collation and the
     * lookup.
     */
    @Test
    default void getComparesNamesExactlyAndIsEmptyForUnknownNames() {
        store().personas().upsert(PersonaSpec.of("tutor", "Tutor", "x"));
        assertThat(store().personas().get("Tutor")).as("upper-case name is another persona").isEmpty();
        assertThat(store().personas().get("tutor ")).as("a trailing space is another persona").isEmpty();
        assertThat(store().personas().get("nobody")).as("unknown name").isEmpty();
        store().personas().upsert(PersonaSpec.of("Tutor", "Other tutor", "y"));
        assertThat(names(store().personas().list(null, null))).as("two personas differing in case")
                .containsExactly("Tutor", "tutor");
    }

    /** setStatus changes only the status and stamps updatedAt; an unknown name is NotFoundException. */
    @Test
    default void setStatusChangesTheStatusAndIsNotFoundForUnknownNames() {
        Persona p = store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        Instant later = clock().advance(Duration.ofSeconds(30));
        Persona changed = store().personas().setStatus("tutor", PersonaStatus.COMING_SOON);
        assertThat(changed.status()).as("the new status").isEqualTo(PersonaStatus.COMING_SOON);
        assertThat(changed.updatedAt()).as("updatedAt from the clock").isEqualTo(later);
        assertThat(changed).as("nothing else changes").usingRecursiveComparison().ignoringFields("status", "updatedAt")
                .isEqualTo(p);
        assertThat(store().personas().get("tutor")).as("get sees the new status").contains(changed);
        expectNotFound("setStatus of an unknown persona", () -> store().personas().setStatus("nobody", PersonaStatus.ACTIVE));
        assertThat(store().personas().get("nobody")).as("setStatus creates nothing").isEmpty();
    }

    /**
     * A discontinued persona refuses new conversations (create and getOrCreateForPersona) with
     * PersonaUnavailableException, while existing ones stay fully usable: look at the status check of the create path.
     */
    @Test
    default void discontinuedPersonaRefusesNewConversationsButKeepsExistingOnesUsable() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        Conversation existing = alice().conversations().create(NewConversation.withPersona("tutor"));
        say(alice(), existing.id(), "before");
        store().personas().setStatus("tutor", PersonaStatus.DISCONTINUED);

        assertThat(catchThrowable(() -> bob().conversations().create(NewConversation.withPersona("tutor"))))
                .as("create with a discontinued persona").isInstanceOf(PersonaUnavailableException.class);
        assertThat(catchThrowable(() -> bob().conversations().getOrCreateForPersona(NewConversation.withPersona("tutor"))))
                .as("getOrCreateForPersona creating with a discontinued persona").isInstanceOf(PersonaUnavailableException.class);
        assertThat(bob().conversations().list(PageRequest.first()).items()).as("nothing was created for bob").isEmpty();

        assertThat(alice().conversations().getOrCreateForPersona(NewConversation.withPersona("tutor")).id())
                .as("getOrCreateForPersona still returns the existing conversation").isEqualTo(existing.id());
        say(alice(), existing.id(), "after");
        alice().conversations().rename(existing.id(), "Still here");
        assertThat(Samples.contents(alice().messages().oldestFirst(existing.id(), PageRequest.first()).items()))
                .as("the existing conversation is readable and writable").containsExactly("before", "after");
    }

    /**
     * A coming-soon persona refuses new conversations until it becomes active: look at the status check and at
     * which status values it accepts.
     */
    @Test
    default void comingSoonPersonaRefusesNewConversationsUntilActive() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.COMING_SOON));
        assertThat(catchThrowable(() -> alice().conversations().create(NewConversation.withPersona("tutor"))))
                .as("create with a coming-soon persona").isInstanceOf(PersonaUnavailableException.class);
        assertThat(alice().conversations().list(PageRequest.first()).items()).as("nothing was created").isEmpty();
        store().personas().setStatus("tutor", PersonaStatus.ACTIVE);
        Conversation c = alice().conversations().create(NewConversation.withPersona("tutor"));
        assertThat(c.personaName()).as("once active, the persona starts conversations").isEqualTo("tutor");
    }

    /**
     * A persona name the store has no persona for is an opaque key: conversations start with it, with no greeting
     * and no display name. Look at the persona lookup of create (it must not require a row).
     */
    @Test
    default void anUnknownPersonaNameIsKeptAsAnOpaqueKey() {
        Conversation c = alice().conversations().create(NewConversation.withPersona("not-a-persona").withGreeting());
        assertThat(c.personaName()).as("the name is kept").isEqualTo("not-a-persona");
        assertThat(c.messageCount()).as("no greeting without a persona").isZero();
        assertThat(alice().conversations().sidebar(PageRequest.first()).items().get(0).personaDisplayName())
                .as("no display name for an unknown persona").isNull();
    }

    /**
     * withGreeting on create starts the conversation with the persona's greeting: seq 1, assistant, the greeting's
     * text, and the conversation's counters, preview and tip follow. Look at the create transaction.
     */
    @Test
    default void createWithGreetingStartsWithThePersonasGreeting() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        Conversation c = alice().conversations().create(NewConversation.withPersona("tutor").withGreeting());
        List<Message> messages = alice().messages().oldestFirst(c.id(), PageRequest.first()).items();
        assertThat(messages).as("exactly one message: the greeting").hasSize(1);
        Message greeting = messages.get(0);
        assertThat(greeting).extracting(Message::seq, Message::role, Message::content, Message::parentId)
                .as("seq 1, assistant, the greeting, no parent").containsExactly(1L, Role.ASSISTANT, "Hello, I am tutor!", null);
        assertThat(greeting.createdAt()).as("created at the clock").isEqualTo(clock().now());
        assertThat(c.messageCount()).as("the returned conversation counts the greeting").isEqualTo(1);
        Conversation read = reload(alice(), c.id());
        assertThat(read).as("the stored conversation equals the returned one").isEqualTo(c);
        assertThat(read).extracting(Conversation::messageCount, Conversation::lastMessageAt,
                Conversation::lastMessagePreview, Conversation::activeTipId, Conversation::unreadCount)
                .as("count, time, preview, tip and unread count follow the greeting")
                .containsExactly(1L, clock().now(), "Hello, I am tutor!", greeting.id(), 1L);
        assertThat(say(alice(), c.id(), "hi").parentId()).as("the next message continues from the greeting")
                .isEqualTo(greeting.id());
    }

    /**
     * No greeting without withGreeting, for a persona without one, or when getOrCreateForPersona gets an existing
     * conversation; getOrCreateForPersona that creates does greet. Look at when the greeting is inserted.
     */
    @Test
    default void greetingIsOnlyAddedWhenAskedForOnCreation() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        store().personas().upsert(PersonaSpec.of("mute", "Mute", "Say nothing first"));
        assertThat(alice().conversations().create(NewConversation.withPersona("tutor")).messageCount())
                .as("without withGreeting").isZero();
        assertThat(bob().conversations().create(NewConversation.withPersona("mute").withGreeting()).messageCount())
                .as("a persona without a greeting").isZero();
        Conversation got = alice().conversations().getOrCreateForPersona(NewConversation.withPersona("tutor").withGreeting());
        assertThat(got.messageCount()).as("getOrCreateForPersona of an existing conversation adds nothing").isZero();
        Conversation created = bob().conversations().getOrCreateForPersona(NewConversation.withPersona("tutor").withGreeting());
        assertThat(created.messageCount()).as("getOrCreateForPersona that creates greets").isEqualTo(1);
        Conversation again = bob().conversations().getOrCreateForPersona(NewConversation.withPersona("tutor").withGreeting());
        assertThat(again.id()).as("the same conversation again").isEqualTo(created.id());
        assertThat(reload(bob(), created.id()).messageCount()).as("greeted only once").isEqualTo(1);
    }

    /**
     * After an upsert, get and list show the new version at once, even when the old one was read (and cached) just
     * before: look at the cache invalidation in upsert.
     */
    @Test
    default void upsertIsVisibleToGetAndListAtOnce() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        assertThat(store().personas().get("tutor").orElseThrow().displayName()).as("first read").isEqualTo("Display tutor");
        assertThat(store().personas().list(null, null)).as("list read").hasSize(1);
        assertThat(store().personas().get("other")).as("a miss may be cached too").isEmpty();
        clock().advance(Duration.ofSeconds(1));
        store().personas().upsert(Samples.persona("tutor", "Renamed", PersonaStatus.ACTIVE));
        store().personas().upsert(PersonaSpec.of("other", "Other", "x"));
        assertThat(store().personas().get("tutor").orElseThrow().displayName()).as("get after the update").isEqualTo("Renamed");
        assertThat(store().personas().get("other")).as("get of a persona created after a cached miss").isPresent();
        assertThat(store().personas().list(null, null).stream().map(Persona::displayName).toList())
                .as("list after the updates").containsExactly("Other", "Renamed");
        assertThat(store().personas().list(PersonaStatus.ACTIVE, "tutoring").stream().map(Persona::displayName).toList())
                .as("a filtered list after the updates").containsExactly("Renamed");
    }

    /**
     * Status changes take effect at once for reads and for the status check of new conversations, both ways: look
     * at which cache the create path reads the status from, and whether setStatus invalidates it.
     */
    @Test
    default void statusChangesTakeEffectAtOnceForNewConversations() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        Conversation first = alice().conversations().create(NewConversation.withPersona("tutor"));
        assertThat(first.personaName()).as("active: allowed").isEqualTo("tutor");
        assertThat(store().personas().get("tutor").orElseThrow().status()).as("read while active").isEqualTo(PersonaStatus.ACTIVE);
        assertThat(store().personas().list(PersonaStatus.ACTIVE, null)).as("listed while active").hasSize(1);
        store().personas().setStatus("tutor", PersonaStatus.DISCONTINUED);
        assertThat(store().personas().get("tutor").orElseThrow().status()).as("get sees the new status")
                .isEqualTo(PersonaStatus.DISCONTINUED);
        assertThat(store().personas().list(PersonaStatus.ACTIVE, null)).as("no longer listed as active").isEmpty();
        assertThat(catchThrowable(() -> bob().conversations().create(NewConversation.withPersona("tutor"))))
                .as("discontinued at once").isInstanceOf(PersonaUnavailableException.class);
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        assertThat(bob().conversations().create(NewConversation.withPersona("tutor")).personaName())
                .as("re-activated by upsert at once").isEqualTo("tutor");
    }

    /**
     * The sidebar shows the persona's current display name at once after an update: look at where the sidebar gets
     * display names from.
     */
    @Test
    default void sidebarShowsTheCurrentDisplayNameAfterAnUpdate() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        alice().conversations().create(NewConversation.withPersona("tutor"));
        assertThat(alice().conversations().sidebar(PageRequest.first()).items().get(0).personaDisplayName())
                .as("the display name").isEqualTo("Display tutor");
        store().personas().upsert(Samples.persona("tutor", "Professor", PersonaStatus.ACTIVE));
        assertThat(alice().conversations().sidebar(PageRequest.first()).items().get(0).personaDisplayName())
                .as("the new display name at once").isEqualTo("Professor");
    }

    /**
     * A caller cannot change a cached persona through the lists it was given: look for mutable lists shared
     * between the cache and the returned records.
     */
    @Test
    default void callersCannotChangeTheCachedPersona() {
        store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        Persona read = store().personas().get("tutor").orElseThrow();
        List<Persona> listed = store().personas().list(null, null);
        catchThrowable(() -> read.personalityTraits().add("hacked"));
        catchThrowable(() -> read.suggestedOpeners().clear());
        catchThrowable(() -> listed.get(0).personalityTraits().clear());
        catchThrowable(() -> listed.clear());
        Persona again = store().personas().get("tutor").orElseThrow();
        assertThat(again.personalityTraits()).as("traits as stored")
                .containsExactlyElementsOf(Samples.persona("tutor", PersonaStatus.ACTIVE).personalityTraits());
        assertThat(again.suggestedOpeners()).as("openers as stored")
                .containsExactlyElementsOf(Samples.persona("tutor", PersonaStatus.ACTIVE).suggestedOpeners());
        assertThat(store().personas().list(null, null)).as("the list as stored").hasSize(1);
    }

    /**
     * A persona with every text field and list at its maximum, and a greeting of maximal content that opens a
     * conversation, round-trips: look at the persona columns' sizes and how the lists are stored.
     */
    @Test
    default void personaFieldsAtTheirMaximumLengthsRoundTrip() {
        List<String> traits = Collections.nCopies(Limits.PERSONA_LIST_MAX, Samples.wide(Limits.DISPLAY_NAME_MAX));
        PersonaSpec spec = new PersonaSpec(Samples.wide(Limits.PERSONA_NAME_MAX), Samples.wide(Limits.DISPLAY_NAME_MAX),
                "https://x/" + "k".repeat(Limits.URL_MAX - 10), Samples.wide(Limits.PERSONA_TEXT_MAX),
                Samples.wide(Limits.DISPLAY_NAME_MAX), Samples.wide(Limits.PERSONA_TEXT_MAX), traits, traits,
                Samples.wide(Limits.CONTENT_MAX), PersonaStatus.ACTIVE);
        Persona p = store().personas().upsert(spec);
        assertThat(store().personas().get(spec.name())).as("a persona with every field at its maximum").contains(p);
        assertThat(p).extracting(Persona::name, Persona::description, Persona::personalityTraits, Persona::greeting)
                .as("as given").containsExactly(spec.name(), spec.description(), traits, spec.greeting());
        Conversation greeted = alice().conversations().create(NewConversation.withPersona(spec.name()).withGreeting());
        assertThat(alice().messages().latest(greeted.id(), 1).items().get(0).content()).as("a maximal greeting")
                .isEqualTo(Samples.wide(Limits.CONTENT_MAX));
    }

    private static List<String> names(List<Persona> personas) {
        return personas.stream().map(Persona::name).toList();
    }
}

package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.ChatStore;
import dev.chatstore.FactCategory;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The hostile input catalogue over one store: seeds it, then runs every row of
 * {@link HostileInputCases} as a dynamic test. The store holds three users with one of everything
 * ({@link SeededUser}, each with a provider configuration and a second message in their other
 * conversation), an active and a discontinued persona, a store setting, and a fourth user whose
 * listings have second pages. The clock moves a second before each row, so any write would show in
 * an {@code updatedAt}. Each row is compared with the state the row before left, so a row that
 * changes the store fails alone; a last test compares every user with the state before the first
 * row. Not thread-safe; not API.
 */
final class HostileInputCatalogue {
    /** The persona every seeded user chats with. */
    static final String PERSONA = SeededUser.PERSONA;
    /** A discontinued persona: no new conversation can start with it. */
    static final String RETIRED = "retired";
    /** The provider every seeded user has configured with an API key. */
    static final String PROVIDER = "openai";
    private static final String STORE_SETTING = "maintenance.window";
    private static final List<String> USERS = List.of(StoreFixture.ALICE, StoreFixture.BOB, "carol");
    private static final String PAGER = "pager";
    /** Fewer rows than this means rows were lost. */
    private static final int AT_LEAST = 2000;

    private final ChatStore store;
    private final TestClock clock;
    private final List<HostileInput> rows;
    private final StoreSnapshot everyUser;
    /** Alice and the store-wide state as the previous row left them. */
    private StoreSnapshot lastSeen;

    private HostileInputCatalogue(ChatStore store, TestClock clock, List<HostileInput> rows) {
        this.store = store;
        this.clock = clock;
        this.rows = rows;
        this.lastSeen = snapshotOfAlice();
        this.everyUser = snapshotOfEveryUser();
    }

    /** Seeds {@code store} (empty, reading time from {@code clock}, opened with {@code settings}) and lists the rows. */
    static HostileInputCatalogue seed(ChatStore store, TestClock clock, StoreSettings settings) {
        store.personas().upsert(PersonaSpec.of(PERSONA, "Tutor", "You teach patiently.")
                .withGreeting("Hello! What shall we learn?").withCategory("teaching")
                .withSuggestedOpeners(List.of("Teach me monads")));
        store.personas().upsert(PersonaSpec.of(RETIRED, "Retired", "You are gone.").withStatus(PersonaStatus.DISCONTINUED));
        store.settings().put(STORE_SETTING, Map.of("day", "sunday", "hours", List.of(2, 3)));
        Map<String, SeededUser> seeded = new LinkedHashMap<>();
        for (String userId : USERS) {
            UserChats user = store.forUser(userId);
            SeededUser s = SeededUser.create(user, clock);
            user.providers().put(ProviderConfigSpec.of(PROVIDER).withApiKey("sk-" + userId + "-key")
                    .withBaseUrl("https://api.example.com").withModelPreferences(Map.of("default", "gpt-4o")));
            user.messages().append(s.otherConversation().id(), NewMessage.tool("call-1", "{\"temp\": 21}"));
            seeded.put(userId, s);
        }
        UserChats pager = store.forUser(PAGER);
        for (int i = 0; i < 2; i++) {
            pager.conversations().setArchived(pager.conversations().create(NewConversation.titled("archived " + i)).id(), true);
            pager.conversations().create(NewConversation.titled("listed " + i));
            pager.facts().add(NewFact.of(FactCategory.FACT, "fact " + i, 0.5));
            clock.tick();
        }
        List<HostileInput> rows = HostileInputCases.all(store, seeded.get(StoreFixture.ALICE), seeded.get(StoreFixture.BOB),
                pager, settings.maxInlineAttachmentBytes());
        return new HostileInputCatalogue(store, clock, rows);
    }

    /**
     * One container per operation holding a test per row, then a test that nothing of any user
     * changed over the whole catalogue.
     */
    Stream<DynamicNode> tests() {
        Map<String, List<HostileInput>> byOperation = new LinkedHashMap<>();
        rows.forEach(r -> byOperation.computeIfAbsent(r.operation(), k -> new ArrayList<>()).add(r));
        List<DynamicNode> nodes = new ArrayList<>();
        byOperation.forEach((operation, inputs) -> nodes.add(DynamicContainer.dynamicContainer(
                operation + " (" + inputs.size() + " hostile inputs)",
                inputs.stream().map(r -> DynamicTest.dynamicTest(r.input() + " ⇒ " + r.expectation(), () -> run(r))))));
        nodes.add(DynamicTest.dynamicTest("after " + rows.size() + " hostile inputs over " + byOperation.size()
                + " operations, nothing of any user changed", () -> {
            assertThat(rows.size()).as("hostile inputs in the catalogue").isGreaterThanOrEqualTo(AT_LEAST);
            assertThat(snapshotOfEveryUser()).as("every user and the store-wide state").isEqualTo(everyUser);
        }));
        return nodes.stream();
    }

    private void run(HostileInput row) {
        clock.advance(Duration.ofSeconds(1));
        Throwable thrown = catchThrowable(row.call());
        StoreSnapshot before = lastSeen;
        lastSeen = snapshotOfAlice();
        if (row.argument() != null) {
            assertRejectedAsInvalid(row.name(), thrown, row.argument());
        } else {
            assertThat(thrown).as("%s: expected %s", row.name(), row.expected().getSimpleName()).isInstanceOf(row.expected());
        }
        assertThat(lastSeen).as("%s: the store is unchanged", row.name()).isEqualTo(before);
    }

    /**
     * An InvalidInputException naming {@code argument} (or an element or field of it), whose message
     * starts with the argument, thrown before the database was asked (no cause).
     */
    private static void assertRejectedAsInvalid(String what, Throwable thrown, String argument) {
        assertThat(thrown).as("%s: expected InvalidInputException(%s)", what, argument)
                .isInstanceOf(InvalidInputException.class);
        InvalidInputException e = (InvalidInputException) thrown;
        assertThat(Samples.names(e.argument(), argument)).as("%s: argument() was \"%s\" (message: %s)", what, e.argument(),
                e.getMessage()).isTrue();
        assertThat(e.getMessage()).as("%s: the message names the argument", what).startsWith(e.argument() + ": ");
        assertThat(e.getCause()).as("%s: rejected before the database was asked", what).isNull();
    }

    /** What the rows aim at: alice, the user every row acts as, and the store-wide state. */
    private StoreSnapshot snapshotOfAlice() {
        return StoreSnapshot.of(store, List.of(StoreFixture.ALICE), List.of(SeededUser.QUERY));
    }

    private StoreSnapshot snapshotOfEveryUser() {
        List<String> users = new ArrayList<>(USERS);
        users.add(PAGER);
        return StoreSnapshot.of(store, users, List.of(SeededUser.QUERY));
    }
}

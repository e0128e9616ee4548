package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Appended;
import dev.chatstore.AttachmentStatus;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.FactQuery;
import dev.chatstore.Feedback;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Persona;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.ProfileSpec;
import dev.chatstore.StoreStatistics;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.UserChats;
import dev.chatstore.UserProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Durability: with {@link Capability#REOPEN} data survives close and reopen, everything written is
 * readable afterwards, exactly, and sequences and idempotency keys carry on; without it (a private
 * in-memory store) data vanishes with the store, and a closed store stays closed.
 */
public interface DurabilityRules extends StoreFixture {

    /**
     * Everything of two users reads back identically after reopen: look at what is kept in memory instead of the
     * database, and at commit/checkpoint on close.
     */
    @Test
    @Requires(Capability.REOPEN)
    default void everythingWrittenIsReadableAfterReopen() {
        SeededUser a = seed(alice());
        alice().attachments().markReady(a.linkedFile().id(), "extracted", 1);
        SeededUser b = seed(bob());
        UserSnapshot aliceBefore = a.snapshot();
        UserSnapshot bobBefore = b.snapshot();
        reopen();
        assertThat(UserSnapshot.of(alice())).as("alice's data after reopen").isEqualTo(aliceBefore);
        assertThat(UserSnapshot.of(bob())).as("bob's data after reopen").isEqualTo(bobBefore);
        assertThat(alice().attachments().inlineData(a.orphanFile().id())).as("inline bytes after reopen")
                .hasValueSatisfying(d -> assertThat(d).containsExactly(1, 2, 3));
        assertThat(alice().attachments().get(a.linkedFile().id()).orElseThrow().status()).as("status after reopen")
                .isEqualTo(AttachmentStatus.READY);
    }

    /** After reopen, seq continues past the highest ever assigned: look at where the per-conversation counter is stored. */
    @Test
    @Requires(Capability.REOPEN)
    default void seqContinuesAfterReopen() {
        Conversation c = newConversation(alice());
        fill(alice(), c.id(), 5);
        Message fifth = alice().messages().latest(c.id(), 1).items().get(0);
        alice().messages().delete(fifth.id());
        reopen();
        clock().advance(Duration.ofSeconds(1));
        Message next = say(alice(), c.id(), "after reopen");
        assertThat(next.seq()).as("seq continues after the highest ever assigned").isEqualTo(6);
        Conversation read = reload(alice(), c.id());
        assertThat(read.messageCount()).as("count after reopen and append").isEqualTo(5);
        assertThat(read.lastMessageAt()).as("lastMessageAt after reopen and append").isEqualTo(clock().now());
    }

    /**
     * The activity order of conversations survives a reopen under a frozen clock: look at where the
     * tie-breaking order is kept (it must be persisted, not a counter in memory).
     */
    @Test
    @Requires(Capability.REOPEN)
    default void conversationActivityOrderSurvivesReopen() {
        String c1 = newConversation(alice()).id();
        String c2 = newConversation(alice()).id();
        String c3 = newConversation(alice()).id();
        say(alice(), c1, "bump c1");
        reopen();
        assertThat(Samples.conversationIds(alice().conversations().list(PageRequest.first()).items()))
                .as("the order before the reopen").containsExactly(c1, c3, c2);
        say(alice(), c2, "bump c2 after reopen");
        String c4 = newConversation(alice()).id();
        assertThat(Samples.conversationIds(alice().conversations().list(PageRequest.first()).items()))
                .as("activity after the reopen comes before activity before it").containsExactly(c4, c2, c1, c3);
    }

    /** A client message id stored before closing replays after reopening: look at where payload fingerprints are stored. */
    @Test
    @Requires(Capability.REOPEN)
    default void clientMessageIdsAreRecognisedAfterReopen() {
        Conversation c = newConversation(alice());
        Message original = append(alice(), c.id(), NewMessage.user("q").clientMessageId("k").metadata(Samples.richMetadata()));
        reopen();
        Appended again = alice().messages().append(c.id(), NewMessage.user("q").clientMessageId("k").metadata(Samples.richMetadata()));
        assertThat(again.replayed()).as("a replay after reopen").isTrue();
        assertThat(again.message()).as("the original message").isEqualTo(original);
        assertThat(reload(alice(), c.id()).messageCount()).as("stored once").isEqualTo(1);
    }

    /**
     * Personas, profiles, read markers, feedback, edits and the chosen branch survive a reopen: look at what is kept
     * in memory (the persona cache, the tip) instead of the database.
     */
    @Test
    @Requires(Capability.REOPEN)
    default void personasProfilesAndChosenBranchesSurviveReopen() {
        Persona persona = store().personas().upsert(Samples.persona("tutor", PersonaStatus.ACTIVE));
        store().personas().setStatus("tutor", PersonaStatus.DISCONTINUED);
        Persona discontinued = store().personas().get("tutor").orElseThrow();
        UserProfile profile = alice().profile().upsert(new ProfileSpec("alice@example.com", "Alice", true));
        alice().profile().mergePreferences(Map.of("theme", "dark"));
        Conversation c = newConversation(alice());
        Message q = say(alice(), c.id(), "question");
        Message a1 = append(alice(), c.id(), NewMessage.assistant("answer 1"));
        Message a2 = alice().messages().regenerate(a1.id(), NewMessage.assistant("answer 2")).message();
        alice().messages().selectBranch(a1.id());
        alice().messages().setFeedback(a1.id(), Feedback.mistake("wrong"));
        alice().messages().editContent(q.id(), "question, edited");
        alice().conversations().markRead(c.id());
        UserSnapshot before = UserSnapshot.of(alice());
        reopen();
        assertThat(UserSnapshot.of(alice())).as("alice's data after reopen").isEqualTo(before);
        assertThat(store().personas().get("tutor")).as("the persona after reopen").contains(discontinued);
        assertThat(discontinued.id()).as("with its id").isEqualTo(persona.id());
        assertThat(alice().profile().get().orElseThrow().email()).as("the profile after reopen").isEqualTo(profile.email());
        assertThat(reload(alice(), c.id()).activeTipId()).as("the chosen tip after reopen").isEqualTo(a1.id());
        assertThat(say(alice(), c.id(), "more").parentId()).as("appends continue the chosen branch").isEqualTo(a1.id());
        assertThat(reloadMessage(alice(), a2.id()).parentId()).as("the other branch is intact").isEqualTo(q.id());
    }

    /**
     * Without REOPEN (a private in-memory store) data vanishes with the store: a store opened after the close holds
     * nothing of the old one, no user data, personas, store settings or counts, and numbers its messages from 1
     * again. Look for state shared between store objects (a shared-cache database, a static map).
     */
    @Test
    @Requires(absent = Capability.REOPEN)
    default void withoutReopenNothingOfAClosedStoreIsInTheNextOne() {
        SeededUser a = seed(alice());
        store().personas().upsert(PersonaSpec.of("tutor", "Tutor", "x"));
        store().settings().put("maintenance", "sunday");
        restart(settings());
        UserSnapshot now = UserSnapshot.of(alice());
        assertThat(now.conversations()).as("conversations").isEmpty();
        assertThat(now.archived()).as("archived conversations").isEmpty();
        assertThat(now.attachments()).as("files").isEmpty();
        assertThat(now.facts()).as("facts").isEmpty();
        assertThat(now.profile()).as("profile").isEmpty();
        assertThat(now.settings()).as("settings").isEmpty();
        assertThat(now.providers()).as("provider configurations").isEmpty();
        assertThat(alice().conversations().get(a.conversation().id())).as("the old conversation by id").isEmpty();
        assertThat(alice().messages().get(a.request().id())).as("the old message by id").isEmpty();
        assertThat(alice().attachments().inlineData(a.orphanFile().id())).as("the old inline bytes").isEmpty();
        assertThat(alice().facts().get(a.plainFact().id())).as("the old fact by id").isEmpty();
        assertThat(store().personas().list(null, null)).as("personas").isEmpty();
        assertThat(store().settings().all()).as("store settings").isEmpty();
        assertThat(store().admin().statistics()).as("the new store's counts").isEqualTo(new StoreStatistics(0, 0, 0, 0));
        Conversation c = newConversation(alice());
        assertThat(say(alice(), c.id(), "first").seq()).as("the new store numbers from 1").isEqualTo(1);
    }

    /**
     * Without REOPEN a closed store stays closed when another store is opened: every call through the old object or
     * a view it handed out is StoreUnavailableException, and the new store holds only what was written to it. Look
     * for a closed flag, pool or database that a new store object revives.
     */
    @Test
    @Requires(absent = Capability.REOPEN)
    default void withoutReopenAClosedStoreStaysClosedWhenAnotherIsOpened() {
        SeededUser a = seed(alice());
        ChatStore old = store();
        UserChats oldAlice = alice();
        restart(settings());
        Conversation fresh = newConversation(alice());
        String c = a.conversation().id();
        List<ThrowingCallable> calls = List.of(
                () -> old.forUser(ALICE),
                () -> oldAlice.conversations().get(c),
                () -> oldAlice.conversations().list(PageRequest.first()),
                () -> oldAlice.conversations().get(fresh.id()),
                () -> oldAlice.messages().append(c, NewMessage.user("x")),
                () -> oldAlice.messages().get(a.request().id()),
                () -> oldAlice.facts().list(FactQuery.all(), PageRequest.first()),
                () -> oldAlice.settings().all(),
                () -> old.personas().list(null, null),
                () -> old.settings().all(),
                () -> old.admin().statistics());
        for (int i = 0; i < calls.size(); i++) {
            assertThat(catchThrowable(calls.get(i))).as("call %d on the closed store", i)
                    .isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(Samples.conversationIds(alice().conversations().list(PageRequest.first()).items()))
                .as("the new store holds only what was written to it").containsExactly(fresh.id());
    }
}

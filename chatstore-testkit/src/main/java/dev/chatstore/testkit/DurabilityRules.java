package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Appended;
import dev.chatstore.AttachmentStatus;
import dev.chatstore.Conversation;
import dev.chatstore.Feedback;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Persona;
import dev.chatstore.PersonaStatus;
import dev.chatstore.ProfileSpec;
import dev.chatstore.UserProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data survives close and reopen ({@link Capability#REOPEN}): everything written is readable
 * afterwards, exactly; sequences and idempotency keys carry on.
 */
public interface DurabilityRules extends StoreFixture {

    /**
     * Everything of two users reads back identically after reopen: look at what is kept in memory instead of the
     * database, and at commit/checkpoint on close.
     */
    @Test
    default void everythingWrittenIsReadableAfterReopen() {
        requires(Capability.REOPEN);
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
    default void seqContinuesAfterReopen() {
        requires(Capability.REOPEN);
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
    default void conversationActivityOrderSurvivesReopen() {
        requires(Capability.REOPEN);
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
    default void clientMessageIdsAreRecognisedAfterReopen() {
        requires(Capability.REOPEN);
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
    default void personasProfilesAndChosenBranchesSurviveReopen() {
        requires(Capability.REOPEN);
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
}

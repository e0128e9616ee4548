package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Attachment;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.FactQuery;
import dev.chatstore.Feedback;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.ProfileSpec;
import dev.chatstore.StoreStatistics;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.UserChats;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The store as a whole: the per-user views {@code forUser} hands out, the ids every record gets,
 * close and what follows it, and the operator's statistics ({@code admin()}).
 */
public interface StoreRules extends StoreFixture {

    /**
     * forUser rejects null, blank, too long and unstorable user ids as InvalidInputException("userId"): look at
     * forUser's argument check.
     */
    /**
     * A user's consistency token, handed to {@code forUser(userId, token)} (as another application node would),
     * gives a view that reads the user's writes; the empty token is accepted, null is not, and a token does not
     * open another user's data.
     */
    @Test
    default void aConsistencyTokenGivesAViewThatReadsTheUsersWrites() {
        Conversation c = newConversation(alice());
        Message m = say(alice(), c.id(), "written before the token");
        String token = alice().consistencyToken();
        assertThat(token).as("a token").isNotNull();
        UserChats later = store().forUser(ALICE, token);
        assertThat(later.userId()).isEqualTo(ALICE);
        assertThat(later.messages().get(m.id())).as("the write, read through the token's view").contains(m);
        assertThat(store().forUser(ALICE, "").conversations().get(c.id())).isPresent();
        assertThat(store().forUser(BOB, token).conversations().get(c.id())).as("bob, with alice's token").isEmpty();
        assertThat(catchThrowable(() -> store().forUser(ALICE, null))).isInstanceOf(dev.chatstore.InvalidInputException.class)
                .hasMessageContaining("consistencyToken");
        assertThat(catchThrowable(() -> store().forUser(" ", token))).isInstanceOf(dev.chatstore.InvalidInputException.class);
    }

    @Test
    default void forUserRejectsNullBlankTooLongAndUnstorableIds() {
        for (String userId : Arrays.asList(null, "", "   ", "\t\n", "u".repeat(Limits.USER_ID_MAX + 1), "nul\0", "lone \uD800",
                "\uDC00")) {
            expectInvalid("userId", () -> store().forUser(userId));
        }
    }

    /** The view reports its user id and owns what it creates: look at the user_id bound by each insert. */
    @Test
    default void forUserViewReportsAndOwnsItsUserId() {
        UserChats user = store().forUser("auth0|5f7c8ec7c33c6c004bbafe82");
        assertThat(user.userId()).as("the view's user id").isEqualTo("auth0|5f7c8ec7c33c6c004bbafe82");
        SeededUser seeded = seed(user);
        assertThat(List.of(seeded.conversation().userId(), seeded.linkedFile().userId(), seeded.plainFact().userId()))
                .as("every record is owned by the view's user").containsOnly("auth0|5f7c8ec7c33c6c004bbafe82");
    }

    /** Every id is a lowercase version 7 UUID: look at the id generator. */
    @Test
    default void everyIdIsALowercaseVersion7Uuid() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        Message m = say(alice, c.id(), "x");
        Attachment a = storedFile(alice, "f.pdf");
        String fact = alice.facts().add(NewFact.of(FactCategory.FACT, "x", 0.5)).id();
        for (String id : List.of(c.id(), m.id(), a.id(), fact)) {
            assertThat(id).as("id %s is a lowercase UUID", id).matches(Samples.ID_PATTERN);
            assertThat(UUID.fromString(id).version()).as("id %s is a version 7 UUID", id).isEqualTo(7);
        }
    }

    /**
     * A user id of the maximum length, in multi-byte text ending in a surrogate pair, owns what it creates and reads
     * it back exactly: look at the user_id column's size, and whether it counts chars or bytes.
     */
    @Test
    default void aUserIdAtTheMaximumLengthIsKeptExactly() {
        String userId = Samples.wide(Limits.USER_ID_MAX);
        UserChats user = store().forUser(userId);
        Conversation c = newConversation(user);
        say(user, c.id(), "hello");
        assertThat(user.userId()).as("the view's user id at %d chars", Limits.USER_ID_MAX).isEqualTo(userId);
        assertThat(reload(user, c.id()).userId()).as("the stored owner at %d chars", Limits.USER_ID_MAX).isEqualTo(userId);
        assertThat(Samples.conversationIds(user.conversations().list(PageRequest.first()).items()))
                .as("listed for that user").containsExactly(c.id());
    }

    /**
     * After close, calls through an existing view fail with StoreUnavailableException, persona reads too (even of a
     * cached persona): look at the closed check and how a closed pool's error is translated.
     */
    @Test
    default void callsAfterCloseFailWithStoreUnavailable() {
        SeededUser a = seed(alice());
        UserChats alice = alice();
        ChatStore store = store();
        store.personas().upsert(PersonaSpec.of("cached", "Cached", "x"));
        store.personas().get("cached");
        store.close();
        String c = a.conversation().id();
        List<ThrowingCallable> calls = List.of(
                () -> alice.conversations().get(c),
                () -> alice.conversations().list(PageRequest.first()),
                () -> alice.conversations().create(NewConversation.untitled()),
                () -> alice.conversations().replaceMetadata(c, Map.of()),
                () -> alice.messages().append(c, NewMessage.user("x")),
                () -> alice.messages().get(a.request().id()),
                () -> alice.messages().newestFirst(c, PageRequest.first()),
                () -> alice.attachments().get(a.orphanFile().id()),
                () -> alice.attachments().orphans(10),
                () -> alice.facts().list(FactQuery.all(), PageRequest.first()),
                () -> alice.facts().delete(a.plainFact().id()),
                () -> alice.conversations().sidebar(PageRequest.first()),
                () -> alice.conversations().patchMetadata(c, Map.of("x", 1)),
                () -> alice.conversations().markRead(c),
                () -> alice.messages().branch(c, PageRequest.first()),
                () -> alice.messages().regenerate(a.reply().id(), NewMessage.assistant("x")),
                () -> alice.messages().setFeedback(a.reply().id(), Feedback.NONE),
                () -> alice.profile().get(),
                () -> alice.profile().mergePreferences(Map.of("x", 1)),
                () -> alice.exportTo(OutputStream.nullOutputStream()),
                () -> alice.erase(),
                () -> store.personas().get("cached"),
                () -> store.personas().list(null, null),
                () -> store.personas().upsert(PersonaSpec.of("p", "P", "x")));
        for (int i = 0; i < calls.size(); i++) {
            assertThat(catchThrowable(calls.get(i))).as("call %d after close", i).isInstanceOf(StoreUnavailableException.class);
        }
    }

    /**
     * After close, forUser itself fails with StoreUnavailableException ("afterwards every call fails"): look for a
     * closed check in forUser.
     */
    @Test
    default void forUserAfterCloseFailsWithStoreUnavailable() {
        ChatStore store = store();
        store.close();
        assertThatThrownBy(() -> store.forUser(ALICE).conversations().list(PageRequest.first()))
                .as("a call through a view obtained after close").isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.forUser(ALICE)).as("forUser after close").isInstanceOf(StoreUnavailableException.class);
    }

    /** close twice does not throw and the store stays closed: look at close's guard. */
    @Test
    default void closeIsIdempotent() {
        ChatStore store = store();
        store.close();
        store.close();
        assertThatThrownBy(() -> store.forUser(ALICE).conversations().get(unknownId()))
                .as("still closed after the second close").isInstanceOf(StoreUnavailableException.class);
    }

    /**
     * statistics counts store-wide: distinct users with a profile or a conversation, all conversations and messages,
     * and active personas only: look at the statistics query (UNION of user ids, persona status).
     */
    @Test
    default void statisticsCountsUsersConversationsMessagesAndActivePersonas() {
        assertThat(store().admin().statistics()).as("an empty store").isEqualTo(new StoreStatistics(0, 0, 0, 0));
        Conversation a1 = newConversation(alice());
        Conversation a2 = newConversation(alice());
        say(alice(), a1.id(), "one");
        say(alice(), a1.id(), "two");
        say(alice(), a2.id(), "three");
        alice().profile().upsert(ProfileSpec.named("Alice"));
        bob().profile().upsert(ProfileSpec.named("Bob"));
        Conversation c = newConversation(store().forUser("carol"));
        say(store().forUser("carol"), c.id(), "four");
        store().forUser("dave").settings().put("theme", "dark");
        store().personas().upsert(PersonaSpec.of("tutor", "Tutor", "Teach patiently."));
        store().personas().upsert(PersonaSpec.of("chef", "Chef", "Cook."));
        store().personas().upsert(PersonaSpec.of("poet", "Poet", "Rhyme.").withStatus(PersonaStatus.COMING_SOON));
        store().personas().upsert(PersonaSpec.of("oracle", "Oracle", "Foretell.").withStatus(PersonaStatus.DISCONTINUED));
        assertThat(store().admin().statistics()).as("users alice, bob, carol (dave has only settings); 3 conversations;"
                + " 4 messages; 2 active personas").isEqualTo(new StoreStatistics(3, 3, 4, 2));
        store().personas().setStatus("chef", PersonaStatus.DISCONTINUED);
        alice().conversations().delete(a1.id());
        assertThat(store().admin().statistics()).as("after deleting a conversation and discontinuing a persona")
                .isEqualTo(new StoreStatistics(3, 2, 2, 1));
    }
}

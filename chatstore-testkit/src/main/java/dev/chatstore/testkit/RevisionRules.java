package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.AppendOptions;
import dev.chatstore.AppendOutcome;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.Conversation;
import dev.chatstore.Feedback;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.PageRequest;
import dev.chatstore.Rating;
import dev.chatstore.testkit.Concurrently.Outcome;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A conversation's revision grows with every change to it or its messages, and an
 * {@code appendAll} with {@link AppendOptions} appends and patches metadata in one transaction,
 * only at the expected revision: what a chat memory needs to write a turn exactly once.
 */
public interface RevisionRules extends StoreFixture {

    private long revisionAfter(String conversationId, Runnable change) {
        long before = reload(alice(), conversationId).revision();
        change.run();
        long after = reload(alice(), conversationId).revision();
        assertThat(after).as("revision after the change").isGreaterThan(before);
        return after;
    }

    @Test
    default void everyChangeToAConversationOrItsMessagesMovesItsRevision() {
        Conversation c = newConversation(alice());
        String id = c.id();
        Message first = say(alice(), id, "hello");
        Message reply = append(alice(), id, NewMessage.assistant("hi"));
        revisionAfter(id, () -> say(alice(), id, "more"));
        revisionAfter(id, () -> alice().messages().appendAll(id, List.of(NewMessage.user("a"), NewMessage.user("b"))));
        revisionAfter(id, () -> alice().messages().editContent(first.id(), "hello!"));
        revisionAfter(id, () -> alice().messages().setFeedback(reply.id(), Feedback.rated(Rating.THUMBS_UP)));
        revisionAfter(id, () -> alice().messages().regenerate(reply.id(), NewMessage.assistant("hey")));
        revisionAfter(id, () -> alice().messages().selectBranch(reply.id()));
        revisionAfter(id, () -> alice().messages().delete(reply.id()));
        revisionAfter(id, () -> alice().conversations().patchMetadata(id, Map.of("k", 1)));
        revisionAfter(id, () -> alice().conversations().replaceMetadata(id, Map.of("k", 2)));
        revisionAfter(id, () -> alice().conversations().rename(id, "title"));
        revisionAfter(id, () -> alice().conversations().setSystemPrompt(id, "be brief"));
        revisionAfter(id, () -> alice().conversations().setModel(id, "openai", "gpt"));
        revisionAfter(id, () -> alice().conversations().setPinned(id, true));
        revisionAfter(id, () -> alice().conversations().setArchived(id, true));
    }

    @Test
    default void readsAndOtherConversationsLeaveARevisionAlone() {
        Conversation c = newConversation(alice());
        say(alice(), c.id(), "hello");
        long revision = reload(alice(), c.id()).revision();
        alice().messages().oldestFirst(c.id(), PageRequest.first(10));
        alice().messages().branch(c.id(), PageRequest.first(10));
        alice().conversations().list(PageRequest.first(10));
        say(alice(), newConversation(alice()).id(), "elsewhere");
        say(bob(), newConversation(bob()).id(), "someone else");
        assertThat(reload(alice(), c.id()).revision()).isEqualTo(revision);
    }

    @Test
    default void lastSeqIsTheHighestSequenceNumberEverGiven() {
        Conversation c = newConversation(alice());
        assertThat(c.lastSeq()).as("before the first message").isZero();
        List<Message> three = fill(alice(), c.id(), 3);
        assertThat(reload(alice(), c.id()).lastSeq()).isEqualTo(3);
        alice().messages().delete(three.get(2).id());
        assertThat(reload(alice(), c.id()).lastSeq()).as("a deleted message's number is not given again").isEqualTo(3);
        assertThat(say(alice(), c.id(), "next").seq()).isEqualTo(4);
        assertThat(reload(alice(), c.id()).lastSeq()).isEqualTo(4);
    }

    @Test
    default void appendWithOptionsPatchesMetadataInTheSameTransactionAndReturnsTheConversation() {
        Conversation c = alice().conversations().patchMetadata(newConversation(alice()).id(), Map.of("keep", "me", "drop", 1));
        Map<String, Object> patch = new java.util.HashMap<>();
        patch.put("window", Map.of("start", 3));
        patch.put("drop", null);
        AppendOutcome outcome = alice().messages().appendAll(c.id(),
                List.of(NewMessage.user("q"), NewMessage.assistant("a")),
                AppendOptions.none().ifRevision(c.revision()).patchMetadata(patch));
        assertThat(outcome.messages()).extracting(a -> a.message().content()).containsExactly("q", "a");
        assertThat(outcome.messages()).extracting(a -> a.message().seq()).containsExactly(1L, 2L);
        Conversation stored = reload(alice(), c.id());
        assertThat(outcome.conversation()).as("the conversation as the transaction left it").isEqualTo(stored);
        assertThat(stored.metadata()).isEqualTo(Map.of("keep", "me", "window", Map.of("start", 3)));
        assertThat(stored.messageCount()).isEqualTo(2);
        assertThat(stored.revision()).isGreaterThan(c.revision());
    }

    @Test
    default void anEmptyAppendWithOptionsIsAConditionalMetadataPatch() {
        Conversation c = newConversation(alice());
        AppendOutcome outcome = alice().messages().appendAll(c.id(), List.of(),
                AppendOptions.none().ifRevision(c.revision()).patchMetadata(Map.of("k", "v")));
        assertThat(outcome.messages()).isEmpty();
        assertThat(outcome.conversation().metadata()).isEqualTo(Map.of("k", "v"));
        Throwable stale = catchThrowable(() -> alice().messages().appendAll(c.id(), List.of(),
                AppendOptions.none().ifRevision(c.revision()).patchMetadata(Map.of("k", "w"))));
        assertThat(stale).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(reload(alice(), c.id()).metadata()).isEqualTo(Map.of("k", "v"));
    }

    @Test
    default void aStaleRevisionStoresNeitherMessagesNorMetadata() {
        Conversation c = newConversation(alice());
        say(alice(), c.id(), "moved on");
        Conversation before = reload(alice(), c.id());
        Throwable thrown = catchThrowable(() -> alice().messages().appendAll(c.id(),
                List.of(NewMessage.user("late").clientMessageId("late-1")),
                AppendOptions.none().ifRevision(c.revision()).patchMetadata(Map.of("k", "v"))));
        assertThat(thrown).isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining(c.id());
        assertThat(reload(alice(), c.id())).as("nothing changed").isEqualTo(before);
        assertThat(alice().messages().byClientMessageId(c.id(), "late-1")).isEmpty();
    }

    @Test
    default void aFailingMessageRollsBackTheMetadataPatch() {
        Conversation c = newConversation(alice());
        Throwable thrown = catchThrowable(() -> alice().messages().appendAll(c.id(),
                List.of(NewMessage.user("ok"), NewMessage.assistant("bad").replyTo(UUID.randomUUID().toString())),
                AppendOptions.none().patchMetadata(Map.of("k", "v"))));
        assertThat(thrown).isInstanceOf(NotFoundException.class);
        Conversation after = reload(alice(), c.id());
        assertThat(after.metadata()).isEmpty();
        assertThat(after.messageCount()).isZero();
        assertThat(after.revision()).isEqualTo(c.revision());
    }

    @Test
    default void anotherUsersConversationIsNotFoundAndUnchanged() {
        Conversation bobs = newConversation(bob());
        expectNotFound("bob's conversation through alice", () -> alice().messages().appendAll(bobs.id(),
                List.of(NewMessage.user("x")), AppendOptions.none().patchMetadata(Map.of("k", "v"))));
        assertThat(reload(bob(), bobs.id())).isEqualTo(bobs);
    }

    /** Writers that read the same revision race; the row lock lets exactly one of them write. */
    @Test
    default void concurrentConditionalAppendsAtOneRevisionLetExactlyOneWrite() {
        Conversation c = newConversation(alice());
        Supplier<AppendOptions> atStart = () -> AppendOptions.none().ifRevision(c.revision());
        List<Outcome<AppendOutcome>> outcomes = Concurrently.run(Concurrently.THREADS, t -> alice().messages()
                .appendAll(c.id(), List.of(NewMessage.user("turn " + t)), atStart.get().patchMetadata(Map.of("by", t))));
        assertThat(outcomes.stream().filter(Outcome::ok)).as("writers that succeeded").hasSize(1);
        assertThat(outcomes.stream().filter(o -> !o.ok()).map(Outcome::error))
                .allMatch(e -> e instanceof ConcurrentUpdateException);
        AppendOutcome winner = outcomes.stream().filter(Outcome::ok).findFirst().orElseThrow().value();
        Conversation stored = reload(alice(), c.id());
        assertThat(stored.messageCount()).isEqualTo(1);
        assertThat(stored.metadata().get("by")).isEqualTo(
                Integer.parseInt(winner.messages().get(0).message().content().substring("turn ".length())));
    }
}

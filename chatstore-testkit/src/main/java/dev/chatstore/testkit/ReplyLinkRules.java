package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import org.junit.jupiter.api.Test;

/**
 * The reply-to link: an assistant reply names the user message it answers, so a retried request
 * finds its own reply, never a neighbour's. The clock stays frozen: the link, not time, decides.
 */
public interface ReplyLinkRules extends StoreFixture {

    /** findReply(request) must follow the stored link, not adjacency: two requests answered out of order each find their own reply. */
    @Test
    default void replyToFindsTheReplyOfThatRequestNeverANeighbours() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        Message first = say(alice, c.id(), "first question");
        Message second = say(alice, c.id(), "second question");
        Message answerToSecond = append(alice, c.id(), NewMessage.assistant("answer 2").replyTo(second.id()));
        Message answerToFirst = append(alice, c.id(), NewMessage.assistant("answer 1").replyTo(first.id()));
        assertThat(alice.messages().findReply(first.id())).as("the first request finds its own reply")
                .map(Message::id).contains(answerToFirst.id());
        assertThat(alice.messages().findReply(second.id())).as("the second request finds its own reply")
                .map(Message::id).contains(answerToSecond.id());
        assertThat(answerToFirst.replyToId()).as("the reply records what it answers").isEqualTo(first.id());
    }

    /** With several replies, the newest (highest seq) wins: look at replyTo's ORDER BY (seq, not time). */
    @Test
    default void replyToReturnsTheNewestOfSeveralReplies() {
        Conversation c = newConversation(alice());
        Message request = say(alice(), c.id(), "question");
        append(alice(), c.id(), NewMessage.assistant("draft").replyTo(request.id()));
        say(alice(), c.id(), "regenerate please");
        Message newest = append(alice(), c.id(), NewMessage.assistant("final").replyTo(request.id()));
        assertThat(alice().messages().findReply(request.id())).as("the newest reply").map(Message::id).contains(newest.id());
    }

    /** A request nobody answered has no reply: look at replyTo's WHERE clause (the link, not adjacency). */
    @Test
    default void replyToIsEmptyForAnUnansweredRequest() {
        Conversation c = newConversation(alice());
        Message request = say(alice(), c.id(), "question");
        say(alice(), c.id(), "another question");
        append(alice(), c.id(), NewMessage.assistant("unlinked answer"));
        assertThat(alice().messages().findReply(request.id())).as("no message replies to it").isEmpty();
    }

    /** The reply-to message must be in the same conversation: look at the reference check in append. */
    @Test
    default void replyToAMessageOfAnotherConversationIsNotFoundAndStoresNothing() {
        Conversation c = newConversation(alice());
        Conversation other = newConversation(alice());
        Message elsewhere = say(alice(), other.id(), "elsewhere");
        UserSnapshot before = UserSnapshot.of(alice());
        expectNotFound("reply-to must be in the same conversation",
                () -> alice().messages().append(c.id(), NewMessage.assistant("x").replyTo(elsewhere.id())));
        expectNotFound("reply-to of an unknown message",
                () -> alice().messages().append(c.id(), NewMessage.assistant("x").replyTo(unknownId())));
        assertThat(UserSnapshot.of(alice())).as("nothing stored").isEqualTo(before);
    }

    /** Deleting a request clears its replies' replyToId: look at the foreign key's ON DELETE SET NULL. */
    @Test
    default void deletingTheRequestClearsTheReplyToIdOfItsReplies() {
        Conversation c = newConversation(alice());
        Message request = say(alice(), c.id(), "question");
        Message reply = append(alice(), c.id(), NewMessage.assistant("answer").replyTo(request.id()));
        alice().messages().delete(request.id());
        assertThat(reloadMessage(alice(), reply.id()).replyToId()).as("the reply lost its link").isNull();
        assertThat(alice().messages().findReply(request.id())).as("the deleted request has no reply").isEmpty();
        assertThat(reload(alice(), c.id()).messageCount()).as("the reply itself stays").isEqualTo(1);
    }

    /** Deleting the newest reply makes the older one the reply: look at replyTo's query, it must not cache the link. */
    @Test
    default void deletingTheNewestReplyFallsBackToTheOlderOne() {
        Conversation c = newConversation(alice());
        Message request = say(alice(), c.id(), "question");
        Message older = append(alice(), c.id(), NewMessage.assistant("older").replyTo(request.id()));
        Message newer = append(alice(), c.id(), NewMessage.assistant("newer").replyTo(request.id()));
        alice().messages().delete(newer.id());
        assertThat(alice().messages().findReply(request.id())).as("the older reply").map(Message::id).contains(older.id());
    }
}

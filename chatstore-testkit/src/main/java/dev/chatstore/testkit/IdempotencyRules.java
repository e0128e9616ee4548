package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Appended;
import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.Media;
import dev.chatstore.Message;
import dev.chatstore.MessageType;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.TokenUsage;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retries are safe (DESIGN principle 4). A clientMessageId is unique per conversation; a replay with
 * the same payload returns the original marked as a replay; a replay with any other payload (role,
 * content, reply-to, metadata, attachments, type, media, usage, tool call id) is an
 * IdempotencyConflictException and stores nothing. An assistant reply names the user message it
 * answers, so a retried request finds its own reply with {@code findReply}, never a neighbour's.
 */
public interface IdempotencyRules extends StoreFixture {

    /** Asserts that appending {@code conflicting} after {@code original} is a conflict that changes nothing. */
    private void assertConflict(UserChats user, Conversation c, NewMessage original, NewMessage conflicting) {
        Message stored = append(user, c.id(), original);
        clock().advance(Duration.ofSeconds(1));
        UserSnapshot before = UserSnapshot.of(user);
        assertThatThrownBy(() -> user.messages().append(c.id(), conflicting))
                .as("reusing clientMessageId %s with a different payload", original.clientMessageId())
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(UserSnapshot.of(user)).as("a conflict stores nothing and changes nothing").isEqualTo(before);
        assertThat(user.messages().byClientMessageId(c.id(), original.clientMessageId()))
                .as("the clientMessageId still names the original").contains(stored);
    }

    /** Look at the lookup by (conversation, clientMessageId) before insert, and at the payload comparison. */
    @Test
    default void appendWithSameClientMessageIdAndPayloadReturnsOriginalAsReplay() {
        Conversation c = newConversation(alice());
        NewMessage request = NewMessage.user("Hello").clientMessageId("req-1");
        Appended first = alice().messages().append(c.id(), request);
        Conversation afterFirst = reload(alice(), c.id());
        clock().advance(Duration.ofMinutes(1));
        Appended again = alice().messages().append(c.id(), request);
        assertThat(first.replayed()).as("the first append is not a replay").isFalse();
        assertThat(again.replayed()).as("the second append is a replay").isTrue();
        assertThat(again.message()).as("the replay returns the original message, createdAt included").isEqualTo(first.message());
        Conversation afterReplay = reload(alice(), c.id());
        assertThat(afterReplay.messageCount()).as("a replay does not count").isEqualTo(1);
        assertThat(afterReplay.lastMessageAt()).as("a replay does not move lastMessageAt").isEqualTo(afterFirst.lastMessageAt());
    }

    /** A full payload (reply-to, metadata, attachments) replayed as is must be a replay: look at how each part is compared. */
    @Test
    default void replayWithAFullPayloadIsAReplay() {
        Conversation c = newConversation(alice());
        Message request = say(alice(), c.id(), "question");
        Attachment a = storedFile(alice(), "a.pdf");
        Attachment b = storedFile(alice(), "b.pdf");
        NewMessage reply = NewMessage.assistant("answer").clientMessageId("reply-1").replyTo(request.id())
                .metadata(Samples.richMetadata()).attachments(a.id(), b.id());
        Appended first = alice().messages().append(c.id(), reply);
        Appended again = alice().messages().append(c.id(), reply);
        assertThat(again.replayed()).as("the identical full payload is a replay").isTrue();
        assertThat(again.message()).as("the original is returned").isEqualTo(first.message());
        assertThat(reload(alice(), c.id()).messageCount()).as("stored once").isEqualTo(2);
        assertThat(alice().attachments().listForMessage(first.message().id())).as("links made once").hasSize(2);
    }

    /**
     * The same metadata in another key order is the same payload: look at the payload comparison (canonical JSON, not
     * insertion order).
     */
    @Test
    default void replayWithTheSameMetadataInAnotherKeyOrderIsAReplay() {
        Conversation c = newConversation(alice());
        Map<String, Object> forward = new LinkedHashMap<>();
        forward.put("a", 1);
        forward.put("b", List.of(1, 2));
        forward.put("c", Map.of("x", "y"));
        Map<String, Object> backward = new LinkedHashMap<>();
        backward.put("c", Map.of("x", "y"));
        backward.put("b", List.of(1, 2));
        backward.put("a", 1);
        Appended first = alice().messages().append(c.id(), NewMessage.user("x").clientMessageId("k").metadata(forward));
        Appended again = alice().messages().append(c.id(), NewMessage.user("x").clientMessageId("k").metadata(backward));
        assertThat(again.replayed()).as("equal maps in another key order are a replay").isTrue();
        assertThat(again.message().id()).as("the original id").isEqualTo(first.message().id());
    }

    /**
     * Another content under the same clientMessageId is IdempotencyConflictException: look at the payload comparison
     * (content).
     */
    @Test
    default void replayWithDifferentContentIsAConflictAndStoresNothing() {
        assertConflict(alice(), newConversation(alice()),
                NewMessage.user("original").clientMessageId("k"), NewMessage.user("changed").clientMessageId("k"));
    }

    /**
     * The conflict names the conversation, the client message id and the stored message, so a caller
     * can show what was stored; reused within one batch (nothing stored), it names no stored message.
     */
    @Test
    default void aConflictNamesTheStoredMessage() {
        Conversation c = newConversation(alice());
        Message stored = append(alice(), c.id(), NewMessage.user("original").clientMessageId("k"));
        IdempotencyConflictException conflict = catchThrowableOfType(IdempotencyConflictException.class,
                () -> alice().messages().append(c.id(), NewMessage.user("changed").clientMessageId("k")));
        assertThat(conflict).as("a conflict").isNotNull();
        assertThat(conflict.conversationId()).isEqualTo(c.id());
        assertThat(conflict.clientMessageId()).isEqualTo("k");
        assertThat(conflict.storedMessageId()).contains(stored.id());
        assertThat(alice().messages().get(conflict.storedMessageId().orElseThrow())).map(Message::content).contains("original");

        IdempotencyConflictException inBatch = catchThrowableOfType(IdempotencyConflictException.class,
                () -> alice().messages().appendAll(c.id(), List.of(NewMessage.user("a").clientMessageId("b1"),
                        NewMessage.user("b").clientMessageId("b1"))));
        assertThat(inBatch).as("a conflict within the batch").isNotNull();
        assertThat(inBatch.storedMessageId()).as("nothing of the batch was stored").isEmpty();
        assertThat(alice().messages().byClientMessageId(c.id(), "b1")).isEmpty();
    }

    /**
     * Tool calls, tool names and reasoning are part of the payload: the same replays, other ones conflict. Look at
     * the payload comparison (tool calls, tool name, reasoning).
     */
    @Test
    default void replaysCompareToolCallsToolNamesAndReasoningToo() {
        Conversation c = newConversation(alice());
        NewMessage asks = NewMessage.assistant("").toolCalls(dev.chatstore.ToolCall.of("call_1", "search", "{\"q\":1}"))
                .reasoning("why").clientMessageId("k1");
        Message first = append(alice(), c.id(), asks);
        assertThat(alice().messages().append(c.id(), asks).replayed()).as("the same turn replays").isTrue();
        assertConflict(alice(), c, asks, NewMessage.assistant("").toolCalls(dev.chatstore.ToolCall.of("call_1", "search",
                "{\"q\":2}")).reasoning("why").clientMessageId("k1"));
        assertConflict(alice(), c, asks, NewMessage.assistant("").toolCalls(dev.chatstore.ToolCall.of("call_1", "search",
                "{\"q\":1}")).reasoning("other").clientMessageId("k1"));
        NewMessage result = NewMessage.tool("call_1", "search", "found").clientMessageId("k2");
        append(alice(), c.id(), result);
        assertConflict(alice(), c, result, NewMessage.tool("call_1", "other_tool", "found").clientMessageId("k2"));
        assertThat(reload(alice(), c.id()).messageCount()).as("nothing more stored").isEqualTo(2);
        assertThat(first.toolCalls()).hasSize(1);
    }

    /** Another role under the same clientMessageId is IdempotencyConflictException: look at the payload comparison (role). */
    @Test
    default void replayWithDifferentRoleIsAConflictAndStoresNothing() {
        assertConflict(alice(), newConversation(alice()),
                NewMessage.user("same").clientMessageId("k"), NewMessage.of(Role.SYSTEM, "same").clientMessageId("k"));
    }

    /**
     * Other metadata under the same clientMessageId is IdempotencyConflictException: look at the payload comparison
     * (metadata).
     */
    @Test
    default void replayWithDifferentMetadataIsAConflictAndStoresNothing() {
        Conversation c = newConversation(alice());
        assertConflict(alice(), c, NewMessage.user("same").clientMessageId("k1").metadata(Map.of("n", 1)),
                NewMessage.user("same").clientMessageId("k1").metadata(Map.of("n", 2)));
        assertConflict(alice(), c, NewMessage.user("same").clientMessageId("k2"),
                NewMessage.user("same").clientMessageId("k2").metadata(Map.of("n", 1)));
    }

    /**
     * Another reply-to under the same clientMessageId is IdempotencyConflictException: look at the payload comparison
     * (reply-to).
     */
    @Test
    default void replayWithDifferentReplyToIsAConflictAndStoresNothing() {
        Conversation c = newConversation(alice());
        Message q1 = say(alice(), c.id(), "q1");
        Message q2 = say(alice(), c.id(), "q2");
        assertConflict(alice(), c, NewMessage.assistant("a").clientMessageId("k1").replyTo(q1.id()),
                NewMessage.assistant("a").clientMessageId("k1").replyTo(q2.id()));
        assertConflict(alice(), c, NewMessage.assistant("a").clientMessageId("k2"),
                NewMessage.assistant("a").clientMessageId("k2").replyTo(q1.id()));
    }

    /**
     * Other attachments under the same clientMessageId are IdempotencyConflictException: look at the payload
     * comparison (attachment ids).
     */
    @Test
    default void replayWithDifferentAttachmentsIsAConflictAndStoresNothing() {
        Conversation c = newConversation(alice());
        Attachment a = storedFile(alice(), "a.pdf");
        Attachment b = storedFile(alice(), "b.pdf");
        assertConflict(alice(), c, NewMessage.user("see").clientMessageId("k1").attachments(a.id()),
                NewMessage.user("see").clientMessageId("k1").attachments(b.id()));
        assertConflict(alice(), c, NewMessage.user("see").clientMessageId("k2").attachments(a.id()),
                NewMessage.user("see").clientMessageId("k2"));
    }

    /**
     * A clientMessageId is unique per conversation only: look at the unique index and the replay lookup, both must
     * include the conversation.
     */
    @Test
    default void sameClientMessageIdInAnotherConversationIsIndependent() {
        Conversation c1 = newConversation(alice());
        Conversation c2 = newConversation(alice());
        Appended inC1 = alice().messages().append(c1.id(), NewMessage.user("hi").clientMessageId("k"));
        Appended inC2 = alice().messages().append(c2.id(), NewMessage.user("different").clientMessageId("k"));
        assertThat(inC2.replayed()).as("not a replay of the other conversation's message").isFalse();
        assertThat(inC2.message().id()).as("a new message").isNotEqualTo(inC1.message().id());
        assertThat(alice().messages().byClientMessageId(c1.id(), "k")).as("c1's message").contains(inC1.message());
        assertThat(alice().messages().byClientMessageId(c2.id(), "k")).as("c2's message").contains(inC2.message());
    }

    /** Without a clientMessageId nothing is deduplicated: look at the replay lookup, it must not match on content. */
    @Test
    default void identicalAppendsWithoutClientMessageIdAreTwoMessages() {
        Conversation c = newConversation(alice());
        Appended first = alice().messages().append(c.id(), NewMessage.user("same"));
        Appended second = alice().messages().append(c.id(), NewMessage.user("same"));
        assertThat(second.replayed()).as("not a replay").isFalse();
        assertThat(second.message().id()).as("a second message").isNotEqualTo(first.message().id());
        assertThat(reload(alice(), c.id()).messageCount()).as("two messages").isEqualTo(2);
    }

    /**
     * A repeated clientMessageId inside one batch replays the earlier item: look at how appendAll tracks keys it
     * stored itself.
     */
    @Test
    default void replaysInsideOneAppendAllBatchStoreOnce() {
        Conversation c = newConversation(alice());
        NewMessage m = NewMessage.user("once").clientMessageId("k");
        List<Appended> result = alice().messages().appendAll(c.id(), List.of(m, NewMessage.user("other"), m));
        assertThat(result).as("one result per item").hasSize(3);
        assertThat(result.get(0).replayed()).as("the first occurrence is stored").isFalse();
        assertThat(result.get(2).replayed()).as("the repeat is a replay").isTrue();
        assertThat(result.get(2).message()).as("the repeat returns the first occurrence").isEqualTo(result.get(0).message());
        assertThat(reload(alice(), c.id()).messageCount()).as("two messages stored").isEqualTo(2);
        assertThat(Samples.seqs(List.of(result.get(0).message(), result.get(1).message())))
                .as("no seq is spent on the replay").containsExactly(1L, 2L);
    }

    /** A batch replaying a stored message stores only the new ones: look at appendAll's per-item replay lookup. */
    @Test
    default void appendAllReplayingAnEarlierMessageStoresOnlyTheNewOnes() {
        Conversation c = newConversation(alice());
        Message original = append(alice(), c.id(), NewMessage.user("q").clientMessageId("k"));
        List<Appended> result = alice().messages().appendAll(c.id(), List.of(
                NewMessage.user("q").clientMessageId("k"), NewMessage.assistant("a")));
        assertThat(result.get(0).replayed()).as("the known message is a replay").isTrue();
        assertThat(result.get(0).message()).as("the original is returned").isEqualTo(original);
        assertThat(result.get(1).replayed()).as("the new message is stored").isFalse();
        assertThat(result.get(1).message().seq()).as("the new message follows the original").isEqualTo(2);
        assertThat(reload(alice(), c.id()).messageCount()).as("one new message").isEqualTo(2);
    }

    /** A conflicting replay anywhere in a batch rolls the whole batch back: look at the transaction around appendAll. */
    @Test
    default void appendAllWithAConflictingReplayStoresNothing() {
        Conversation c = newConversation(alice());
        append(alice(), c.id(), NewMessage.user("q").clientMessageId("k"));
        UserSnapshot before = UserSnapshot.of(alice());
        assertThatThrownBy(() -> alice().messages().appendAll(c.id(), List.of(
                NewMessage.user("new one"), NewMessage.user("changed").clientMessageId("k"))))
                .as("the batch reuses k with a different payload").isInstanceOf(IdempotencyConflictException.class);
        assertThat(UserSnapshot.of(alice())).as("nothing of the batch is stored").isEqualTo(before);
    }

    /**
     * byClientMessageId looks in the named conversation only, case-sensitively: look at its WHERE clause and column
     * collation.
     */
    @Test
    default void byClientMessageIdFindsTheMessageInItsConversationOnly() {
        Conversation c = newConversation(alice());
        Conversation other = newConversation(alice());
        Message m = append(alice(), c.id(), NewMessage.user("x").clientMessageId("k"));
        assertThat(alice().messages().byClientMessageId(c.id(), "k")).as("found in its conversation").contains(m);
        assertThat(alice().messages().byClientMessageId(other.id(), "k")).as("not in another conversation").isEmpty();
        assertThat(alice().messages().byClientMessageId(c.id(), "K")).as("ids are case-sensitive").isEmpty();
    }

    /**
     * A replay compares type, media, usage and tool call id too: the same payload replays, a different one conflicts
     * and stores nothing. Look at the payload fingerprint.
     */
    @Test
    default void replaysCompareTypeMediaUsageAndToolCallIdToo() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        NewMessage original = NewMessage.user("pic").clientMessageId("k1").type(MessageType.IMAGE)
                .media(Media.refs("s3://a.png")).usage(TokenUsage.of("m", 1, 2));
        Message stored = append(alice, c.id(), original);
        Appended replay = alice.messages().append(c.id(), NewMessage.user("pic").clientMessageId("k1")
                .type(MessageType.IMAGE).media(Media.refs("s3://a.png")).usage(TokenUsage.of("m", 1, 2)));
        assertThat(replay.replayed()).as("the same payload replays").isTrue();
        assertThat(replay.message()).as("the original").isEqualTo(stored);
        List<NewMessage> conflicting = List.of(
                original.type(MessageType.MULTIMODAL),
                original.media(Media.refs("s3://b.png")),
                original.media(Media.refs("s3://a.png", "s3://b.png")),
                original.media(new Media(List.of("s3://a.png"), "s3://a.ogg", 1L)),
                original.usage(TokenUsage.of("m", 1, 3)),
                original.usage(TokenUsage.of("other", 1, 2)),
                original.usage(TokenUsage.NONE));
        for (NewMessage n : conflicting) {
            assertThat(catchThrowable(() -> alice.messages().append(c.id(), n))).as("a replay with %s", n)
                    .isInstanceOf(IdempotencyConflictException.class);
        }
        Message tool = append(alice, c.id(), NewMessage.tool("call-1", "out").clientMessageId("k2"));
        assertThat(alice.messages().append(c.id(), NewMessage.tool("call-1", "out").clientMessageId("k2")).message())
                .as("a tool replay").isEqualTo(tool);
        assertThat(catchThrowable(() -> alice.messages().append(c.id(), NewMessage.tool("call-2", "out").clientMessageId("k2"))))
                .as("a replay with another tool call id").isInstanceOf(IdempotencyConflictException.class);
        assertThat(reload(alice, c.id()).messageCount()).as("two messages stored").isEqualTo(2);
    }

    /** findReply(request) must follow the stored link, not adjacency: two requests answered out of order each find their own reply. */
    @Test
    default void findReplyFindsTheReplyOfThatRequestNeverANeighbours() {
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
    default void findReplyReturnsTheNewestOfSeveralReplies() {
        Conversation c = newConversation(alice());
        Message request = say(alice(), c.id(), "question");
        append(alice(), c.id(), NewMessage.assistant("draft").replyTo(request.id()));
        say(alice(), c.id(), "regenerate please");
        Message newest = append(alice(), c.id(), NewMessage.assistant("final").replyTo(request.id()));
        assertThat(alice().messages().findReply(request.id())).as("the newest reply").map(Message::id).contains(newest.id());
    }

    /** A request nobody answered has no reply: look at replyTo's WHERE clause (the link, not adjacency). */
    @Test
    default void findReplyIsEmptyForAnUnansweredRequest() {
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

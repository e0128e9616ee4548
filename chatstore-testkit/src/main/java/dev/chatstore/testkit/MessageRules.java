package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Appended;
import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.Feedback;
import dev.chatstore.Limits;
import dev.chatstore.Media;
import dev.chatstore.Message;
import dev.chatstore.MessageType;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Rating;
import dev.chatstore.Role;
import dev.chatstore.TokenUsage;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Appending, reading, editing and deleting messages: the per-conversation sequence, the
 * conversation's counters, batches that are stored whole or not at all, and edits in place.
 */
public interface MessageRules extends StoreFixture {

    /** Look at how append fills the record: seq 1 in a new conversation, createdAt from the injected clock, not a replay. */
    @Test
    default void appendReturnsTheStoredMessageWithClockTime() {
        Conversation c = newConversation(alice());
        Appended appended = alice().messages().append(c.id(), NewMessage.user("Hello").metadata(Map.of("k", "v")));
        Message m = appended.message();
        assertThat(appended.replayed()).as("a first append is not a replay").isFalse();
        assertThat(m.id()).as("id is a lowercase UUID").matches(Samples.ID_PATTERN);
        assertThat(m.conversationId()).as("conversationId").isEqualTo(c.id());
        assertThat(m.seq()).as("the first message has seq 1").isEqualTo(1);
        assertThat(m.role()).as("role").isEqualTo(Role.USER);
        assertThat(m.content()).as("content").isEqualTo("Hello");
        assertThat(m.metadata()).as("metadata").isEqualTo(Map.of("k", "v"));
        assertThat(m.clientMessageId()).as("no client message id given").isNull();
        assertThat(m.replyToId()).as("no reply-to given").isNull();
        assertThat(m.createdAt()).as("createdAt comes from the injected clock").isEqualTo(clock().now());
    }

    /** get must return exactly what append returned: look at the row mapper and timestamp precision. */
    @Test
    default void getReturnsTheMessageExactlyAsAppended() {
        Conversation c = newConversation(alice());
        Message request = append(alice(), c.id(), NewMessage.user("q").clientMessageId("cid-1"));
        Message m = append(alice(), c.id(), NewMessage.assistant("a").replyTo(request.id())
                .metadata(Samples.richMetadata()));
        assertThat(alice().messages().get(request.id())).as("get returns the request as appended").contains(request);
        assertThat(alice().messages().get(m.id())).as("get returns the reply as appended").contains(m);
    }

    /**
     * seq counts 1, 2, 3 … per conversation: look at where the next seq comes from (a per-conversation counter, not a
     * global one).
     */
    @Test
    default void seqStartsAtOneAndCountsUpPerConversationIndependently() {
        UserChats alice = alice();
        Conversation a = newConversation(alice);
        Conversation b = newConversation(alice);
        List<Long> seqA = new ArrayList<>();
        List<Long> seqB = new ArrayList<>();
        seqA.add(say(alice, a.id(), "a1").seq());
        seqB.add(say(alice, b.id(), "b1").seq());
        seqA.add(say(alice, a.id(), "a2").seq());
        seqA.add(say(alice, a.id(), "a3").seq());
        seqB.add(say(alice, b.id(), "b2").seq());
        Conversation other = newConversation(bob());
        say(bob(), other.id(), "bob1");
        seqA.add(say(alice, a.id(), "a4").seq());
        assertThat(seqA).as("seqs in conversation a").containsExactly(1L, 2L, 3L, 4L);
        assertThat(seqB).as("seqs in conversation b").containsExactly(1L, 2L);
    }

    /** messageCount and lastMessageAt follow every append and batch: look at the counter UPDATE in the append transaction. */
    @Test
    default void messageCountAndLastMessageAtFollowEveryAppend() {
        Conversation c = newConversation(alice());
        for (int i = 1; i <= 3; i++) {
            Instant at = clock().advance(Duration.ofSeconds(10));
            say(alice(), c.id(), "message " + i);
            Conversation now = reload(alice(), c.id());
            assertThat(now.messageCount()).as("count after %d appends", i).isEqualTo(i);
            assertThat(now.lastMessageAt()).as("lastMessageAt after append %d is that append's time", i).isEqualTo(at);
        }
        Instant batchAt = clock().advance(Duration.ofSeconds(10));
        alice().messages().appendAll(c.id(), List.of(NewMessage.user("x"), NewMessage.assistant("y")));
        Conversation after = reload(alice(), c.id());
        assertThat(after.messageCount()).as("count after a batch of 2").isEqualTo(5);
        assertThat(after.lastMessageAt()).as("lastMessageAt after the batch").isEqualTo(batchAt);
    }

    /**
     * After deletes, lastMessageAt is the newest remaining message's time (null when none): look at the counter
     * UPDATE in delete.
     */
    @Test
    default void deletingMessagesKeepsCountAndLastMessageAtExact() {
        Conversation c = newConversation(alice());
        Instant t1 = clock().advance(Duration.ofSeconds(1));
        Message m1 = say(alice(), c.id(), "one");
        Instant t2 = clock().advance(Duration.ofSeconds(1));
        Message m2 = say(alice(), c.id(), "two");
        clock().advance(Duration.ofSeconds(1));
        Message m3 = say(alice(), c.id(), "three");
        clock().advance(Duration.ofSeconds(1));

        assertThat(alice().messages().delete(m3.id())).as("deleting the newest message").isTrue();
        assertThat(reload(alice(), c.id())).as("after deleting the newest").extracting(Conversation::messageCount,
                Conversation::lastMessageAt).containsExactly(2L, t2);
        assertThat(alice().messages().delete(m1.id())).as("deleting the oldest message").isTrue();
        assertThat(reload(alice(), c.id())).as("after deleting the oldest").extracting(Conversation::messageCount,
                Conversation::lastMessageAt).containsExactly(1L, t2);
        assertThat(alice().messages().delete(m2.id())).as("deleting the last message").isTrue();
        assertThat(reload(alice(), c.id())).as("after deleting every message").extracting(Conversation::messageCount,
                Conversation::lastMessageAt).containsExactly(0L, null);
        assertThat(t1).as("the first append's time is no longer the last message time").isBefore(t2);
    }

    /** seq is never reused: look at where the next seq comes from (a counter, not MAX(seq) + 1). */
    @Test
    default void seqIsNeverReusedAfterDeletingTheNewestMessage() {
        Conversation c = newConversation(alice());
        fill(alice(), c.id(), 3);
        Message third = alice().messages().latest(c.id(), 1).items().get(0);
        alice().messages().delete(third.id());
        Message next = say(alice(), c.id(), "after delete");
        assertThat(next.seq()).as("the next message gets seq 4, not the deleted message's 3").isEqualTo(4);
        assertThat(next.id()).as("and a new id").isNotEqualTo(third.id());
    }

    /**
     * A deleted message leaves get and listings, and a second delete reports false: look at the DELETE and its
     * affected-row count.
     */
    @Test
    default void deletedMessageIsGoneAndASecondDeleteReturnsFalse() {
        Conversation c = newConversation(alice());
        Message keep = say(alice(), c.id(), "keep");
        Message doomed = say(alice(), c.id(), "doomed");
        assertThat(alice().messages().delete(doomed.id())).as("first delete").isTrue();
        assertThat(alice().messages().get(doomed.id())).as("get after delete").isEmpty();
        assertThat(Samples.messageIds(alice().messages().oldestFirst(c.id(), PageRequest.first()).items()))
                .as("listing after delete").containsExactly(keep.id());
        assertThat(alice().messages().delete(doomed.id())).as("second delete finds nothing").isFalse();
    }

    /** appendAll stores the batch in order with consecutive seqs: look at how seqs are assigned inside the batch. */
    @Test
    default void appendAllStoresTheBatchInOrderWithConsecutiveSeqs() {
        Conversation c = newConversation(alice());
        say(alice(), c.id(), "before");
        List<Appended> appended = alice().messages().appendAll(c.id(), List.of(
                NewMessage.system("s"), NewMessage.user("u"), NewMessage.assistant("a"), NewMessage.tool("call-1", "t")));
        assertThat(appended).as("one result per message, in order").hasSize(4);
        assertThat(appended).as("nothing in a fresh batch is a replay").noneMatch(Appended::replayed);
        assertThat(appended.stream().map(a -> a.message().seq()).toList()).as("consecutive seqs after the existing one")
                .containsExactly(2L, 3L, 4L, 5L);
        assertThat(appended.stream().map(a -> a.message().content()).toList()).as("contents in batch order")
                .containsExactly("s", "u", "a", "t");
        assertThat(reload(alice(), c.id()).messageCount()).as("count includes the whole batch").isEqualTo(5);
    }

    /**
     * A batch long enough to go to the database in several statements (263 messages) is stored whole, in order, each
     * message exactly as appended: look at how the batch's rows are bound, statement by statement.
     */
    @Test
    default void aLongBatchIsStoredWholeInOrderAndEachMessageAsAppended() {
        Conversation c = newConversation(alice());
        say(alice(), c.id(), "before");
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 0; i < 263; i++) {
            NewMessage m = (i % 2 == 0 ? NewMessage.user("user " + i)
                    : NewMessage.assistant("assistant " + i).usage(TokenUsage.of("model-" + i, i, i + 1)))
                    .metadata(Map.of("i", i));
            if (i % 2 == 1 && i % 5 == 0) {
                m = m.reasoning("thought " + i);
            }
            batch.add(i % 3 == 0 ? m.clientMessageId("batch-" + i) : m);
        }
        List<Message> appended = alice().messages().appendAll(c.id(), batch).stream().map(Appended::message).toList();
        assertThat(appended.stream().map(Message::seq).toList()).as("seqs 2..264 in batch order")
                .isEqualTo(LongStream.rangeClosed(2, 264).boxed().toList());
        List<Message> stored = new ArrayList<>();
        for (long after = 1; stored.size() < appended.size(); ) {
            List<Message> page = alice().messages().after(c.id(), after, Limits.MESSAGES_PAGE_MAX).items();
            assertThat(page).as("messages after seq " + after).isNotEmpty();
            stored.addAll(page);
            after = page.get(page.size() - 1).seq();
        }
        assertThat(stored).as("every message read back exactly as appendAll returned it").isEqualTo(appended);
        for (int i = 1; i < appended.size(); i++) {
            assertThat(appended.get(i).parentId()).as("message " + i + " follows the one before it")
                    .isEqualTo(appended.get(i - 1).id());
        }
        assertThat(alice().messages().append(c.id(), batch.get(261)).replayed())
                .as("a client id from the middle of the batch replays").isTrue();
        assertThat(reload(alice(), c.id()).messageCount()).as("count").isEqualTo(264);
    }

    /** Same-millisecond appends must still get distinct ids: look at the id generator (UUIDv7 with random bits). */
    @Test
    default void sameMillisecondAppendsGetDistinctIds() {
        Conversation c = newConversation(alice());
        List<Message> messages = fill(alice(), c.id(), 300);
        messages.add(say(alice(), c.id(), "single"));
        assertThat(new HashSet<>(Samples.messageIds(messages))).as("300 batch ids and one single id are distinct").hasSize(301);
    }

    /**
     * A batch of exactly the maximum is stored, one more is InvalidInputException("messages"): look at appendAll's
     * size check.
     */
    @Test
    default void appendAllAcceptsAtMostTheMaximumBatch() {
        Conversation c = newConversation(alice());
        List<NewMessage> tooMany = Collections.nCopies(Limits.BATCH_MAX + 1, NewMessage.user("x"));
        expectInvalid("messages", () -> alice().messages().appendAll(c.id(), tooMany));
        assertThat(reload(alice(), c.id()).messageCount()).as("nothing of the oversized batch is stored").isZero();
        List<NewMessage> max = new ArrayList<>(Collections.nCopies(Limits.BATCH_MAX, NewMessage.user("x")));
        assertThat(alice().messages().appendAll(c.id(), max)).as("a batch of exactly the maximum").hasSize(Limits.BATCH_MAX);
        assertThat(reload(alice(), c.id()).messageCount()).as("all of it stored").isEqualTo(Limits.BATCH_MAX);
    }

    /** One invalid message (reply-to in another conversation) must roll back the whole batch: look at the transaction. */
    @Test
    default void appendAllWithAReplyToFromAnotherConversationStoresNothing() {
        Conversation c = newConversation(alice());
        Conversation elsewhere = newConversation(alice());
        Message foreign = say(alice(), elsewhere.id(), "elsewhere");
        say(alice(), c.id(), "existing");
        UserSnapshot before = UserSnapshot.of(alice());
        expectNotFound("the reply-to message is not in this conversation", () -> alice().messages().appendAll(c.id(), List.of(
                NewMessage.user("first").clientMessageId("batch-1"),
                NewMessage.assistant("second").replyTo(foreign.id()),
                NewMessage.user("third"))));
        assertThat(UserSnapshot.of(alice())).as("nothing of the batch is stored, counts unchanged").isEqualTo(before);
        assertThat(alice().messages().byClientMessageId(c.id(), "batch-1")).as("the batch's first message is not stored").isEmpty();
    }

    /**
     * An attachment of another user fails the whole batch, links included: look at the attachment ownership check and
     * the transaction.
     */
    @Test
    default void appendAllWithAnAttachmentOfAnotherUserStoresNothing() {
        Conversation c = newConversation(alice());
        Attachment mine = storedFile(alice(), "mine.pdf");
        Attachment theirs = storedFile(bob(), "theirs.pdf");
        UserSnapshot before = UserSnapshot.of(alice());
        UserSnapshot bobBefore = UserSnapshot.of(bob());
        expectNotFound("the attachment is not the user's", () -> alice().messages().appendAll(c.id(), List.of(
                NewMessage.user("first").attachments(mine.id()),
                NewMessage.user("second").attachments(theirs.id()))));
        assertThat(UserSnapshot.of(alice())).as("nothing of the batch is stored, no link made").isEqualTo(before);
        assertThat(UserSnapshot.of(bob())).as("the other user's attachment is untouched").isEqualTo(bobBefore);
        assertThat(Samples.attachmentIds(alice().attachments().orphans(10))).as("the own attachment is still an orphan")
                .containsExactly(mine.id());
    }

    /**
     * Appending to a well-formed id that names no conversation is NotFoundException, alone or in a batch, and stores
     * nothing (no message without its conversation, no client message id): look at append's conversation lookup.
     */
    @Test
    default void appendingToAnUnknownConversationIsNotFoundAndStoresNothing() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        expectNotFound("append", () -> alice().messages().append(id, NewMessage.user("x")));
        expectNotFound("append with a client message id", () -> alice().messages().append(id,
                NewMessage.user("x").clientMessageId("k")));
        expectNotFound("appendAll", () -> alice().messages().appendAll(id, List.of(NewMessage.user("x"))));
        assertThat(alice().messages().byClientMessageId(id, "k")).as("byClientMessageId of the refused key").isEmpty();
        assertThat(alice().messages().byClientMessageId(id, SeededUser.CLIENT_MESSAGE_ID))
                .as("byClientMessageId of a key used in another conversation").isEmpty();
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * editContent replaces the content, records editedAt from the clock and keeps id, seq, role, createdAt and
     * details: look at the edit UPDATE's column list.
     */
    @Test
    default void editContentReplacesTheContentAndRecordsTheEditTime() {
        Conversation c = newConversation(alice());
        Message m = append(alice(), c.id(), NewMessage.user("helo wrold").clientMessageId("k")
                .type(MessageType.IMAGE).media(Media.refs("s3://a.png")).metadata(Map.of("lang", "en")));
        alice().messages().setFeedback(m.id(), Feedback.rated(Rating.THUMBS_UP));
        Message before = reloadMessage(alice(), m.id());
        assertThat(before.editedAt()).as("never edited yet").isNull();
        Instant later = clock().advance(Duration.ofMinutes(3));
        Message edited = alice().messages().editContent(m.id(), "hello world " + Samples.UNICODE);
        assertThat(edited.content()).as("the new content").isEqualTo("hello world " + Samples.UNICODE);
        assertThat(edited.editedAt()).as("editedAt from the clock").isEqualTo(later);
        assertThat(edited).as("everything else is kept").usingRecursiveComparison()
                .ignoringFields("content", "editedAt").isEqualTo(before);
        assertThat(reloadMessage(alice(), m.id())).as("stored").isEqualTo(edited);
        Instant again = clock().advance(Duration.ofMinutes(1));
        assertThat(alice().messages().editContent(m.id(), "").editedAt()).as("a second edit, to empty content").isEqualTo(again);
        assertThat(reloadMessage(alice(), m.id()).content()).as("empty content is allowed").isEmpty();
    }

    /**
     * Editing keeps the conversation's count and order, and the preview follows an edit of the newest message only:
     * look at whether the edit recomputes the preview.
     */
    @Test
    default void editingTheNewestMessageUpdatesThePreview() {
        Conversation c = newConversation(alice());
        Message older = say(alice(), c.id(), "older");
        Message newest = say(alice(), c.id(), "newest");
        alice().messages().editContent(older.id(), "older, edited");
        assertThat(reload(alice(), c.id()).lastMessagePreview()).as("editing an older message keeps the preview")
                .isEqualTo("newest");
        alice().messages().editContent(newest.id(), "newest, edited");
        Conversation read = reload(alice(), c.id());
        assertThat(read.lastMessagePreview()).as("the preview shows the edited newest message").isEqualTo("newest, edited");
        assertThat(read.messageCount()).as("an edit adds no message").isEqualTo(2);
        assertThat(Samples.contents(alice().messages().oldestFirst(c.id(), PageRequest.first()).items()))
                .as("edited in place, in order").containsExactly("older, edited", "newest, edited");
    }

    /** An edit with content of the maximum length is stored, one char more is rejected: look at editContent's checks. */
    @Test
    default void editContentChecksTheContentLikeAppend() {
        Conversation c = newConversation(alice());
        Message m = say(alice(), c.id(), "short");
        for (String bad : List.of("x".repeat(Limits.CONTENT_MAX + 1), "nul\0", "lone \uD800")) {
            expectInvalid("content", () -> alice().messages().editContent(m.id(), bad));
        }
        assertThat(reloadMessage(alice(), m.id())).as("a rejected edit changes nothing").isEqualTo(m);
        String max = "y".repeat(Limits.CONTENT_MAX);
        alice().messages().editContent(m.id(), max);
        assertThat(reloadMessage(alice(), m.id()).content()).as("content at the maximum").isEqualTo(max);
    }

    /**
     * A well-formed id that names no message: get and findReply are empty, delete is false, editContent and a reply to
     * it are NotFoundException, and nothing changes. Look at how each Messages method reports a missing row.
     */
    @Test
    default void anUnknownMessageReadsEmptyAndEveryChangeIsNotFound() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        assertThat(alice().messages().get(id)).as("get").isEmpty();
        assertThat(alice().messages().findReply(id)).as("findReply").isEmpty();
        assertThat(alice().messages().delete(id)).as("delete").isFalse();
        expectNotFound("editContent", () -> alice().messages().editContent(id, "x"));
        expectNotFound("a reply to an unknown message",
                () -> alice().messages().append(a.conversation().id(), NewMessage.assistant("x").replyTo(id)));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }
}

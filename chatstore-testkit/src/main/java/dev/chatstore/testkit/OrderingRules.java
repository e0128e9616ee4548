package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.Message;
import dev.chatstore.NewFact;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Order never depends on the clock (DESIGN principle 2). The clock stays frozen, so every operation
 * happens in the same millisecond: order must come from the sequence, and ids must still be unique.
 */
public interface OrderingRules extends StoreFixture {

    /** Same-millisecond appends must list in append order: look at the ORDER BY (seq, never created_at or id). */
    @Test
    default void sameMillisecondAppendsListInAppendOrder() {
        Conversation c = newConversation(alice());
        List<String> appended = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            appended.add(say(alice(), c.id(), "m" + i).id());
        }
        List<Message> listed = alice().messages().oldestFirst(c.id(), PageRequest.first(200)).items();
        assertThat(Samples.messageIds(listed)).as("oldest first is append order").containsExactlyElementsOf(appended);
        assertThat(Samples.seqs(listed)).as("seqs are 1..120")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 120).boxed().toList());
        assertThat(listed).as("all in the same millisecond").allMatch(m -> m.createdAt().equals(clock().now()));
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
     * newestFirst under a frozen clock is descending seq across pages: look at the ORDER BY and the cursor key (seq,
     * not time).
     */
    @Test
    default void newestFirstUnderAFrozenClockIsDescendingSeqAcrossPages() {
        Conversation c = newConversation(alice());
        for (int i = 1; i <= 40; i++) {
            say(alice(), c.id(), "m" + i);
        }
        List<Message> walked = Pages.all(p -> alice().messages().newestFirst(c.id(), p), 7);
        List<Long> expected = new ArrayList<>(LongStream.rangeClosed(1, 40).boxed().toList());
        Collections.reverse(expected);
        assertThat(Samples.seqs(walked)).as("descending seq 40..1").containsExactlyElementsOf(expected);
    }

    /** after() under a frozen clock follows seq: look at its ORDER BY. */
    @Test
    default void afterUnderAFrozenClockFollowsSeq() {
        Conversation c = newConversation(alice());
        for (int i = 1; i <= 30; i++) {
            say(alice(), c.id(), "m" + i);
        }
        List<Message> after = alice().messages().after(c.id(), 10, 15).items();
        assertThat(Samples.contents(after)).as("messages 11..25 in append order")
                .containsExactlyElementsOf(LongStream.rangeClosed(11, 25).mapToObj(i -> "m" + i).toList());
    }

    /** A batch appended in one millisecond keeps its order: look at seq assignment within the batch and the ORDER BY. */
    @Test
    default void appendAllUnderAFrozenClockKeepsBatchOrder() {
        Conversation c = newConversation(alice());
        List<Message> batch = fill(alice(), c.id(), 100);
        List<Message> listed = alice().messages().oldestFirst(c.id(), PageRequest.first(100)).items();
        assertThat(Samples.messageIds(listed)).as("listed in batch order").containsExactlyElementsOf(Samples.messageIds(batch));
        List<Message> newest = alice().messages().latest(c.id(), 3).items();
        assertThat(Samples.contents(newest)).as("latest 3 are the batch's last three, newest first")
                .containsExactly("m100", "m99", "m98");
    }

    /** A clock going backwards does not reorder messages: look for ordering by createdAt anywhere in the message listings. */
    @Test
    default void aClockGoingBackwardsDoesNotReorderMessages() {
        Conversation c = newConversation(alice());
        Message first = say(alice(), c.id(), "first");
        clock().advance(Duration.ofHours(-1));
        Message second = say(alice(), c.id(), "second");
        assertThat(second.seq()).as("the later append has the higher seq").isGreaterThan(first.seq());
        assertThat(Samples.messageIds(alice().messages().oldestFirst(c.id(), PageRequest.first()).items()))
                .as("oldest first is append order, whatever the timestamps").containsExactly(first.id(), second.id());
        assertThat(Samples.messageIds(alice().messages().newestFirst(c.id(), PageRequest.first()).items()))
                .as("newest first is reverse append order, whatever the timestamps").containsExactly(second.id(), first.id());
    }

    /** Conversations created in one millisecond must list newest created first: the tie-break is the store's own order. */
    @Test
    default void sameMillisecondConversationsListNewestCreatedFirst() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(newConversation(alice()).id());
        }
        Collections.reverse(created);
        assertThat(Samples.conversationIds(alice().conversations().list(PageRequest.first()).items()))
                .as("newest created first, with a frozen clock").containsExactlyElementsOf(created);
    }

    /**
     * Under a frozen clock an append still moves its conversation to the top: look at the activity tie-breaker (a
     * sequence, not the timestamp or id).
     */
    @Test
    default void appendUnderAFrozenClockMovesAnOlderConversationToTheTop() {
        UserChats alice = alice();
        String c1 = newConversation(alice).id();
        String c2 = newConversation(alice).id();
        String c3 = newConversation(alice).id();
        say(alice, c1, "bump c1");
        assertThat(Samples.conversationIds(alice.conversations().list(PageRequest.first()).items()))
                .as("c1 got the newest activity").containsExactly(c1, c3, c2);
        say(alice, c2, "bump c2");
        assertThat(Samples.conversationIds(alice.conversations().list(PageRequest.first()).items()))
                .as("then c2 got the newest activity").containsExactly(c2, c1, c3);
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
}

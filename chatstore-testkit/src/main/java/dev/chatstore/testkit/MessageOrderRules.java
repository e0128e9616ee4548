package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.NotFoundException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The order a conversation's messages are read in: by their sequence, never by the clock (DESIGN
 * principle 2). The clock stays frozen, so every append happens in the same millisecond, or runs
 * backwards; newestFirst, oldestFirst, after(seq) and latest must still follow the appends.
 */
public interface MessageOrderRules extends StoreFixture {

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

    /**
     * after(conversation, seq, limit) returns up to limit messages past seq, oldest first: look at its WHERE seq > ?
     * and LIMIT.
     */
    @Test
    default void afterReturnsTheMessagesPastASeqOldestFirst() {
        Conversation c = newConversation(alice());
        fill(alice(), c.id(), 10);
        assertThat(Samples.seqs(alice().messages().after(c.id(), 3, 4).items())).as("after 3, limit 4")
                .containsExactly(4L, 5L, 6L, 7L);
        assertThat(Samples.seqs(alice().messages().after(c.id(), 8, 100).items())).as("after 8, limit 100")
                .containsExactly(9L, 10L);
        assertThat(alice().messages().after(c.id(), 10, 5).items()).as("nothing after the newest").isEmpty();
        assertThat(Samples.seqs(alice().messages().after(c.id(), 0, 100).items())).as("after 0 is everything")
                .hasSize(10).isSorted();
    }

    /** latest(conversation, n) is the first newestFirst page of n: look at newestFirst's first page. */
    @Test
    default void latestReturnsTheNewestMessagesNewestFirst() {
        Conversation c = newConversation(alice());
        fill(alice(), c.id(), 12);
        Page<Message> latest = alice().messages().latest(c.id(), 5);
        assertThat(Samples.contents(latest.items())).as("the newest 5, newest first").containsExactly("m12", "m11", "m10", "m9", "m8");
        assertThat(latest.hasNext()).as("older messages lie beyond").isTrue();
        assertThat(latest.hasPrevious()).as("nothing is newer").isFalse();
        expectInvalid("limit", () -> alice().messages().latest(c.id(), Limits.MESSAGES_PAGE_MAX + 1));
    }

    /**
     * Reading the messages of a well-formed id that names no conversation is NotFoundException (after may instead be
     * empty; the API leaves it open) and changes nothing: look at how each listing checks its conversation.
     */
    @Test
    default void readingTheMessagesOfAnUnknownConversationIsNotFound() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        expectNotFound("newestFirst", () -> alice().messages().newestFirst(id, PageRequest.first()));
        expectNotFound("oldestFirst", () -> alice().messages().oldestFirst(id, PageRequest.first()));
        expectNotFound("latest", () -> alice().messages().latest(id, 10));
        AtomicReference<List<Message>> after = new AtomicReference<>(List.of());
        Throwable thrown = catchThrowable(() -> after.set(alice().messages().after(id, 0, 10).items()));
        assertThat(thrown).as("after() of an unknown conversation is empty or NotFoundException (the API leaves it open)")
                .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(NotFoundException.class));
        assertThat(after.get()).as("after() of an unknown conversation lists nothing").isEmpty();
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }
}

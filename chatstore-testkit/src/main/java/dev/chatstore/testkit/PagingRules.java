package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging of messages (DESIGN principle 3): newestFirst and oldestFirst, cursors both ways,
 * present exactly when items lie on that side; default 50, at most 200; stable while appends and
 * deletes happen between pages.
 */
public interface PagingRules extends StoreFixture {

    /**
     * Limit 0 means 50, 200 is allowed, 201 is InvalidInputException("limit"), in both directions: look at the
     * message listings' limit check.
     */
    @Test
    default void messagePagesDefaultToFiftyAndAllowAtMostTwoHundred() {
        Conversation c = newConversation(alice());
        fill(alice(), c.id(), 210);
        assertThat(alice().messages().newestFirst(c.id(), PageRequest.first()).items()).as("newestFirst default size").hasSize(50);
        assertThat(alice().messages().oldestFirst(c.id(), PageRequest.first()).items()).as("oldestFirst default size").hasSize(50);
        assertThat(alice().messages().newestFirst(c.id(), PageRequest.first(200)).items()).as("newestFirst max size").hasSize(200);
        assertThat(alice().messages().oldestFirst(c.id(), PageRequest.first(200)).items()).as("oldestFirst max size").hasSize(200);
        expectInvalid("limit", () -> alice().messages().newestFirst(c.id(), PageRequest.first(Limits.MESSAGES_PAGE_MAX + 1)));
        expectInvalid("limit", () -> alice().messages().oldestFirst(c.id(), PageRequest.first(Limits.MESSAGES_PAGE_MAX + 1)));
    }

    /** An empty conversation gives an empty page without cursors: look at how cursors are decided when there are no rows. */
    @Test
    default void emptyConversationGivesAnEmptyPageWithoutCursors() {
        Conversation c = newConversation(alice());
        for (Page<Message> page : List.of(alice().messages().newestFirst(c.id(), PageRequest.first()),
                alice().messages().oldestFirst(c.id(), PageRequest.first()))) {
            assertThat(page.items()).as("no messages").isEmpty();
            assertThat(page.hasNext()).as("no next cursor").isFalse();
            assertThat(page.hasPrevious()).as("no previous cursor").isFalse();
        }
    }

    /**
     * Cursors are present exactly when items lie on that side: look at the look-ahead row (limit + 1) and the check
     * behind the first item.
     */
    @Test
    default void cursorsArePresentExactlyWhenItemsLieOnThatSide() {
        Conversation c = newConversation(alice());
        fill(alice(), c.id(), 100);
        Page<Message> first = alice().messages().oldestFirst(c.id(), PageRequest.first(50));
        assertThat(first.hasPrevious()).as("nothing before the first page").isFalse();
        assertThat(first.hasNext()).as("50 more after the first page").isTrue();
        Page<Message> second = alice().messages().oldestFirst(c.id(), PageRequest.at(first.nextCursor(), 50));
        assertThat(second.items()).as("the second page holds the other 50").hasSize(50);
        assertThat(second.hasNext()).as("the second page ends on the last message, so no next cursor").isFalse();
        assertThat(second.hasPrevious()).as("the first page lies before the second").isTrue();
        Page<Message> all = alice().messages().newestFirst(c.id(), PageRequest.first(100));
        assertThat(all.hasNext()).as("a page holding everything has no next cursor").isFalse();
        assertThat(all.hasPrevious()).as("a page holding everything has no previous cursor").isFalse();
    }

    /** An oldestFirst walk visits every message once: look at the keyset condition (seq > cursor) and the page size. */
    @Test
    default void oldestFirstWalkVisitsEveryMessageOnceInAscendingSeq() {
        Conversation c = newConversation(alice());
        List<Message> appended = fill(alice(), c.id(), 123);
        List<Page<Message>> pages = Pages.walk(p -> alice().messages().oldestFirst(c.id(), p), 50);
        assertThat(pages.stream().map(p -> p.items().size()).toList()).as("page sizes").containsExactly(50, 50, 23);
        assertThat(Samples.messageIds(Pages.items(pages))).as("every message once, oldest first")
                .containsExactlyElementsOf(Samples.messageIds(appended));
    }

    /** A newestFirst walk visits every message once: look at the keyset condition (seq < cursor) and the page size. */
    @Test
    default void newestFirstWalkVisitsEveryMessageOnceInDescendingSeq() {
        Conversation c = newConversation(alice());
        List<String> expected = new ArrayList<>(Samples.messageIds(fill(alice(), c.id(), 123)));
        Collections.reverse(expected);
        List<Page<Message>> pages = Pages.walk(p -> alice().messages().newestFirst(c.id(), p), 50);
        assertThat(pages.stream().map(p -> p.items().size()).toList()).as("page sizes").containsExactly(50, 50, 23);
        assertThat(Samples.messageIds(Pages.items(pages))).as("every message once, newest first")
                .containsExactlyElementsOf(expected);
    }

    /**
     * oldestFirst: walking to the end and back returns the same pages: look at the reverse seek and the re-reversal
     * of its rows.
     */
    @Test
    default void oldestFirstNextThenPreviousReturnsTheSamePages() {
        assertNextThenPreviousReturnsTheSamePages(false);
    }

    /**
     * newestFirst: walking to the end and back returns the same pages: look at the reverse seek and the re-reversal
     * of its rows.
     */
    @Test
    default void newestFirstNextThenPreviousReturnsTheSamePages() {
        assertNextThenPreviousReturnsTheSamePages(true);
    }

    private void assertNextThenPreviousReturnsTheSamePages(boolean newestFirst) {
        Conversation c = newConversation(alice());
        fill(alice(), c.id(), 120);
        List<Page<Message>> forward = Pages.walk(p -> newestFirst
                ? alice().messages().newestFirst(c.id(), p) : alice().messages().oldestFirst(c.id(), p), 40);
        assertThat(forward).as("120 messages in pages of 40").hasSize(3);
        Page<Message> page = forward.get(2);
        for (int i = 1; i >= 0; i--) {
            String cursor = page.previousCursor();
            assertThat(cursor).as("page %d has a previous cursor", i + 2).isNotNull();
            page = newestFirst ? alice().messages().newestFirst(c.id(), PageRequest.at(cursor, 40))
                    : alice().messages().oldestFirst(c.id(), PageRequest.at(cursor, 40));
            assertThat(Samples.messageIds(page.items())).as("going back gives page %d again, in listing order", i + 1)
                    .isEqualTo(Samples.messageIds(forward.get(i).items()));
            assertThat(page.hasNext()).as("page %d has a next cursor", i + 1).isTrue();
        }
        assertThat(page.hasPrevious()).as("nothing lies before page 1").isFalse();
    }

    /** Appends between pages neither repeat nor skip messages: look for OFFSET paging; cursors must carry the last seq. */
    @Test
    default void oldestFirstWalkWithAppendsBetweenPagesNeitherRepeatsNorSkips() {
        Conversation c = newConversation(alice());
        List<String> originals = Samples.messageIds(fill(alice(), c.id(), 237));
        List<Message> seen = new ArrayList<>();
        Page<Message> page = alice().messages().oldestFirst(c.id(), PageRequest.first(50));
        seen.addAll(page.items());
        int appendedBetween = 0;
        while (page.hasNext()) {
            for (int i = 0; i < 3; i++) {
                say(alice(), c.id(), "late " + appendedBetween++);
            }
            page = alice().messages().oldestFirst(c.id(), PageRequest.at(page.nextCursor(), 50));
            seen.addAll(page.items());
        }
        List<String> seenIds = Samples.messageIds(seen);
        assertThat(Samples.seqs(seen)).as("strictly ascending seq: nothing repeated, nothing out of order")
                .isSorted().doesNotHaveDuplicates();
        assertThat(seenIds.subList(0, originals.size())).as("every original message exactly once, in seq order")
                .containsExactlyElementsOf(originals);
        assertThat(seen).as("and then the messages appended meanwhile").hasSize(originals.size() + appendedBetween);
    }

    /**
     * Newer messages arriving during a newestFirst walk do not shift it: look for OFFSET paging; cursors must carry
     * the last seq.
     */
    @Test
    default void newestFirstWalkWithAppendsBetweenPagesShowsEachOlderMessageOnce() {
        Conversation c = newConversation(alice());
        List<String> expected = new ArrayList<>(Samples.messageIds(fill(alice(), c.id(), 130)));
        Collections.reverse(expected);
        List<Message> seen = new ArrayList<>();
        Page<Message> page = alice().messages().newestFirst(c.id(), PageRequest.first(50));
        seen.addAll(page.items());
        while (page.hasNext()) {
            say(alice(), c.id(), "newer");
            page = alice().messages().newestFirst(c.id(), PageRequest.at(page.nextCursor(), 50));
            seen.addAll(page.items());
        }
        assertThat(Samples.messageIds(seen)).as("exactly the messages present at the start, newest first")
                .containsExactlyElementsOf(expected);
    }

    /**
     * Going back after new appends gives the adjacent items and a previous cursor: look at the reverse seek's bound
     * and the look-ahead.
     */
    @Test
    default void previousPageAfterNewAppendsIsTheAdjacentItems() {
        Conversation c = newConversation(alice());
        fill(alice(), c.id(), 60);
        Page<Message> first = alice().messages().newestFirst(c.id(), PageRequest.first(20));
        Page<Message> second = alice().messages().newestFirst(c.id(), PageRequest.at(first.nextCursor(), 20));
        fill(alice(), c.id(), 5);
        Page<Message> back = alice().messages().newestFirst(c.id(), PageRequest.at(second.previousCursor(), 20));
        assertThat(Samples.messageIds(back.items())).as("the 20 messages just newer than page 2: the old page 1")
                .isEqualTo(Samples.messageIds(first.items()));
        assertThat(back.hasPrevious()).as("the 5 new messages lie before it now").isTrue();
    }

    /**
     * A cursor stays valid after the message it points at is deleted: look at what the cursor
     * encodes (the seq, not an id that must still exist).
     */
    @Test
    default void cursorStaysValidAfterItsAnchorMessageIsDeleted() {
        Conversation c = newConversation(alice());
        List<Message> all = fill(alice(), c.id(), 30);
        Page<Message> first = alice().messages().oldestFirst(c.id(), PageRequest.first(10));
        Message lastOfFirst = first.items().get(9);
        Message firstOfSecond = all.get(10);
        alice().messages().delete(lastOfFirst.id());
        alice().messages().delete(firstOfSecond.id());
        Page<Message> second = alice().messages().oldestFirst(c.id(), PageRequest.at(first.nextCursor(), 10));
        assertThat(Samples.messageIds(second.items())).as("the next 10 remaining messages, none skipped")
                .containsExactlyElementsOf(Samples.messageIds(all.subList(11, 21)));
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
}

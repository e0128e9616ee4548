package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Listing a user's conversations: pinned first, then most recent activity first (creating and
 * appending are activity, ordered by the store even within one millisecond), keyset paged (default
 * 20, at most 100); archived ones left out of the list and listed on their own.
 */
public interface ConversationListRules extends StoreFixture {

    /** Creates {@code count} conversations a second apart and returns their ids, newest first. */
    private List<String> createSpaced(UserChats user, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clock().advance(Duration.ofSeconds(1));
            ids.add(newConversation(user).id());
        }
        Collections.reverse(ids);
        return ids;
    }

    /** Creates {@code n} untitled conversations one second apart and returns their ids, oldest first. */
    private List<String> createOldestFirst(UserChats user, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock().advance(Duration.ofSeconds(1));
            ids.add(newConversation(user).id());
        }
        return ids;
    }

    private List<String> listed(UserChats user) {
        return Samples.conversationIds(Pages.all(user.conversations()::list, Limits.CONVERSATIONS_PAGE_MAX));
    }

    private List<String> archived(UserChats user) {
        return Samples.conversationIds(Pages.all(user.conversations()::listArchived, Limits.CONVERSATIONS_PAGE_MAX));
    }

    /** Without messages, the newest created conversation comes first: look at the listing's ORDER BY (activity descending). */
    @Test
    default void listIsNewestCreatedFirstWithoutMessages() {
        List<String> newestFirst = createSpaced(alice(), 3);
        assertThat(Samples.conversationIds(alice().conversations().list(PageRequest.first()).items()))
                .as("newest conversation first").containsExactlyElementsOf(newestFirst);
    }

    /** An append moves its conversation to the top: look at the activity update in the append transaction. */
    @Test
    default void appendingToAConversationMovesItToTheTopOfTheList() {
        List<String> ids = createSpaced(alice(), 3);
        String oldest = ids.get(2);
        clock().advance(Duration.ofSeconds(1));
        say(alice(), oldest, "bump");
        assertThat(Samples.conversationIds(alice().conversations().list(PageRequest.first()).items()))
                .as("the conversation with the newest message comes first")
                .containsExactly(oldest, ids.get(0), ids.get(1));
    }

    /** Limit 0 means 20, 100 is allowed, 101 is InvalidInputException("limit"): look at the listing's limit check. */
    @Test
    default void listLimitZeroMeansTwentyAndAHundredIsTheMaximum() {
        createSpaced(alice(), Limits.CONVERSATIONS_PAGE_MAX + 1);
        Page<Conversation> byDefault = alice().conversations().list(PageRequest.first());
        assertThat(byDefault.items()).as("the default page size is 20").hasSize(Limits.CONVERSATIONS_PAGE_DEFAULT);
        Page<Conversation> max = alice().conversations().list(PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX));
        assertThat(max.items()).as("a page of 100 is allowed").hasSize(Limits.CONVERSATIONS_PAGE_MAX);
        assertThat(max.hasNext()).as("one more conversation lies beyond 100").isTrue();
        expectInvalid("limit", () -> alice().conversations().list(PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX + 1)));
    }

    /**
     * Next cursors visit every conversation once, with cursors exactly where items lie: look at the keyset condition
     * and the look-ahead row.
     */
    @Test
    default void listWalkVisitsEveryConversationOnceNewestFirst() {
        List<String> expected = createSpaced(alice(), 45);
        List<Page<Conversation>> pages = Pages.walk(alice().conversations()::list, 20);
        assertThat(pages).as("45 conversations in pages of 20 make 3 pages").hasSize(3);
        assertThat(pages.get(0).items()).as("first page is full").hasSize(20);
        assertThat(pages.get(2).items()).as("last page holds the rest").hasSize(5);
        assertThat(pages.get(0).hasPrevious()).as("nothing lies before the first page").isFalse();
        assertThat(pages.get(1).hasPrevious()).as("the first page lies before the second").isTrue();
        assertThat(pages.get(2).hasNext()).as("nothing lies after the last page").isFalse();
        assertThat(Samples.conversationIds(Pages.items(pages)))
                .as("every conversation exactly once, newest first").containsExactlyElementsOf(expected);
    }

    /**
     * previousCursor leads back to the same items in listing order: look at the reverse seek and the re-reversal of
     * its rows.
     */
    @Test
    default void listPreviousCursorLeadsBackToTheSamePages() {
        createSpaced(alice(), 25);
        List<Page<Conversation>> pages = Pages.walk(alice().conversations()::list, 10);
        assertThat(pages).as("25 conversations in pages of 10 make 3 pages").hasSize(3);
        Page<Conversation> back2 = alice().conversations().list(PageRequest.at(pages.get(2).previousCursor(), 10));
        assertThat(Samples.conversationIds(back2.items())).as("back from page 3 is page 2")
                .isEqualTo(Samples.conversationIds(pages.get(1).items()));
        Page<Conversation> back1 = alice().conversations().list(PageRequest.at(back2.previousCursor(), 10));
        assertThat(Samples.conversationIds(back1.items())).as("back from page 2 is page 1")
                .isEqualTo(Samples.conversationIds(pages.get(0).items()));
        assertThat(back1.hasPrevious()).as("nothing lies before page 1").isFalse();
        assertThat(back1.hasNext()).as("page 2 lies after page 1").isTrue();
    }

    /** An empty listing has no cursors: look at how cursors are decided when there are no rows. */
    @Test
    default void emptyListHasNoItemsAndNoCursors() {
        Page<Conversation> page = alice().conversations().list(PageRequest.first());
        assertThat(page.items()).as("no conversations").isEmpty();
        assertThat(page.hasNext()).as("no next cursor on an empty listing").isFalse();
        assertThat(page.hasPrevious()).as("no previous cursor on an empty listing").isFalse();
    }

    /** The listing shows current rows only (no deleted ones, fresh counters): look at the listing's query and row mapper. */
    @Test
    default void listShowsCurrentConversationsOnly() {
        List<String> ids = createSpaced(alice(), 3);
        alice().conversations().delete(ids.get(1));
        say(alice(), ids.get(2), "hi");
        List<Conversation> listed = alice().conversations().list(PageRequest.first()).items();
        assertThat(Samples.conversationIds(listed)).as("the deleted conversation is not listed")
                .doesNotContain(ids.get(1)).hasSize(2);
        assertThat(listed).as("listed conversations equal what get returns")
                .containsExactlyInAnyOrder(reload(alice(), ids.get(0)), reload(alice(), ids.get(2)));
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

    /**
     * Pinned conversations come first, newest activity first among themselves, and unpinning restores the activity
     * order: look at the ORDER BY of the list (pinned DESC before the activity key).
     */
    @Test
    default void pinnedConversationsAreListedFirst() {
        List<String> ids = createOldestFirst(alice(), 4);
        Conversation pinned = alice().conversations().setPinned(ids.get(0), true);
        assertThat(pinned.pinned()).as("the returned conversation is pinned").isTrue();
        assertThat(listed(alice())).as("the pinned oldest comes first")
                .containsExactly(ids.get(0), ids.get(3), ids.get(2), ids.get(1));
        alice().conversations().setPinned(ids.get(1), true);
        assertThat(listed(alice())).as("two pinned by activity, then the rest")
                .containsExactly(ids.get(1), ids.get(0), ids.get(3), ids.get(2));
        clock().advance(Duration.ofSeconds(1));
        say(alice(), ids.get(0), "bump");
        assertThat(listed(alice())).as("activity orders the pinned ones among themselves")
                .containsExactly(ids.get(0), ids.get(1), ids.get(3), ids.get(2));
        assertThat(alice().conversations().setPinned(ids.get(0), false).pinned()).as("unpinned").isFalse();
        alice().conversations().setPinned(ids.get(1), false);
        assertThat(listed(alice())).as("unpinned: activity order only")
                .containsExactly(ids.get(0), ids.get(3), ids.get(2), ids.get(1));
    }

    /**
     * Paging across the pinned/unpinned boundary returns each conversation once in order, in both directions: look at
     * the keyset predicate, which must include the pinned flag.
     */
    @Test
    default void pinnedFirstOrderHoldsAcrossPages() {
        List<String> ids = createOldestFirst(alice(), 12);
        List<String> pinned = List.of(ids.get(1), ids.get(4), ids.get(7), ids.get(10), ids.get(11));
        pinned.forEach(id -> alice().conversations().setPinned(id, true));
        List<String> expected = new ArrayList<>(pinned);
        Collections.reverse(expected);
        List<String> rest = new ArrayList<>(ids);
        rest.removeAll(pinned);
        Collections.reverse(rest);
        expected.addAll(rest);
        List<Page<Conversation>> pages = Pages.walk(alice().conversations()::list, 3);
        assertThat(Samples.conversationIds(Pages.items(pages))).as("pinned first, then the rest, each once")
                .containsExactlyElementsOf(expected);
        Page<Conversation> back = alice().conversations().list(PageRequest.at(pages.get(2).previousCursor(), 3));
        assertThat(Samples.conversationIds(back.items())).as("back from page 3 is page 2")
                .isEqualTo(Samples.conversationIds(pages.get(1).items()));
    }

    /**
     * An archived conversation leaves the list and appears in listArchived, stays readable and writable, and
     * unarchiving brings it back: look at the archived condition of both listings.
     */
    @Test
    default void archivedConversationsLeaveTheListAndAreListedOnTheirOwn() {
        List<String> ids = createOldestFirst(alice(), 3);
        Conversation archived = alice().conversations().setArchived(ids.get(1), true);
        assertThat(archived.archived()).as("the returned conversation is archived").isTrue();
        assertThat(listed(alice())).as("left out of the list").containsExactly(ids.get(2), ids.get(0));
        assertThat(archived(alice())).as("listed as archived").containsExactly(ids.get(1));
        assertThat(alice().conversations().get(ids.get(1))).as("still readable").contains(archived);
        Message m = say(alice(), ids.get(1), "still writable");
        assertThat(reload(alice(), ids.get(1)).messageCount()).as("and counted").isEqualTo(1);
        assertThat(alice().conversations().sidebar(PageRequest.first()).items()).as("the sidebar leaves it out")
                .extracting(s -> s.id()).containsExactly(ids.get(2), ids.get(0));
        assertThat(alice().conversations().setArchived(ids.get(1), false).archived()).as("unarchived").isFalse();
        assertThat(listed(alice())).as("back in the list, by its activity").containsExactly(ids.get(1), ids.get(2), ids.get(0));
        assertThat(archived(alice())).as("no longer archived").isEmpty();
        assertThat(alice().messages().get(m.id())).as("its messages are kept").isPresent();
    }

    /**
     * listArchived is ordered like list (pinned first, then activity) and keyset paged: look at the listing's ORDER
     * BY and cursors.
     */
    @Test
    default void listArchivedIsOrderedLikeListAndPaged() {
        List<String> ids = createOldestFirst(alice(), 7);
        ids.forEach(id -> alice().conversations().setArchived(id, true));
        alice().conversations().setPinned(ids.get(2), true);
        String kept = newConversation(alice()).id();
        List<Page<Conversation>> pages = Pages.walk(alice().conversations()::listArchived, 3);
        assertThat(pages).as("7 archived in pages of 3").hasSize(3);
        assertThat(Samples.conversationIds(Pages.items(pages))).as("pinned first, then newest activity first")
                .containsExactly(ids.get(2), ids.get(6), ids.get(5), ids.get(4), ids.get(3), ids.get(1), ids.get(0));
        assertThat(pages.get(0).hasPrevious()).as("nothing before the first page").isFalse();
        assertThat(pages.get(2).hasNext()).as("nothing after the last page").isFalse();
        assertThat(listed(alice())).as("the list holds only the unarchived one").containsExactly(kept);
        assertThat(alice().conversations().listArchived(PageRequest.first()).items()).as("default page holds all 7")
                .hasSize(7);
    }

    /**
     * Pinning and archiving are independent flags and repeatable: look at whether one UPDATE resets the other flag.
     */
    @Test
    default void pinAndArchiveAreIndependentAndRepeatable() {
        Conversation c = alice().conversations().create(NewConversation.titled("Both").withMetadata(Map.of("k", 1)));
        alice().conversations().setPinned(c.id(), true);
        alice().conversations().setPinned(c.id(), true);
        Conversation both = alice().conversations().setArchived(c.id(), true);
        assertThat(both).extracting(Conversation::pinned, Conversation::archived).as("pinned and archived")
                .containsExactly(true, true);
        assertThat(alice().conversations().setArchived(c.id(), true)).as("archiving again changes nothing but updatedAt and the revision")
                .usingRecursiveComparison().ignoringFields("updatedAt", "revision").isEqualTo(both);
        Conversation unarchived = alice().conversations().setArchived(c.id(), false);
        assertThat(unarchived.pinned()).as("still pinned after unarchiving").isTrue();
        assertThat(unarchived).extracting(Conversation::title, Conversation::metadata).as("the rest is kept")
                .containsExactly("Both", Map.of("k", 1));
    }
}

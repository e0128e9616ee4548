package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing a user's conversations: most recent activity first, keyset paged, default 20, at most 100. */
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
}

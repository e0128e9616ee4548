package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.FactQuery;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging (DESIGN principle 3): cursors both ways, present exactly when items lie on that
 * side, stable while appends and deletes happen between pages; shown on the message listings
 * (newestFirst, oldestFirst: default 50, at most 200). Every listing takes its default size when
 * none is given and accepts its maximum.
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

    /** A newestFirst walk visits every message once: look at the keyset condition ({@code seq < cursor}) and the page size. */
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

    /**
     * Gives {@code user} more than a default page of every listing: 25 conversations, 25 archived ones, 60 messages
     * in one conversation (whose id it returns) and 55 facts.
     */
    private String fillEveryListing(UserChats user) {
        for (int i = 0; i < Limits.CONVERSATIONS_PAGE_DEFAULT + 5; i++) {
            user.conversations().setArchived(user.conversations().create(NewConversation.titled("archived " + i)).id(), true);
            clock().tick();
        }
        String first = null;
        for (int i = 0; i < Limits.CONVERSATIONS_PAGE_DEFAULT + 5; i++) {
            String id = user.conversations().create(NewConversation.titled("c" + i)).id();
            first = first == null ? id : first;
            clock().tick();
        }
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 0; i < Limits.MESSAGES_PAGE_DEFAULT + 10; i++) {
            batch.add(i % 2 == 0 ? NewMessage.user("m" + i) : NewMessage.assistant("m" + i));
        }
        user.messages().appendAll(first, batch);
        for (int i = 0; i < Limits.FACTS_PAGE_DEFAULT + 5; i++) {
            user.facts().add(NewFact.of(FactCategory.FACT, "f" + i, (i % 10) / 10.0));
        }
        return first;
    }

    /**
     * A page request without a size means the listing's default (conversations 20, messages 50, facts 50) in every
     * listing, also when reading on from a cursor, and reading changes nothing: look at how each listing fills in
     * the missing size (PageRequest.limit() is empty).
     */
    @Test
    default void everyListingWithoutAPageSizeUsesItsDefault() {
        UserChats p = alice();
        String conv = fillEveryListing(p);
        UserSnapshot before = UserSnapshot.of(p);
        PageRequest unsized = PageRequest.first();
        assertThat(p.conversations().list(unsized)).as("list, no size")
                .isEqualTo(p.conversations().list(PageRequest.first(Limits.CONVERSATIONS_PAGE_DEFAULT)));
        assertThat(p.conversations().list(unsized).items()).as("list, default size").hasSize(Limits.CONVERSATIONS_PAGE_DEFAULT);
        assertThat(p.conversations().sidebar(unsized)).as("sidebar, no size")
                .isEqualTo(p.conversations().sidebar(PageRequest.first(Limits.CONVERSATIONS_PAGE_DEFAULT)));
        assertThat(p.conversations().listArchived(unsized)).as("listArchived, no size")
                .isEqualTo(p.conversations().listArchived(PageRequest.first(Limits.CONVERSATIONS_PAGE_DEFAULT)));
        assertThat(p.conversations().listArchived(unsized).items()).as("listArchived, default size")
                .hasSize(Limits.CONVERSATIONS_PAGE_DEFAULT);
        assertThat(p.messages().newestFirst(conv, unsized)).as("newestFirst, no size")
                .isEqualTo(p.messages().newestFirst(conv, PageRequest.first(Limits.MESSAGES_PAGE_DEFAULT)));
        assertThat(p.messages().newestFirst(conv, unsized).items()).as("newestFirst, default size")
                .hasSize(Limits.MESSAGES_PAGE_DEFAULT);
        assertThat(p.messages().oldestFirst(conv, unsized)).as("oldestFirst, no size")
                .isEqualTo(p.messages().oldestFirst(conv, PageRequest.first(Limits.MESSAGES_PAGE_DEFAULT)));
        assertThat(p.messages().branch(conv, unsized)).as("branch, no size")
                .isEqualTo(p.messages().branch(conv, PageRequest.first(Limits.MESSAGES_PAGE_DEFAULT)));
        String tip = p.messages().latest(conv, 1).items().get(0).id();
        assertThat(p.messages().path(tip, unsized)).as("path, no size")
                .isEqualTo(p.messages().path(tip, PageRequest.first(Limits.MESSAGES_PAGE_DEFAULT)));
        assertThat(p.facts().list(FactQuery.all(), unsized)).as("facts, no size")
                .isEqualTo(p.facts().list(FactQuery.all(), PageRequest.first(Limits.FACTS_PAGE_DEFAULT)));
        assertThat(p.facts().list(FactQuery.all(), unsized).items()).as("facts, default size").hasSize(Limits.FACTS_PAGE_DEFAULT);
        String next = p.messages().newestFirst(conv, PageRequest.first(3)).nextCursor();
        assertThat(p.messages().newestFirst(conv, PageRequest.at(next))).as("a cursor without a size")
                .isEqualTo(p.messages().newestFirst(conv, PageRequest.at(next, Limits.MESSAGES_PAGE_DEFAULT)));
        assertThat(UserSnapshot.of(p)).as("reading without a size changed nothing").isEqualTo(before);
    }

    /**
     * Every listing accepts its maximum page size (conversations 100, messages 200, facts 200) and then holds all
     * there is, with nothing after it: look at each listing's limit check (an off-by-one rejects the maximum).
     */
    @Test
    default void everyListingAcceptsItsMaximumPageSize() {
        UserChats p = alice();
        String conv = fillEveryListing(p);
        String tip = p.messages().latest(conv, 1).items().get(0).id();
        int conversations = Limits.CONVERSATIONS_PAGE_DEFAULT + 5;
        int messages = Limits.MESSAGES_PAGE_DEFAULT + 10;
        PageRequest maxConversations = PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX);
        PageRequest maxMessages = PageRequest.first(Limits.MESSAGES_PAGE_MAX);
        List<Page<?>> pages = List.of(p.conversations().list(maxConversations), p.conversations().listArchived(maxConversations),
                p.conversations().sidebar(maxConversations), p.messages().newestFirst(conv, maxMessages),
                p.messages().oldestFirst(conv, maxMessages), p.messages().branch(conv, maxMessages),
                p.messages().path(tip, maxMessages), p.messages().after(conv, 0, Limits.MESSAGES_PAGE_MAX),
                p.messages().latest(conv, Limits.MESSAGES_PAGE_MAX),
                p.facts().list(FactQuery.all(), PageRequest.first(Limits.FACTS_PAGE_MAX)));
        List<String> names = List.of("list", "listArchived", "sidebar", "newestFirst", "oldestFirst", "branch", "path",
                "after", "latest", "facts");
        List<Integer> expected = List.of(conversations, conversations, conversations, messages, messages, messages,
                messages, messages, messages, Limits.FACTS_PAGE_DEFAULT + 5);
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i).items()).as("%s at its maximum page size holds everything", names.get(i))
                    .hasSize(expected.get(i));
            assertThat(pages.get(i).hasNext()).as("%s: nothing lies after", names.get(i)).isFalse();
        }
    }
}

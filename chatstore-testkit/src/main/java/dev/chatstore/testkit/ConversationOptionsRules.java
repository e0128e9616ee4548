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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A conversation's provider, model and system prompt; pinning (pinned first in the list) and
 * archiving (left out of the list, listed on their own).
 */
public interface ConversationOptionsRules extends StoreFixture {

    /** Creates {@code n} untitled conversations one second apart and returns their ids, oldest first. */
    private List<String> createSpaced(UserChats user, int n) {
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

    /**
     * Provider, model and system prompt are stored as given, and a new conversation is unpinned, unarchived, unread,
     * with no preview or tip: look at create's INSERT and the row mapper.
     */
    @Test
    default void createStoresProviderModelAndSystemPromptWithPlainDefaults() {
        Conversation created = alice().conversations().create(NewConversation.titled("Chat")
                .withModel("openai", "gpt-4o-2024-08-06").withSystemPrompt("You are terse.\n" + Samples.UNICODE));
        assertThat(created).extracting(Conversation::provider, Conversation::model, Conversation::systemPrompt)
                .as("as given").containsExactly("openai", "gpt-4o-2024-08-06", "You are terse.\n" + Samples.UNICODE);
        assertThat(created).extracting(Conversation::pinned, Conversation::archived, Conversation::lastMessagePreview,
                        Conversation::unreadCount, Conversation::activeTipId)
                .as("unpinned, unarchived, no preview, nothing unread, no tip").containsExactly(false, false, null, 0L, null);
        assertThat(alice().conversations().get(created.id())).as("get returns what create returned").contains(created);
        Conversation plain = newConversation(alice());
        assertThat(plain).extracting(Conversation::provider, Conversation::model, Conversation::systemPrompt)
                .as("null when not given").containsOnlyNulls();
    }

    /** setModel sets and (with nulls) clears provider and model, stamping updatedAt: look at its UPDATE. */
    @Test
    default void setModelSetsAndClearsProviderAndModel() {
        Conversation c = newConversation(alice());
        Instant later = clock().advance(Duration.ofMinutes(1));
        Conversation set = alice().conversations().setModel(c.id(), "anthropic", "claude-3-5-sonnet");
        assertThat(set).extracting(Conversation::provider, Conversation::model, Conversation::updatedAt)
                .as("set, stamped").containsExactly("anthropic", "claude-3-5-sonnet", later);
        assertThat(reload(alice(), c.id())).as("stored").isEqualTo(set);
        Conversation modelOnly = alice().conversations().setModel(c.id(), null, "local-llama");
        assertThat(modelOnly).extracting(Conversation::provider, Conversation::model)
                .as("each is set on its own").containsExactly(null, "local-llama");
        Conversation cleared = alice().conversations().setModel(c.id(), null, null);
        assertThat(cleared).extracting(Conversation::provider, Conversation::model).as("cleared").containsOnlyNulls();
        assertThat(reload(alice(), c.id())).as("stored cleared").isEqualTo(cleared);
    }

    /** setSystemPrompt sets and (with null) clears the prompt, keeping the rest: look at its UPDATE. */
    @Test
    default void setSystemPromptSetsAndClearsThePrompt() {
        Conversation c = alice().conversations().create(NewConversation.titled("Keep me").withModel("openai", "gpt-4o"));
        String prompt = "Answer in French. " + Samples.UNICODE;
        Conversation set = alice().conversations().setSystemPrompt(c.id(), prompt);
        assertThat(set.systemPrompt()).as("set").isEqualTo(prompt);
        assertThat(set).extracting(Conversation::title, Conversation::provider, Conversation::model)
                .as("the rest is kept").containsExactly("Keep me", "openai", "gpt-4o");
        assertThat(reload(alice(), c.id())).as("stored").isEqualTo(set);
        assertThat(alice().conversations().setSystemPrompt(c.id(), null).systemPrompt()).as("null clears it").isNull();
        assertThat(reload(alice(), c.id()).systemPrompt()).as("stored cleared").isNull();
    }

    /**
     * Pinned conversations come first, newest activity first among themselves, and unpinning restores the activity
     * order: look at the ORDER BY of the list (pinned DESC before the activity key).
     */
    @Test
    default void pinnedConversationsAreListedFirst() {
        List<String> ids = createSpaced(alice(), 4);
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
        List<String> ids = createSpaced(alice(), 12);
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
        List<String> ids = createSpaced(alice(), 3);
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
        List<String> ids = createSpaced(alice(), 7);
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
        assertThat(alice().conversations().setArchived(c.id(), true)).as("archiving again changes nothing but updatedAt")
                .usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(both);
        Conversation unarchived = alice().conversations().setArchived(c.id(), false);
        assertThat(unarchived.pinned()).as("still pinned after unarchiving").isTrue();
        assertThat(unarchived).extracting(Conversation::title, Conversation::metadata).as("the rest is kept")
                .containsExactly("Both", Map.of("k", 1));
    }
}

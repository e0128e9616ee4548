package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.ConversationSummary;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PersonaStatus;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chat sidebar: per conversation the title, persona, message count, last message preview and
 * time, and the number of assistant messages after the user's read marker; markRead moves the marker.
 */
public interface SidebarRules extends StoreFixture {

    private ConversationSummary summaryOf(UserChats user, String conversationId) {
        return Pages.all(user.conversations()::sidebar, Limits.CONVERSATIONS_PAGE_MAX).stream()
                .filter(s -> s.id().equals(conversationId)).findFirst()
                .orElseThrow(() -> new AssertionError("conversation " + conversationId + " is not in the sidebar"));
    }

    /**
     * A summary holds what the conversation holds, with the persona's display name: look at the sidebar query's
     * columns and its join to personas.
     */
    @Test
    default void sidebarSummarisesEachConversation() {
        store().personas().upsert(Samples.persona("tutor", "Professor Tutor", PersonaStatus.ACTIVE));
        Conversation c = alice().conversations().create(NewConversation.withPersona("tutor").withTitle("Lessons"));
        say(alice(), c.id(), "What is 2 + 2?");
        Instant at = clock().advance(Duration.ofSeconds(5));
        append(alice(), c.id(), NewMessage.assistant("Four."));
        Conversation plain = newConversation(alice());
        alice().conversations().setPinned(c.id(), true);
        Conversation read = reload(alice(), c.id());
        ConversationSummary s = summaryOf(alice(), c.id());
        assertThat(s).as("the summary of the persona conversation").isEqualTo(new ConversationSummary(c.id(), "Lessons",
                "tutor", "Professor Tutor", true, false, 2, "Four.", at, 1));
        assertThat(s).extracting(ConversationSummary::messageCount, ConversationSummary::lastMessagePreview,
                        ConversationSummary::lastMessageAt, ConversationSummary::unreadCount)
                .as("the same facts as the conversation").containsExactly(read.messageCount(), read.lastMessagePreview(),
                        read.lastMessageAt(), read.unreadCount());
        assertThat(summaryOf(alice(), plain.id())).as("an empty conversation without persona")
                .isEqualTo(new ConversationSummary(plain.id(), null, null, null, false, false, 0, null, null, 0));
    }

    /**
     * The sidebar lists what list lists, in the same order and pages: look at whether both share the ORDER BY and
     * the archived filter.
     */
    @Test
    default void sidebarFollowsTheListOrderAndLeavesOutArchived() {
        for (int i = 0; i < 9; i++) {
            clock().advance(Duration.ofSeconds(1));
            Conversation c = newConversation(alice());
            if (i % 3 == 0) {
                alice().conversations().setPinned(c.id(), true);
            }
            if (i == 4) {
                alice().conversations().setArchived(c.id(), true);
            }
        }
        List<String> listed = Samples.conversationIds(Pages.all(alice().conversations()::list, 2));
        List<String> sidebar = Pages.all(alice().conversations()::sidebar, 2).stream().map(ConversationSummary::id).toList();
        assertThat(listed).as("8 unarchived conversations").hasSize(8);
        assertThat(sidebar).as("the sidebar in the list's order, page by page").containsExactlyElementsOf(listed);
    }

    /**
     * The preview is the first 200 UTF-16 chars of the newest message, recomputed when that message is deleted:
     * look at how the preview is cut (chars, not bytes or code points) and updated.
     */
    @Test
    default void previewIsTheStartOfTheNewestMessage() {
        Conversation c = newConversation(alice());
        Message first = say(alice(), c.id(), "short first");
        assertThat(reload(alice(), c.id()).lastMessagePreview()).as("a short message whole").isEqualTo("short first");
        String emoji = "🌍".repeat(Limits.PREVIEW_LENGTH + 50);
        Message second = say(alice(), c.id(), emoji);
        assertThat(reload(alice(), c.id()).lastMessagePreview()).as("the first %d code points (a surrogate pair is never split)", Limits.PREVIEW_LENGTH)
                .isEqualTo("🌍".repeat(Limits.PREVIEW_LENGTH));
        String exact = "x".repeat(Limits.PREVIEW_LENGTH);
        Message third = append(alice(), c.id(), NewMessage.assistant(exact + "tail"));
        assertThat(reload(alice(), c.id()).lastMessagePreview()).as("cut at exactly %d chars", Limits.PREVIEW_LENGTH)
                .isEqualTo(exact);
        alice().messages().delete(third.id());
        assertThat(reload(alice(), c.id()).lastMessagePreview()).as("after deleting the newest, the next one's")
                .isEqualTo("🌍".repeat(Limits.PREVIEW_LENGTH));
        alice().messages().delete(first.id());
        assertThat(reload(alice(), c.id()).lastMessagePreview()).as("deleting an older one changes nothing")
                .isEqualTo("🌍".repeat(Limits.PREVIEW_LENGTH));
        alice().messages().delete(second.id());
        assertThat(reload(alice(), c.id()).lastMessagePreview()).as("no messages, no preview").isNull();
        say(alice(), c.id(), "");
        assertThat(reload(alice(), c.id()).lastMessagePreview()).as("an empty newest message previews as empty").isEmpty();
    }

    /**
     * The preview after a batch is the batch's last message: look at the counters UPDATE of appendAll.
     */
    @Test
    default void previewAfterABatchIsItsLastMessage() {
        Conversation c = newConversation(alice());
        alice().messages().appendAll(c.id(), List.of(NewMessage.user("one"), NewMessage.assistant("two"),
                NewMessage.user("three")));
        Conversation read = reload(alice(), c.id());
        assertThat(read.lastMessagePreview()).as("the batch's last message").isEqualTo("three");
        assertThat(read.unreadCount()).as("one assistant message in the batch").isEqualTo(1);
    }

    /**
     * unreadCount counts assistant messages after the read marker, only them; markRead sets it to 0 and later
     * assistant messages count again. Look at the counter's updates and the marker.
     */
    @Test
    default void unreadCountsAssistantMessagesAfterTheReadMarker() {
        Conversation c = newConversation(alice());
        say(alice(), c.id(), "question");
        append(alice(), c.id(), NewMessage.assistant("answer 1"));
        append(alice(), c.id(), NewMessage.assistant("answer 2"));
        append(alice(), c.id(), NewMessage.system("system note"));
        append(alice(), c.id(), NewMessage.tool("call-1", "tool output"));
        assertThat(reload(alice(), c.id()).unreadCount()).as("two assistant messages unread").isEqualTo(2);
        Conversation marked = alice().conversations().markRead(c.id());
        assertThat(marked.unreadCount()).as("markRead returns 0 unread").isZero();
        assertThat(reload(alice(), c.id()).unreadCount()).as("stored 0 unread").isZero();
        say(alice(), c.id(), "another question");
        assertThat(reload(alice(), c.id()).unreadCount()).as("a user message is never unread").isZero();
        append(alice(), c.id(), NewMessage.assistant("answer 3"));
        assertThat(summaryOf(alice(), c.id()).unreadCount()).as("a new assistant message is unread").isEqualTo(1);
        assertThat(alice().conversations().markRead(c.id()).unreadCount()).as("marked again").isZero();
        assertThat(alice().conversations().markRead(c.id()).unreadCount()).as("markRead twice").isZero();
    }

    /**
     * Deleting an unread assistant message lowers the count, deleting a read one does not: look at delete's counter
     * update and its comparison with the read marker.
     */
    @Test
    default void deletingMessagesKeepsTheUnreadCountExact() {
        Conversation c = newConversation(alice());
        Message read = append(alice(), c.id(), NewMessage.assistant("read"));
        alice().conversations().markRead(c.id());
        Message unread1 = append(alice(), c.id(), NewMessage.assistant("unread 1"));
        append(alice(), c.id(), NewMessage.assistant("unread 2"));
        assertThat(reload(alice(), c.id()).unreadCount()).as("two unread").isEqualTo(2);
        alice().messages().delete(read.id());
        assertThat(reload(alice(), c.id()).unreadCount()).as("deleting a read message").isEqualTo(2);
        alice().messages().delete(unread1.id());
        assertThat(reload(alice(), c.id()).unreadCount()).as("deleting an unread message").isEqualTo(1);
    }

    /**
     * The read marker is per conversation, and markRead touches nothing else: look at markRead's UPDATE.
     */
    @Test
    default void markReadAffectsOnlyItsConversation() {
        Conversation a = newConversation(alice());
        Conversation b = newConversation(alice());
        append(alice(), a.id(), NewMessage.assistant("a1"));
        append(alice(), b.id(), NewMessage.assistant("b1"));
        Conversation before = reload(alice(), a.id());
        Conversation marked = alice().conversations().markRead(a.id());
        assertThat(marked).as("only the unread count, updatedAt and the revision change")
                .usingRecursiveComparison().ignoringFields("unreadCount", "updatedAt", "revision").isEqualTo(before);
        assertThat(reload(alice(), b.id()).unreadCount()).as("the other conversation is still unread").isEqualTo(1);
        assertThat(alice().conversations().markRead(newConversation(alice()).id()).unreadCount())
                .as("markRead of an empty conversation").isZero();
    }
}

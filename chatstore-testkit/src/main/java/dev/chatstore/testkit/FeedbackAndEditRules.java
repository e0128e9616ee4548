package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Feedback;
import dev.chatstore.Limits;
import dev.chatstore.Media;
import dev.chatstore.Message;
import dev.chatstore.MessageType;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Rating;
import dev.chatstore.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Feedback on a message (thumbs up or down, a mistake flag with a note), changeable at any time;
 * and editing a message's content in place, which records when.
 */
public interface FeedbackAndEditRules extends StoreFixture {

    /**
     * Feedback is set, changed and cleared, and nothing else of the message changes: look at the feedback UPDATE's
     * column list.
     */
    @Test
    default void feedbackIsSetChangedAndCleared() {
        Conversation c = newConversation(alice());
        Message m = append(alice(), c.id(), NewMessage.assistant("answer").usage(TokenUsage.of("m", 1, 2))
                .metadata(Map.of("tone", "dry")));
        Message up = alice().messages().setFeedback(m.id(), Feedback.rated(Rating.THUMBS_UP));
        assertThat(up.feedback()).as("thumbs up").isEqualTo(Feedback.rated(Rating.THUMBS_UP));
        assertThat(up).as("nothing else changes").usingRecursiveComparison().ignoringFields("feedback").isEqualTo(m);
        assertThat(reloadMessage(alice(), m.id())).as("stored").isEqualTo(up);
        Message down = alice().messages().setFeedback(m.id(), Feedback.rated(Rating.THUMBS_DOWN));
        assertThat(reloadMessage(alice(), m.id()).feedback()).as("changed to thumbs down")
                .isEqualTo(Feedback.rated(Rating.THUMBS_DOWN)).isEqualTo(down.feedback());
        Message cleared = alice().messages().setFeedback(m.id(), Feedback.NONE);
        assertThat(cleared.feedback()).as("cleared").isEqualTo(Feedback.NONE);
        assertThat(reloadMessage(alice(), m.id())).as("stored cleared, otherwise as appended").isEqualTo(m);
    }

    /**
     * The mistake flag with its note, alone or with a rating, round-trips; a new feedback replaces the whole old one:
     * look at the mistake columns and whether an update leaves an old note behind.
     */
    @Test
    default void mistakeFlagWithANoteRoundTripsAndIsReplacedWhole() {
        Conversation c = newConversation(alice());
        Message m = append(alice(), c.id(), NewMessage.assistant("Paris is in Italy."));
        Feedback flagged = new Feedback(Rating.THUMBS_DOWN, true, "Paris is in France. " + Samples.UNICODE);
        assertThat(alice().messages().setFeedback(m.id(), flagged).feedback()).as("returned").isEqualTo(flagged);
        assertThat(reloadMessage(alice(), m.id()).feedback()).as("stored").isEqualTo(flagged);
        Feedback noteOnly = Feedback.mistake(null);
        alice().messages().setFeedback(m.id(), noteOnly);
        assertThat(reloadMessage(alice(), m.id()).feedback()).as("flag without note or rating replaces the old one whole")
                .isEqualTo(new Feedback(null, true, null));
        alice().messages().setFeedback(m.id(), Feedback.rated(Rating.THUMBS_UP));
        assertThat(reloadMessage(alice(), m.id()).feedback()).as("a rating alone clears the flag")
                .isEqualTo(new Feedback(Rating.THUMBS_UP, false, null));
        Feedback longNote = Feedback.mistake("n".repeat(Limits.ERROR_TEXT_MAX));
        alice().messages().setFeedback(m.id(), longNote);
        assertThat(reloadMessage(alice(), m.id()).feedback()).as("a note at its maximum length").isEqualTo(longNote);
    }

    /**
     * Feedback on a message is not activity: the conversation's counters, preview and order stay. Look at whether
     * setFeedback touches the conversation row.
     */
    @Test
    default void feedbackLeavesTheConversationAlone() {
        Conversation c = newConversation(alice());
        Message m = append(alice(), c.id(), NewMessage.assistant("answer"));
        Conversation newer = newConversation(alice());
        Conversation before = reload(alice(), c.id());
        clock().advance(Duration.ofMinutes(1));
        alice().messages().setFeedback(m.id(), Feedback.rated(Rating.THUMBS_UP));
        Conversation after = reload(alice(), c.id());
        assertThat(after).extracting(Conversation::messageCount, Conversation::lastMessageAt, Conversation::lastMessagePreview,
                        Conversation::unreadCount, Conversation::activeTipId)
                .as("counters, preview and tip unchanged").containsExactly(before.messageCount(), before.lastMessageAt(),
                        before.lastMessagePreview(), before.unreadCount(), before.activeTipId());
        assertThat(Samples.conversationIds(alice().conversations().list(PageRequest.first()).items()))
                .as("feedback does not move the conversation up").containsExactly(newer.id(), c.id());
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
}

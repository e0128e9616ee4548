package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Feedback;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Rating;
import dev.chatstore.TokenUsage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Feedback on a message: thumbs up or down, a mistake flag with a note, changeable and clearable
 * at any time, replaced whole, and never counted as activity of the conversation.
 */
public interface FeedbackRules extends StoreFixture {

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
     * Feedback on a well-formed id that names no message is NotFoundException, clearing included, and changes
     * nothing: look at setFeedback's lookup.
     */
    @Test
    default void feedbackOnAnUnknownMessageIsNotFound() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        expectNotFound("setFeedback", () -> alice().messages().setFeedback(id, Feedback.rated(Rating.THUMBS_UP)));
        expectNotFound("clearing feedback", () -> alice().messages().setFeedback(id, Feedback.NONE));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }
}

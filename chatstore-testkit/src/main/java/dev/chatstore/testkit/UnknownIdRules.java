package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Conversation;
import dev.chatstore.FactUpdate;
import dev.chatstore.Feedback;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.PageRequest;
import dev.chatstore.PersonaStatus;
import dev.chatstore.Rating;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Well-formed ids that name nothing: reads are empty (or false for deletes), writes are
 * NotFoundException, and nothing is created on the way.
 */
public interface UnknownIdRules extends StoreFixture {

    /**
     * An unknown conversation: reads empty, delete false, writes and listings NotFoundException: look at how a
     * missing row is reported per method.
     */
    @Test
    default void unknownConversationIsEmptyForReadsAndNotFoundForWrites() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        assertThat(alice().conversations().get(id)).as("get").isEmpty();
        assertThat(alice().conversations().delete(id)).as("delete").isFalse();
        expectNotFound("rename", () -> alice().conversations().rename(id, "x"));
        expectNotFound("replaceMetadata", () -> alice().conversations().replaceMetadata(id, Map.of()));
        expectNotFound("append", () -> alice().messages().append(id, NewMessage.user("x")));
        expectNotFound("appendAll", () -> alice().messages().appendAll(id, List.of(NewMessage.user("x"))));
        expectNotFound("newestFirst", () -> alice().messages().newestFirst(id, PageRequest.first()));
        expectNotFound("oldestFirst", () -> alice().messages().oldestFirst(id, PageRequest.first()));
        assertThat(alice().messages().byClientMessageId(id, SeededUser.CLIENT_MESSAGE_ID)).as("byClientMessageId").isEmpty();
        assertThat(alice().attachments().listForConversation(id)).as("listForConversation").isEmpty();
        AtomicReference<List<Message>> after = new AtomicReference<>(List.of());
        Throwable thrown = catchThrowable(() -> after.set(alice().messages().after(id, 0, 10).items()));
        assertThat(thrown).as("after() of an unknown conversation is empty or NotFoundException (the API leaves it open)")
                .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(NotFoundException.class));
        assertThat(after.get()).as("after() of an unknown conversation lists nothing").isEmpty();
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * An unknown message: reads empty, delete false, reply-to NotFoundException: look at how a missing row is
     * reported per method.
     */
    @Test
    default void unknownMessageIsEmptyForReadsAndFalseForDelete() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        assertThat(alice().messages().get(id)).as("get").isEmpty();
        assertThat(alice().messages().findReply(id)).as("replyTo").isEmpty();
        assertThat(alice().attachments().listForMessage(id)).as("listForMessage").isEmpty();
        assertThat(alice().messages().delete(id)).as("delete").isFalse();
        Conversation c = a.conversation();
        expectNotFound("reply-to an unknown message", () -> alice().messages().append(c.id(), NewMessage.assistant("x").replyTo(id)));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * An unknown attachment: reads empty, delete false, status changes and links NotFoundException: look at how a
     * missing row is reported per method.
     */
    @Test
    default void unknownAttachmentIsEmptyForReadsAndNotFoundForWrites() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        assertThat(alice().attachments().get(id)).as("get").isEmpty();
        assertThat(alice().attachments().inlineData(id)).as("inlineData").isEmpty();
        assertThat(alice().attachments().delete(id)).as("delete").isFalse();
        expectNotFound("markProcessing", () -> alice().attachments().markProcessing(id));
        expectNotFound("markReady", () -> alice().attachments().markReady(id, null, null));
        expectNotFound("markError", () -> alice().attachments().markError(id, "x"));
        expectNotFound("linkToConversation", () -> alice().attachments().linkToConversation(id, a.conversation().id()));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * An unknown fact: reads empty, delete false, update and deactivate NotFoundException: look at how a missing row
     * is reported per method.
     */
    @Test
    default void unknownFactIsEmptyForReadsAndNotFoundForWrites() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        assertThat(alice().facts().get(id)).as("get").isEmpty();
        assertThat(alice().facts().delete(id)).as("delete").isFalse();
        expectNotFound("update", () -> alice().facts().update(id, FactUpdate.confidence(0.5)));
        expectNotFound("deactivate", () -> alice().facts().deactivate(id));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * An unknown conversation is NotFoundException for every new conversation operation, and creates nothing on the
     * way (no profile, no conversation): look at how a missing row is reported.
     */
    @Test
    default void unknownConversationIsNotFoundForTheNewOperations() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        expectNotFound("patchMetadata", () -> alice().conversations().patchMetadata(id, Map.of("x", 1)));
        expectNotFound("setModel", () -> alice().conversations().setModel(id, "p", "m"));
        expectNotFound("setSystemPrompt", () -> alice().conversations().setSystemPrompt(id, "x"));
        expectNotFound("setPinned", () -> alice().conversations().setPinned(id, true));
        expectNotFound("setArchived", () -> alice().conversations().setArchived(id, true));
        expectNotFound("markRead", () -> alice().conversations().markRead(id));
        expectNotFound("tokenTotals", () -> alice().conversations().tokenTotals(id));
        expectNotFound("branch", () -> alice().messages().branch(id, PageRequest.first()));
        expectNotFound("setActiveConversation", () -> alice().profile().setActiveConversation(id));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
        expectNotFound("setActiveConversation without a profile", () -> bob().profile().setActiveConversation(id));
        assertThat(bob().profile().get()).as("a refused write creates no profile").isEmpty();
    }

    /**
     * An unknown message is NotFoundException for every new message operation: look at how a missing row is
     * reported, and that regenerate and editIntoBranch append nothing.
     */
    @Test
    default void unknownMessageIsNotFoundForTheNewOperations() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        expectNotFound("editContent", () -> alice().messages().editContent(id, "x"));
        expectNotFound("setFeedback", () -> alice().messages().setFeedback(id, Feedback.rated(Rating.THUMBS_UP)));
        expectNotFound("regenerate", () -> alice().messages().regenerate(id, NewMessage.assistant("x")));
        expectNotFound("editIntoBranch", () -> alice().messages().editIntoBranch(id, NewMessage.user("x")));
        expectNotFound("selectBranch", () -> alice().messages().selectBranch(id));
        expectNotFound("path", () -> alice().messages().path(id, PageRequest.first()));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * An unknown persona reads empty and setStatus is NotFoundException; a conversation's message deleted meanwhile
     * cannot be selected as the tip. Look at the persona lookups and selectBranch's existence check.
     */
    @Test
    default void unknownPersonasAndDeletedMessagesAreNotFound() {
        assertThat(store().personas().get("nobody")).as("get").isEmpty();
        assertThat(store().personas().list(null, null)).as("list").isEmpty();
        expectNotFound("setStatus", () -> store().personas().setStatus("nobody", PersonaStatus.DISCONTINUED));
        Conversation c = newConversation(alice());
        Message gone = say(alice(), c.id(), "gone");
        Message kept = say(alice(), c.id(), "kept");
        alice().messages().delete(gone.id());
        expectNotFound("selectBranch of a deleted message", () -> alice().messages().selectBranch(gone.id()));
        expectNotFound("editIntoBranch of a deleted message", () -> alice().messages().editIntoBranch(gone.id(), NewMessage.user("x")));
        assertThat(reload(alice(), c.id()).activeTipId()).as("the tip is unchanged").isEqualTo(kept.id());
        assertThat(reload(alice(), c.id()).messageCount()).as("nothing appended").isEqualTo(1);
    }
}

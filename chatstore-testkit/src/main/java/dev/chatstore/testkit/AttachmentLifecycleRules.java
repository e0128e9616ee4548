package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Attachment;
import dev.chatstore.AttachmentStatus;
import dev.chatstore.IllegalStateTransitionException;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The attachment status machine: uploading → processing → ready | error, uploading → error;
 * ready and error are final. Anything else is IllegalStateTransitionException and changes nothing.
 */
public interface AttachmentLifecycleRules extends StoreFixture {

    private Attachment inStatus(UserChats user, AttachmentStatus status) {
        Attachment a = storedFile(user, status.wireName() + ".pdf");
        switch (status) {
            case UPLOADING -> { }
            case PROCESSING -> a = user.attachments().markProcessing(a.id());
            case READY -> a = user.attachments().markReady(user.attachments().markProcessing(a.id()).id(), "text", 1);
            case ERROR -> a = user.attachments().markError(a.id(), "failed");
            default -> throw new IllegalArgumentException(status.name());
        }
        return a;
    }

    private void assertRejected(UserChats user, Attachment a, String transition, ThrowingCallable call) {
        clock().advance(Duration.ofSeconds(1));
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("%s is not allowed", transition).isInstanceOf(IllegalStateTransitionException.class);
        assertThat(user.attachments().get(a.id())).as("after the rejected %s the attachment is unchanged", transition)
                .contains(a);
    }

    /**
     * The happy path uploading → processing → ready: look at the status UPDATE, that it writes extracted text and
     * word count, and stamps updatedAt from the clock.
     */
    @Test
    default void uploadingToProcessingToReadyStoresExtractedTextAndWordCount() {
        Attachment a = storedFile(alice(), "doc.pdf");
        Instant t1 = clock().advance(Duration.ofSeconds(5));
        Attachment processing = alice().attachments().markProcessing(a.id());
        assertThat(processing.status()).as("status after markProcessing").isEqualTo(AttachmentStatus.PROCESSING);
        assertThat(processing.updatedAt()).as("updatedAt after markProcessing").isEqualTo(t1);
        Instant t2 = clock().advance(Duration.ofSeconds(5));
        Attachment ready = alice().attachments().markReady(a.id(), "Extracted " + Samples.UNICODE, 3);
        assertThat(ready.status()).as("status after markReady").isEqualTo(AttachmentStatus.READY);
        assertThat(ready.extractedText()).as("extracted text").isEqualTo("Extracted " + Samples.UNICODE);
        assertThat(ready.wordCount()).as("word count").isEqualTo(3);
        assertThat(ready.updatedAt()).as("updatedAt after markReady").isEqualTo(t2);
        assertThat(ready.createdAt()).as("createdAt unchanged").isEqualTo(a.createdAt());
        assertThat(alice().attachments().get(a.id())).as("get returns the ready attachment").contains(ready);
    }

    /** markReady(id, null, null) is valid: look at null handling of the text and count parameters. */
    @Test
    default void markReadyAcceptsNoExtractedTextAndNoWordCount() {
        Attachment a = inStatus(alice(), AttachmentStatus.PROCESSING);
        Attachment ready = alice().attachments().markReady(a.id(), null, null);
        assertThat(ready.status()).as("ready").isEqualTo(AttachmentStatus.READY);
        assertThat(ready.extractedText()).as("no text").isNull();
        assertThat(ready.wordCount()).as("no word count").isNull();
    }

    /** processing → error stores the error text: look at the markError UPDATE and the text column. */
    @Test
    default void processingToErrorStoresTheErrorText() {
        Attachment a = inStatus(alice(), AttachmentStatus.PROCESSING);
        Attachment failed = alice().attachments().markError(a.id(), "virus scan failed: " + Samples.UNICODE);
        assertThat(failed.status()).as("error").isEqualTo(AttachmentStatus.ERROR);
        assertThat(failed.errorText()).as("error text").isEqualTo("virus scan failed: " + Samples.UNICODE);
        assertThat(alice().attachments().get(a.id())).as("stored").contains(failed);
    }

    /** uploading → error is allowed (a failed upload): look at the transition check, it must not demand processing first. */
    @Test
    default void uploadingToErrorIsAllowed() {
        Attachment a = storedFile(alice(), "x.pdf");
        Attachment failed = alice().attachments().markError(a.id(), "upload interrupted");
        assertThat(failed.status()).as("error").isEqualTo(AttachmentStatus.ERROR);
        assertThat(failed.errorText()).as("error text").isEqualTo("upload interrupted");
    }

    /** uploading → ready skips processing: look at the transition check (IllegalStateTransitionException, row unchanged). */
    @Test
    default void uploadingToReadyIsRejectedAndChangesNothing() {
        Attachment a = inStatus(alice(), AttachmentStatus.UPLOADING);
        assertRejected(alice(), a, "uploading → ready", () -> alice().attachments().markReady(a.id(), "t", 1));
    }

    /** processing → processing is rejected, markProcessing is not idempotent: look at the transition check. */
    @Test
    default void processingTwiceIsRejectedAndChangesNothing() {
        Attachment a = inStatus(alice(), AttachmentStatus.PROCESSING);
        assertRejected(alice(), a, "processing → processing", () -> alice().attachments().markProcessing(a.id()));
    }

    /** ready is final: look at the transition check for markProcessing, markReady and markError on a ready file. */
    @Test
    default void readyIsFinal() {
        Attachment a = inStatus(alice(), AttachmentStatus.READY);
        assertRejected(alice(), a, "ready → processing", () -> alice().attachments().markProcessing(a.id()));
        assertRejected(alice(), a, "ready → ready", () -> alice().attachments().markReady(a.id(), "other", 2));
        assertRejected(alice(), a, "ready → error", () -> alice().attachments().markError(a.id(), "late failure"));
    }

    /** error is final: look at the transition check for markProcessing, markReady and markError on a failed file. */
    @Test
    default void errorIsFinal() {
        Attachment a = inStatus(alice(), AttachmentStatus.ERROR);
        assertRejected(alice(), a, "error → processing", () -> alice().attachments().markProcessing(a.id()));
        assertRejected(alice(), a, "error → ready", () -> alice().attachments().markReady(a.id(), "t", 1));
        assertRejected(alice(), a, "error → error", () -> alice().attachments().markError(a.id(), "again"));
    }

    /**
     * The store allows exactly what AttachmentStatus.canMoveTo allows: look at the transition check, or a conditional
     * UPDATE's WHERE status clause.
     */
    @Test
    default void storeAllowsExactlyTheTransitionsOfCanMoveTo() {
        UserChats alice = alice();
        for (AttachmentStatus from : AttachmentStatus.values()) {
            for (AttachmentStatus to : List.of(AttachmentStatus.PROCESSING, AttachmentStatus.READY, AttachmentStatus.ERROR)) {
                Attachment a = inStatus(alice, from);
                Throwable thrown = catchThrowable(() -> {
                    switch (to) {
                        case PROCESSING -> alice.attachments().markProcessing(a.id());
                        case READY -> alice.attachments().markReady(a.id(), null, null);
                        case ERROR -> alice.attachments().markError(a.id(), "e");
                        default -> throw new IllegalArgumentException(to.name());
                    }
                });
                if (from.canMoveTo(to)) {
                    assertThat(thrown).as("%s → %s is allowed", from, to).isNull();
                    assertThat(alice.attachments().get(a.id()).orElseThrow().status()).as("%s → %s stored", from, to).isEqualTo(to);
                } else {
                    assertThat(thrown).as("%s → %s is rejected", from, to).isInstanceOf(IllegalStateTransitionException.class);
                    assertThat(alice.attachments().get(a.id()).orElseThrow().status()).as("%s → %s leaves %s", from, to, from)
                            .isEqualTo(from);
                }
            }
        }
    }
}

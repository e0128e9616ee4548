package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Attachment;
import dev.chatstore.AttachmentStatus;
import dev.chatstore.Conversation;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Registering files (stored or inline, up to the store's inline limit), their bytes, their text
 * fields up to their limits, and their links to messages and conversations.
 */
public interface AttachmentRules extends StoreFixture {

    /**
     * A stored file is registered as given, uploading, with clock times: look at the insert and the row mapper (size
     * is a long).
     */
    @Test
    default void createStoredAttachmentKeepsItsFieldsAndStartsUploading() {
        String sha = "ab".repeat(32);
        Attachment a = alice().attachments().create(
                NewAttachment.stored("report.pdf", "application/pdf", 123_456_789_012L, sha, "s3://bucket/key?v=1"));
        assertThat(a.id()).as("id is a lowercase UUID").matches(Samples.ID_PATTERN);
        assertThat(a.userId()).as("owner").isEqualTo(ALICE);
        assertThat(a.name()).as("name").isEqualTo("report.pdf");
        assertThat(a.mimeType()).as("mimeType").isEqualTo("application/pdf");
        assertThat(a.sizeBytes()).as("size beyond 32 bits").isEqualTo(123_456_789_012L);
        assertThat(a.sha256()).as("sha256 as given").isEqualTo(sha);
        assertThat(a.storageUri()).as("storageUri").isEqualTo("s3://bucket/key?v=1");
        assertThat(a.inline()).as("not inline").isFalse();
        assertThat(a.status()).as("new attachments are uploading").isEqualTo(AttachmentStatus.UPLOADING);
        assertThat(a.errorText()).as("no error yet").isNull();
        assertThat(a.extractedText()).as("nothing extracted yet").isNull();
        assertThat(a.wordCount()).as("no word count yet").isNull();
        assertThat(a.createdAt()).as("createdAt from the clock").isEqualTo(clock().now());
        assertThat(a.updatedAt()).as("updatedAt from the clock").isEqualTo(clock().now());
        assertThat(alice().attachments().get(a.id())).as("get returns what create returned").contains(a);
        assertThat(alice().attachments().inlineData(a.id())).as("a stored file has no inline bytes").isEmpty();
    }

    /** An inline file's size and SHA-256 come from its bytes: look at what create stores from NewAttachment.inline. */
    @Test
    default void createInlineAttachmentComputesSizeAndSha256() throws NoSuchAlgorithmException {
        byte[] data = "hello, attachment".getBytes(StandardCharsets.UTF_8);
        Attachment a = alice().attachments().create(NewAttachment.inline("hello.txt", "text/plain", data));
        String expectedSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(a.inline()).as("inline").isTrue();
        assertThat(a.storageUri()).as("no storage URI").isNull();
        assertThat(a.sizeBytes()).as("size is the byte count").isEqualTo(data.length);
        assertThat(a.sha256()).as("sha256 of the bytes, lowercase hex").isEqualTo(expectedSha);
        assertThat(alice().attachments().get(a.id())).as("get returns what create returned").contains(a);
    }

    /** inlineData gives back the exact bytes: look at the BLOB/bytea binding, no charset or Base64 step may alter them. */
    @Test
    default void inlineDataRoundTripsEveryByteValue() {
        byte[] data = Samples.everyByteValue();
        Attachment a = alice().attachments().create(NewAttachment.inline("all.bin", "application/octet-stream", data));
        assertThat(alice().attachments().inlineData(a.id())).as("the inline bytes").hasValueSatisfying(
                stored -> assertThat(stored).as("every byte value round-trips").containsExactly(data));
    }

    /**
     * A zero-byte inline file is inline with zero bytes, not absent: look at how an empty BLOB or
     * bytea is read back (null versus empty).
     */
    @Test
    default void emptyInlineAttachmentRoundTripsAsZeroBytes() {
        Attachment a = alice().attachments().create(NewAttachment.inline("empty.txt", "text/plain", new byte[0]));
        assertThat(a.sizeBytes()).as("size 0").isZero();
        assertThat(a.sha256()).as("sha256 of nothing").isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(alice().attachments().get(a.id())).as("stored as inline").contains(a);
        assertThat(alice().attachments().inlineData(a.id())).as("inline data present, zero bytes")
                .hasValueSatisfying(d -> assertThat(d).isEmpty());
    }

    /**
     * The configured inline limit is inclusive: exactly the limit is stored, one byte more is
     * InvalidInputException and stores nothing. Look at how the store's setting is compared.
     */
    @Test
    default void inlineAttachmentOverTheConfiguredLimitIsRejectedAndStoresNothing() {
        restart(settings().withMaxInlineAttachmentBytes(1024));
        Attachment atLimit = alice().attachments().create(NewAttachment.inline("ok.bin", "application/octet-stream", new byte[1024]));
        assertThat(atLimit.sizeBytes()).as("exactly the limit is accepted").isEqualTo(1024);
        assertThatThrownBy(() -> alice().attachments().create(
                NewAttachment.inline("big.bin", "application/octet-stream", new byte[1025])))
                .as("one byte over the configured limit of 1024").isInstanceOf(InvalidInputException.class);
        assertThat(Samples.attachmentIds(alice().attachments().orphans(10))).as("only the accepted file is stored")
                .containsExactly(atLimit.id());
    }

    /**
     * Attachments named at append link to the message and its conversation: look at the link inserts in the append
     * transaction.
     */
    @Test
    default void appendWithAttachmentsLinksThemToTheMessageAndItsConversation() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        Attachment a = storedFile(alice, "a.pdf");
        clock().advance(Duration.ofSeconds(1));
        Attachment b = storedFile(alice, "b.pdf");
        Message m = append(alice, c.id(), NewMessage.user("two files").attachments(a.id(), b.id()));
        assertThat(Samples.attachmentIds(alice.attachments().listForMessage(m.id()))).as("linked to the message, oldest first")
                .containsExactly(a.id(), b.id());
        assertThat(Samples.attachmentIds(alice.attachments().listForConversation(c.id()))).as("linked to its conversation")
                .containsExactly(a.id(), b.id());
        assertThat(alice.attachments().orphans(10)).as("no longer orphans").isEmpty();
    }

    /** listForMessage is oldest first by the attachments' creation, whatever order they were named in: look at its ORDER BY. */
    @Test
    default void listForMessageIsOldestFirst() {
        Conversation c = newConversation(alice());
        Attachment a = storedFile(alice(), "a.pdf");
        clock().advance(Duration.ofSeconds(1));
        Attachment b = storedFile(alice(), "b.pdf");
        clock().advance(Duration.ofSeconds(1));
        Attachment d = storedFile(alice(), "d.pdf");
        Message m = append(alice(), c.id(), NewMessage.user("files").attachments(d.id(), a.id(), b.id()));
        assertThat(Samples.attachmentIds(alice().attachments().listForMessage(m.id()))).as("oldest first")
                .containsExactly(a.id(), b.id(), d.id());
    }

    /** Linking twice lists the attachment once: look at the link insert (insert-if-absent, primary key on the pair). */
    @Test
    default void linkToConversationIsIdempotent() {
        Conversation c = newConversation(alice());
        Attachment a = storedFile(alice(), "a.pdf");
        alice().attachments().linkToConversation(a.id(), c.id());
        alice().attachments().linkToConversation(a.id(), c.id());
        assertThat(Samples.attachmentIds(alice().attachments().listForConversation(c.id()))).as("listed once")
                .containsExactly(a.id());
        assertThat(alice().attachments().orphans(10)).as("a linked attachment is not an orphan").isEmpty();
    }

    /**
     * listForConversation unites direct links and links through messages, each once, oldest first: look at its
     * query's UNION/DISTINCT and ORDER BY.
     */
    @Test
    default void listForConversationIncludesDirectAndMessageLinksOnce() {
        Conversation c = newConversation(alice());
        Conversation other = newConversation(alice());
        Attachment direct = storedFile(alice(), "direct.pdf");
        clock().advance(Duration.ofSeconds(1));
        Attachment both = storedFile(alice(), "both.pdf");
        clock().advance(Duration.ofSeconds(1));
        Attachment viaMessage = storedFile(alice(), "message.pdf");
        Attachment elsewhere = storedFile(alice(), "elsewhere.pdf");
        alice().attachments().linkToConversation(direct.id(), c.id());
        alice().attachments().linkToConversation(both.id(), c.id());
        append(alice(), c.id(), NewMessage.user("files").attachments(viaMessage.id(), both.id()));
        append(alice(), c.id(), NewMessage.user("same file again").attachments(both.id()));
        alice().attachments().linkToConversation(elsewhere.id(), other.id());
        assertThat(Samples.attachmentIds(alice().attachments().listForConversation(c.id())))
                .as("each linked attachment once, oldest first; not the other conversation's")
                .containsExactly(direct.id(), both.id(), viaMessage.id());
    }

    /**
     * orphans lists only the user's attachments linked nowhere, oldest first, at most limit: look at its NOT EXISTS
     * conditions and ORDER BY.
     */
    @Test
    default void orphansListsOnlyUnlinkedAttachmentsOldestFirstUpToTheLimit() {
        Conversation c = newConversation(alice());
        Attachment o1 = storedFile(alice(), "o1.pdf");
        clock().advance(Duration.ofSeconds(1));
        Attachment linkedDirect = storedFile(alice(), "direct.pdf");
        clock().advance(Duration.ofSeconds(1));
        Attachment o2 = storedFile(alice(), "o2.pdf");
        clock().advance(Duration.ofSeconds(1));
        Attachment linkedByMessage = storedFile(alice(), "message.pdf");
        clock().advance(Duration.ofSeconds(1));
        Attachment o3 = storedFile(alice(), "o3.pdf");
        alice().attachments().linkToConversation(linkedDirect.id(), c.id());
        append(alice(), c.id(), NewMessage.user("x").attachments(linkedByMessage.id()));
        storedFile(bob(), "bobs.pdf");
        assertThat(Samples.attachmentIds(alice().attachments().orphans(10))).as("only unlinked, oldest first, only own")
                .containsExactly(o1.id(), o2.id(), o3.id());
        assertThat(Samples.attachmentIds(alice().attachments().orphans(2))).as("at most the limit, oldest first")
                .containsExactly(o1.id(), o2.id());
    }

    /**
     * A file appended with messages becomes an orphan when the last message of the conversation
     * that links it is deleted; one that linkToConversation linked explicitly stays linked. Look at
     * how message deletion treats the conversation links its appends made.
     */
    @Test
    default void filesOfDeletedMessagesBecomeOrphansUnlessLinkedExplicitly() {
        Conversation c = newConversation(alice());
        Attachment shared = storedFile(alice(), "shared.pdf");
        Attachment kept = storedFile(alice(), "kept.pdf");
        Message first = append(alice(), c.id(), NewMessage.user("one").attachments(shared.id(), kept.id()));
        Message second = append(alice(), c.id(), NewMessage.user("two").attachments(shared.id()));
        alice().attachments().linkToConversation(kept.id(), c.id());

        assertThat(alice().messages().delete(first.id())).isTrue();
        assertThat(alice().attachments().orphans(10)).as("shared still has the second message; kept its explicit link")
                .isEmpty();
        assertThat(Samples.attachmentIds(alice().attachments().listForConversation(c.id())))
                .containsExactlyInAnyOrder(shared.id(), kept.id());

        assertThat(alice().messages().delete(second.id())).isTrue();
        assertThat(Samples.attachmentIds(alice().attachments().orphans(10)))
                .as("the last message linking shared is gone, so it is an orphan; kept is not")
                .containsExactly(shared.id());
        assertThat(Samples.attachmentIds(alice().attachments().listForConversation(c.id()))).containsExactly(kept.id());
    }

    /** Deleting an attachment removes its links too: look at the cascade from attachment to both link tables. */
    @Test
    default void deleteRemovesTheAttachmentAndItsLinks() {
        Conversation c = newConversation(alice());
        Attachment doomed = storedFile(alice(), "doomed.pdf");
        Attachment kept = storedFile(alice(), "kept.pdf");
        Message m = append(alice(), c.id(), NewMessage.user("x").attachments(doomed.id(), kept.id()));
        alice().attachments().linkToConversation(doomed.id(), c.id());
        assertThat(alice().attachments().delete(doomed.id())).as("first delete").isTrue();
        assertThat(alice().attachments().get(doomed.id())).as("gone").isEmpty();
        assertThat(Samples.attachmentIds(alice().attachments().listForMessage(m.id()))).as("message link removed")
                .containsExactly(kept.id());
        assertThat(Samples.attachmentIds(alice().attachments().listForConversation(c.id()))).as("conversation link removed")
                .containsExactly(kept.id());
        assertThat(alice().messages().get(m.id())).as("the message stays").isPresent();
        assertThat(alice().attachments().delete(doomed.id())).as("second delete finds nothing").isFalse();
    }

    /**
     * An append naming an unknown attachment is NotFoundException and stores nothing: look at the reference check
     * inside the append transaction.
     */
    @Test
    default void appendWithAnUnknownAttachmentIsNotFoundAndStoresNothing() {
        Conversation c = newConversation(alice());
        Attachment real = storedFile(alice(), "real.pdf");
        UserSnapshot before = UserSnapshot.of(alice());
        expectNotFound("no such attachment", () -> alice().messages().append(c.id(),
                NewMessage.user("x").attachments(real.id(), unknownId())));
        assertThat(UserSnapshot.of(alice())).as("no message, no link").isEqualTo(before);
    }

    /**
     * Linking with an unknown attachment or conversation is NotFoundException: look at the existence checks before
     * the link insert.
     */
    @Test
    default void linkToConversationWithAnUnknownSideIsNotFound() {
        Conversation c = newConversation(alice());
        Attachment a = storedFile(alice(), "a.pdf");
        expectNotFound("no such conversation", () -> alice().attachments().linkToConversation(a.id(), unknownId()));
        expectNotFound("no such attachment", () -> alice().attachments().linkToConversation(unknownId(), c.id()));
        assertThat(alice().attachments().listForConversation(c.id())).as("no link made").isEmpty();
        assertThat(Samples.attachmentIds(alice().attachments().orphans(10))).as("still an orphan").isEqualTo(List.of(a.id()));
    }

    /** The default inline limit is 64 KiB inclusive: look at how the store's configured limit is compared. */
    @Test
    default void inlineAttachmentAtTheDefaultLimitIsStoredAndOneByteMoreIsRejected() {
        int limit = StoreSettings.DEFAULT_MAX_INLINE_ATTACHMENT_BYTES;
        Attachment a = alice().attachments().create(NewAttachment.inline("max.bin", "application/octet-stream", new byte[limit]));
        assertThat(alice().attachments().inlineData(a.id())).as("all %d bytes stored", limit)
                .hasValueSatisfying(d -> assertThat(d).hasSize(limit));
        assertThatThrownBy(() -> alice().attachments().create(
                NewAttachment.inline("over.bin", "application/octet-stream", new byte[limit + 1])))
                .as("one byte over the default limit").isInstanceOf(InvalidInputException.class);
        assertThat(alice().attachments().orphans(10)).as("only the file at the limit is stored").hasSize(1);
    }

    /** A message links up to the maximum number of attachments: look at the link inserts (batching, parameter limits). */
    @Test
    default void aMessageLinksUpToTheMaximumNumberOfAttachments() {
        Conversation c = newConversation(alice());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Limits.ATTACHMENTS_PER_MESSAGE_MAX; i++) {
            ids.add(storedFile(alice(), "f" + i + ".pdf").id());
        }
        Message m = append(alice(), c.id(), NewMessage.user("many files").attachments(ids.toArray(String[]::new)));
        assertThat(Samples.attachmentIds(alice().attachments().listForMessage(m.id()))).as("all linked")
                .containsExactlyInAnyOrderElementsOf(ids);
        expectInvalid("attachmentIds", () -> NewMessage.user("x").attachments(
                Stream.concat(ids.stream(), Stream.of(unknownId())).toArray(String[]::new)));
    }

    /**
     * File name, MIME type, storage URI and error text at their maximum lengths, in multi-byte text, round-trip: look
     * at the attachment columns' sizes, and whether they count chars or bytes.
     */
    @Test
    default void attachmentTextAtItsMaximumLengthsRoundTrips() {
        String uri = "s3://bucket/" + "k".repeat(Limits.STORAGE_URI_MAX - 12);
        Attachment a = alice().attachments().create(NewAttachment.stored(Samples.wide(Limits.FILE_NAME_MAX),
                Samples.wide(Limits.MIME_TYPE_MAX), 1, null, uri));
        Attachment failed = alice().attachments().markError(a.id(), Samples.wide(Limits.ERROR_TEXT_MAX));
        assertThat(alice().attachments().get(a.id())).as("file name, MIME type, URI and error text at their maximums")
                .contains(failed);
        assertThat(failed).extracting(Attachment::name, Attachment::mimeType, Attachment::storageUri, Attachment::errorText)
                .as("each at its maximum").containsExactly(Samples.wide(Limits.FILE_NAME_MAX),
                        Samples.wide(Limits.MIME_TYPE_MAX), uri, Samples.wide(Limits.ERROR_TEXT_MAX));
    }

    /**
     * Well-formed ids that name nothing: an unknown attachment reads empty, deletes false, and its status changes and
     * links are NotFoundException; an unknown conversation or message lists no attachments. Nothing changes. Look at
     * how each Attachments method reports a missing row.
     */
    @Test
    default void unknownIdsReadEmptyAndEveryAttachmentChangeIsNotFound() {
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
        assertThat(alice().attachments().listForConversation(unknownId())).as("listForConversation of an unknown conversation")
                .isEmpty();
        assertThat(alice().attachments().listForMessage(unknownId())).as("listForMessage of an unknown message").isEmpty();
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }
}

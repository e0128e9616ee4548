package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.FactCategory;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.OrphanPurgeReport;
import dev.chatstore.OrphanPurgeReport.StoredFile;
import dev.chatstore.PageRequest;
import dev.chatstore.SearchHit;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoredFileDeleter;
import dev.chatstore.TextQuery;
import dev.chatstore.UserChats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Retention on {@link StoreAdmin}, store-wide: purging orphaned attachments (a callback deletes each
 * stored file before its row goes; inline ones need none), archiving inactive conversations (pinned
 * ones exempt) and deleting long archived ones, each through the path of the user-facing delete or
 * archive, in batches, by the store's clock.
 */
public interface RetentionRules extends StoreFixture {
    Duration HOUR = Duration.ofHours(1);
    Duration MONTH = Duration.ofDays(30);

    private StoreAdmin admin() {
        return store().admin();
    }

    private Attachment inlineFile(UserChats user, String name) {
        return user.attachments().create(NewAttachment.inline(name, "text/plain", name.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Only orphans unchanged for longer than the threshold go, of every user, with their search entries and
     * embeddings; the callback gets exactly the URIs of the stored files deleted, never an inline one's; linked
     * files, young files and files exactly at the threshold stay: look at the store-wide orphan query, its
     * {@code updated_at < now - olderThan} and that the row is deleted as Attachments.delete deletes it.
     */
    @Test
    default void purgeOrphanedAttachmentsDeletesOnlyOldOrphansOfEveryUser() {
        UserChats alice = alice();
        Conversation c = newConversation(alice);
        Attachment stored = storedFile(alice, "old.pdf");
        alice.attachments().markProcessing(stored.id());
        alice.attachments().markReady(stored.id(), "the quokka report", 3);
        alice.embeddings().put(EmbeddingTarget.attachmentChunk(stored.id(), 0), "m", new float[] {1, 0}, "quokka");
        Attachment inline = inlineFile(alice, "old.txt");
        Attachment viaMessage = storedFile(alice, "message.pdf");
        Attachment direct = storedFile(alice, "direct.pdf");
        Attachment unlinked = storedFile(alice, "unlinked.pdf");
        append(alice, c.id(), NewMessage.user("files").attachments(viaMessage.id()));
        alice.attachments().linkToConversation(direct.id(), c.id());
        Message gone = append(alice, c.id(), NewMessage.user("a file").attachments(unlinked.id()));
        alice.messages().delete(gone.id());
        Attachment bobs = storedFile(bob(), "bob.pdf");
        Attachment bobsInline = inlineFile(bob(), "bob.txt");
        assertThat(alice.search().text(TextQuery.of("quokka").onlyKinds(SearchHit.Kind.ATTACHMENT), PageRequest.first())
                .items()).as("the old file's text is found before the purge").hasSize(1);

        clock().advance(HOUR);
        Attachment atThreshold = storedFile(alice, "at-threshold.pdf");
        clock().advance(HOUR);
        Attachment young = storedFile(alice, "young.pdf");
        Attachment youngInline = inlineFile(bob(), "young.txt");
        clock().advance(Duration.ofMinutes(1));

        List<String> offered = new ArrayList<>();
        OrphanPurgeReport report = admin().purgeOrphanedAttachments(HOUR.plusMinutes(1), offered::add);

        assertThat(offered).as("the callback gets exactly the stored orphans' URIs, of every user, each once")
                .containsExactlyInAnyOrder(stored.storageUri(), unlinked.storageUri(), bobs.storageUri());
        assertThat(report.deleted()).as("deleted: two stored and one inline of alice's, one of each of bob's").isEqualTo(5);
        assertThat(report.failed()).as("no callback failed").isZero();
        assertThat(report.relinked()).as("nothing was linked meanwhile").isZero();
        assertThat(report.failures()).as("no failures listed").isEmpty();
        for (Attachment a : List.of(stored, inline, unlinked)) {
            assertThat(alice.attachments().get(a.id())).as("%s, an old orphan, is deleted", a.name()).isEmpty();
        }
        for (Attachment a : List.of(bobs, bobsInline)) {
            assertThat(bob().attachments().get(a.id())).as("bob's %s, an old orphan, is deleted", a.name()).isEmpty();
        }
        for (Attachment a : List.of(viaMessage, direct, atThreshold, young)) {
            assertThat(alice.attachments().get(a.id())).as("%s (linked, or not older than the threshold) stays", a.name())
                    .isPresent();
        }
        assertThat(bob().attachments().get(youngInline.id())).as("bob's young inline file stays").isPresent();
        assertThat(alice.search().text(TextQuery.of("quokka").onlyKinds(SearchHit.Kind.ATTACHMENT), PageRequest.first())
                .items()).as("the deleted file's text is not found any more").isEmpty();
        assertThat(alice.embeddings().get(EmbeddingTarget.attachmentChunk(stored.id(), 0), "m"))
                .as("the deleted file's embedding went with it").isEmpty();

        List<String> again = new ArrayList<>();
        assertThat(admin().purgeOrphanedAttachments(HOUR.plusMinutes(1), again::add).deleted()).as("a second purge").isZero();
        assertThat(again).as("a second purge calls back for nothing").isEmpty();
        assertThat(admin().purgeOrphanedAttachments(Duration.ZERO, again::add).deleted())
                .as("olderThan zero takes every orphan not changed in this millisecond: two stored, one inline").isEqualTo(3);
        assertThat(again).as("zero: the two remaining stored orphans")
                .containsExactlyInAnyOrder(atThreshold.storageUri(), young.storageUri());
    }

    /**
     * A callback that throws keeps its row, is counted and listed with its exception, and the purge goes on with the
     * others; the next purge offers the file again: look at the try around the callback and that the row is
     * deleted only after it returned.
     */
    @Test
    default void aThrowingCallbackKeepsItsRowAndThePurgeGoesOn() {
        Attachment first = storedFile(alice(), "first.pdf");
        Attachment failing = storedFile(alice(), "failing.pdf");
        Attachment last = storedFile(bob(), "last.pdf");
        clock().advance(HOUR);
        IOException refused = new IOException("storage refused");
        List<String> offered = new ArrayList<>();
        OrphanPurgeReport report = admin().purgeOrphanedAttachments(Duration.ZERO, uri -> {
            offered.add(uri);
            if (uri.equals(failing.storageUri())) {
                throw refused;
            }
        });
        assertThat(offered).as("every stored orphan is offered, the failing one included")
                .containsExactlyInAnyOrder(first.storageUri(), failing.storageUri(), last.storageUri());
        assertThat(report.deleted()).as("the two whose callback returned").isEqualTo(2);
        assertThat(report.failed()).as("the one whose callback threw").isEqualTo(1);
        assertThat(report.failures()).as("the failure, with the callback's exception").singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo(new StoredFile("alice", failing.id(), failing.storageUri()));
            assertThat(f.error()).isSameAs(refused);
        });
        assertThat(alice().attachments().get(failing.id())).as("the failed file's row is kept").contains(failing);
        assertThat(alice().attachments().get(first.id())).as("the file before it is deleted").isEmpty();
        assertThat(bob().attachments().get(last.id())).as("the file after it is deleted").isEmpty();

        List<String> retried = new ArrayList<>();
        OrphanPurgeReport again = admin().purgeOrphanedAttachments(Duration.ZERO, retried::add);
        assertThat(retried).as("the next purge offers the failed file again").containsExactly(failing.storageUri());
        assertThat(again.deleted()).as("and deletes it").isEqualTo(1);
        assertThat(alice().attachments().get(failing.id())).as("gone").isEmpty();
    }

    /**
     * An orphan linked after the purge found it is not deleted: linked before its callback, the callback is not
     * called (the orphan is checked again just before); linked during its callback (the file is gone), the row
     * stays and is reported as relinked: look at the check before the callback and the locked check before the
     * row's DELETE.
     */
    @Test
    default void anOrphanLinkedWhileThePurgeRunsIsKept() {
        Conversation c = newConversation(alice());
        Attachment linksItself = storedFile(alice(), "a-links-itself.pdf");
        Attachment linkedBefore = storedFile(alice(), "b-linked-before.pdf");
        clock().advance(HOUR);
        List<String> offered = new ArrayList<>();
        OrphanPurgeReport report = admin().purgeOrphanedAttachments(Duration.ZERO, uri -> {
            offered.add(uri);
            if (uri.equals(linksItself.storageUri())) {
                // The application links both files while the purge is deleting the first one's file.
                append(alice(), c.id(), NewMessage.user("here it is").attachments(linksItself.id()));
                alice().attachments().linkToConversation(linkedBefore.id(), c.id());
            }
        });
        assertThat(offered).as("the file linked before its turn is never offered").containsExactly(linksItself.storageUri());
        assertThat(report.deleted()).as("nothing deleted").isZero();
        assertThat(report.relinked()).as("one file deleted whose row was linked meanwhile").isEqualTo(1);
        assertThat(report.relinkedFiles()).as("listed for the application to repair")
                .containsExactly(new StoredFile("alice", linksItself.id(), linksItself.storageUri()));
        assertThat(alice().attachments().get(linksItself.id())).as("the relinked row stays").isPresent();
        assertThat(alice().attachments().get(linkedBefore.id())).as("the file linked before its turn stays").isPresent();
    }

    /**
     * archiveInactive archives, of every user, the unarchived, unpinned conversations unchanged for longer than the
     * threshold, as setArchived does (revision + 1, updatedAt now), and nothing else: look at the store-wide
     * selection, {@code updated_at < now - inactiveFor}, {@code NOT pinned} and the UPDATE's revision.
     */
    @Test
    default void archiveInactiveArchivesOnlyOldUnpinnedConversationsOfEveryUser() {
        UserChats alice = alice();
        Conversation empty = newConversation(alice);
        Conversation chatted = newConversation(alice);
        Message kept = say(alice, chatted.id(), "hello");
        Conversation pinned = alice.conversations().setPinned(newConversation(alice).id(), true);
        Conversation archived = alice.conversations().setArchived(newConversation(alice).id(), true);
        Conversation bobs = newConversation(bob());
        Conversation active = newConversation(alice);
        Conversation unarchived = newConversation(alice);
        clock().advance(MONTH);
        Conversation atThreshold = newConversation(bob());
        clock().advance(Duration.ofDays(1));
        say(alice, active.id(), "still here");
        alice.conversations().setArchived(unarchived.id(), true);
        alice.conversations().setArchived(unarchived.id(), false);
        clock().advance(MONTH.minusDays(1));
        List<Conversation> untouched = List.of(reload(alice, pinned.id()), reload(alice, archived.id()),
                reload(alice, active.id()), reload(alice, unarchived.id()), reload(bob(), atThreshold.id()));
        Conversation chattedBefore = reload(alice, chatted.id());

        assertThat(admin().archiveInactive(MONTH)).as("archived: alice's empty and chatted, bob's").isEqualTo(3);

        for (Conversation was : List.of(reload(alice, empty.id()), reload(alice, chatted.id()), reload(bob(), bobs.id()))) {
            assertThat(was.archived()).as("inactive conversation %s is archived", was.id()).isTrue();
            assertThat(was.updatedAt()).as("archived now").isEqualTo(clock().now());
        }
        assertThat(reload(alice, chatted.id()).revision()).as("archiving moves the revision")
                .isEqualTo(chattedBefore.revision() + 1);
        assertThat(reload(alice, chatted.id()).messageCount()).as("its messages stay").isEqualTo(1);
        assertThat(alice.messages().get(kept.id())).as("its message stays").isPresent();
        for (Conversation was : untouched) {
            UserChats owner = store().forUser(was.userId());
            assertThat(reload(owner, was.id())).as("pinned, archived, recently changed and at-threshold conversations"
                    + " are left as they were").isEqualTo(was);
        }
        assertThat(Samples.conversationIds(alice.conversations().listArchived(PageRequest.first()).items()))
                .as("alice's archived list").containsExactlyInAnyOrder(empty.id(), chatted.id(), archived.id());
        assertThat(admin().archiveInactive(MONTH)).as("a second run archives nothing").isZero();
    }

    /**
     * deleteArchived deletes, of every user, the archived conversations unchanged for longer than the threshold as
     * Conversations.delete does: messages gone from reads and search, their embeddings gone, attachments orphaned,
     * facts kept without their source; unarchived, pinned and recently archived ones stay: look at the store-wide
     * selection and that each row is deleted through the one delete path.
     */
    @Test
    default void deleteArchivedDeletesOnlyLongArchivedConversationsLikeDelete() {
        UserChats alice = alice();
        Conversation doomed = newConversation(alice);
        Message wombat = say(alice, doomed.id(), "the wombat migrates at dawn");
        alice.embeddings().put(EmbeddingTarget.message(wombat.id()), "m", new float[] {1, 0});
        Attachment file = storedFile(alice, "wombat.pdf");
        append(alice, doomed.id(), NewMessage.user("see the file").attachments(file.id()));
        MemoryFact fact = alice.facts().add(NewFact.of(FactCategory.FACT, "likes wombats", 0.9).learnedFrom(doomed.id(), wombat.id()));
        alice.conversations().setArchived(doomed.id(), true);
        Conversation bobs = bob().conversations().setArchived(newConversation(bob()).id(), true);
        Conversation pinned = alice.conversations().setArchived(
                alice.conversations().setPinned(newConversation(alice).id(), true).id(), true);
        Conversation open = newConversation(alice);
        say(alice, open.id(), "a wombat elsewhere");
        clock().advance(MONTH.minusDays(1));
        Conversation recent = alice.conversations().setArchived(newConversation(alice).id(), true);
        clock().advance(Duration.ofDays(1).plusMillis(1));
        List<Conversation> untouched = List.of(reload(alice, pinned.id()), reload(alice, open.id()),
                reload(alice, recent.id()));

        assertThat(admin().deleteArchived(MONTH)).as("deleted: alice's archived one and bob's").isEqualTo(2);

        assertThat(alice.conversations().get(doomed.id())).as("the archived conversation is gone").isEmpty();
        assertThat(bob().conversations().get(bobs.id())).as("bob's archived conversation is gone").isEmpty();
        assertThat(alice.messages().get(wombat.id())).as("its messages are gone").isEmpty();
        assertThat(alice.search().text(TextQuery.of("wombat").includeArchived(true).onlyKinds(SearchHit.Kind.MESSAGE), PageRequest.first()).items())
                .as("search finds only the message of the conversation that stays")
                .extracting(SearchHit::conversationId).containsOnly(open.id());
        assertThat(alice.embeddings().get(EmbeddingTarget.message(wombat.id()), "m")).as("its message's embedding is gone")
                .isEmpty();
        assertThat(Samples.attachmentIds(alice.attachments().orphans(10))).as("its file is an orphan now")
                .containsExactly(file.id());
        assertThat(alice.facts().get(fact.id())).as("the fact learned in it stays, without its source")
                .hasValueSatisfying(f -> {
                    assertThat(f.sourceConversationId()).isNull();
                    assertThat(f.sourceMessageId()).isNull();
                });
        for (Conversation was : untouched) {
            assertThat(reload(alice, was.id())).as("pinned, unarchived and recently archived conversations stay as they were")
                    .isEqualTo(was);
        }
        assertThat(admin().deleteArchived(MONTH)).as("a second run deletes nothing").isZero();
    }

    /**
     * More rows than one batch, of two users, are all handled, and every row once: look at the batch loop, its
     * keyset ({@code id > :after}) and that it runs until a batch comes back short.
     */
    @Test
    default void retentionWorksThroughMoreRowsThanOneBatch() {
        int count = 450;
        List<String> expectedUris = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UserChats user = i % 2 == 0 ? alice() : bob();
            newConversation(user);
            if (i % 3 == 0) {
                inlineFile(user, "f" + i + ".txt");
            } else {
                expectedUris.add(storedFile(user, "f" + i + ".pdf").storageUri());
            }
        }
        Conversation pinned = alice().conversations().setPinned(newConversation(alice()).id(), true);
        clock().advance(MONTH.plusDays(1));

        List<String> offered = new ArrayList<>();
        OrphanPurgeReport report = admin().purgeOrphanedAttachments(MONTH, offered::add);
        assertThat(report.deleted()).as("every orphan deleted").isEqualTo(count);
        assertThat(offered).as("each stored file's URI offered once").containsExactlyInAnyOrderElementsOf(expectedUris);
        assertThat(admin().archiveInactive(MONTH)).as("every unpinned conversation archived").isEqualTo(count);
        clock().advance(MONTH.plusDays(1));
        assertThat(admin().deleteArchived(MONTH)).as("every archived conversation deleted").isEqualTo(count);
        assertThat(store().admin().statistics().conversations()).as("only the pinned conversation is left").isEqualTo(1);
        assertThat(reload(alice(), pinned.id()).archived()).as("the pinned one was never archived").isFalse();
    }

    /**
     * A null or negative duration and a null callback are InvalidInputException naming the argument and change
     * nothing (the callback is never called); a duration reaching back before any stored time matches nothing:
     * look at the argument checks before the first batch and the cutoff's overflow.
     */
    @Test
    default void badRetentionInputIsInvalidAndChangesNothing() {
        Conversation c = newConversation(alice());
        alice().conversations().setArchived(newConversation(alice()).id(), true);
        Attachment file = storedFile(alice(), "old.pdf");
        clock().advance(Duration.ofDays(365));
        StoredFileDeleter never = uri -> {
            throw new AssertionError("the callback must not be called, was called with " + uri);
        };
        StoreSnapshot before = StoreSnapshot.of(store(), List.of(ALICE), List.of());
        for (Duration bad : Arrays.asList(null, Duration.ofMillis(-1), Duration.ofNanos(-1), Duration.ofSeconds(Long.MIN_VALUE))) {
            expectInvalid("olderThan", () -> admin().purgeOrphanedAttachments(bad, never));
            expectInvalid("inactiveFor", () -> admin().archiveInactive(bad));
            expectInvalid("archivedFor", () -> admin().deleteArchived(bad));
        }
        expectInvalid("deleter", () -> admin().purgeOrphanedAttachments(HOUR, null));
        for (Duration huge : List.of(Duration.ofDays(365L * 3000), Duration.ofSeconds(Long.MAX_VALUE))) {
            assertThat(admin().purgeOrphanedAttachments(huge, never).deleted()).as("nothing is %s old", huge).isZero();
            assertThat(admin().archiveInactive(huge)).as("nothing is %s old", huge).isZero();
            assertThat(admin().deleteArchived(huge)).as("nothing is %s old", huge).isZero();
        }
        assertThat(StoreSnapshot.of(store(), List.of(ALICE), List.of())).as("nothing changed").isEqualTo(before);
        assertThat(reload(alice(), c.id()).archived()).as("the conversation is not archived").isFalse();
        assertThat(alice().attachments().get(file.id())).as("the orphan stays").contains(file);
    }
}

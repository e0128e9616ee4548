package dev.chatstore;

import java.util.List;
import java.util.Objects;

/**
 * What {@link StoreAdmin#purgeOrphanedAttachments} did. The counts are complete; the lists hold at
 * most {@link #LISTED_MAX} entries each, the first ones met. Immutable (the exceptions it holds are
 * the callback's own objects).
 *
 * @param deleted       orphaned attachments deleted, inline ones and stored ones whose file the
 *                      callback deleted
 * @param failed        stored files whose callback threw: their rows are kept, and the next purge
 *                      offers them again
 * @param relinked      stored files the callback deleted but whose rows were kept, because a message
 *                      or a conversation was linked to the attachment after it was last found to be an
 *                      orphan and before its row could be deleted (see the race described on
 *                      {@link StoreAdmin#purgeOrphanedAttachments}): their rows now name a missing file
 * @param failures      the first failed callbacks, in the order met
 * @param relinkedFiles the first relinked files, in the order met
 */
public record OrphanPurgeReport(long deleted, long failed, long relinked, List<Failure> failures,
                                List<StoredFile> relinkedFiles) {
    /** The most entries each list holds. */
    public static final int LISTED_MAX = 100;

    /**
     * Copies the lists.
     *
     * @param deleted       attachments deleted
     * @param failed        files whose callback threw
     * @param relinked      files deleted whose rows were kept
     * @param failures      the first failed callbacks, not null
     * @param relinkedFiles the first relinked files, not null
     * @throws NullPointerException if a list is or holds null
     */
    public OrphanPurgeReport {
        failures = List.copyOf(failures);
        relinkedFiles = List.copyOf(relinkedFiles);
    }

    /**
     * A stored file of an attachment: whose, which, and where the file is (or was).
     *
     * @param userId       the user the attachment belongs to
     * @param attachmentId the attachment's id
     * @param storageUri   the file's storage URI
     */
    public record StoredFile(String userId, String attachmentId, String storageUri) {
        /**
         * Checks that every component is present.
         *
         * @param userId       the user the attachment belongs to, not null
         * @param attachmentId the attachment's id, not null
         * @param storageUri   the file's storage URI, not null
         * @throws NullPointerException if a component is null
         */
        public StoredFile {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(attachmentId, "attachmentId");
            Objects.requireNonNull(storageUri, "storageUri");
        }
    }

    /**
     * A file the callback did not delete, and what it threw.
     *
     * @param file  the file offered to the callback
     * @param error what the callback threw
     */
    public record Failure(StoredFile file, Exception error) {
        /**
         * Checks that both components are present.
         *
         * @param file  the file offered to the callback, not null
         * @param error what the callback threw, not null
         * @throws NullPointerException if a component is null
         */
        public Failure {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(error, "error");
        }
    }
}

package dev.chatstore;

/**
 * The application's side of {@link StoreAdmin#purgeOrphanedAttachments}: deletes a file the store
 * only knows by its storage URI (an object in S3, a file on disk …). The store never touches those
 * files itself. Called from the thread that runs the purge, one file at a time, outside any
 * database transaction; an implementation used by several purges at once must be thread-safe.
 */
@FunctionalInterface
public interface StoredFileDeleter {

    /**
     * Deletes the file at {@code storageUri}, an attachment's {@link Attachment#storageUri()} (never
     * null). Must be idempotent: a file that is already gone counts as deleted, so return normally
     * (a purge that failed after the file went offers the same URI again next time).
     *
     * @param storageUri the file's storage URI
     * @throws Exception if the file could not be deleted: the purge keeps the attachment's row,
     *                   reports the failure and goes on with the other attachments
     */
    void delete(String storageUri) throws Exception;
}

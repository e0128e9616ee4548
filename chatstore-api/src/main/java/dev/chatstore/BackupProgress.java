package dev.chatstore;

/** Told how far a backup is, after each step; called on the thread that runs the backup. */
@FunctionalInterface
public interface BackupProgress {
    /** Does nothing. */
    BackupProgress NONE = (done, total) -> {
    };

    /**
     * Receives the backup's progress so far.
     *
     * @param pagesDone  database pages copied so far
     * @param pagesTotal pages the copy will hold
     */
    void progress(long pagesDone, long pagesTotal);
}

package dev.chatstore;

import java.util.Objects;

/**
 * How {@link StoreAdmin#importStore} treats what the store already holds.
 *
 * @param skipExistingUsers false (the default): a user of the file who already has data in the store, or a persona
 *                          whose id exists, is an {@link ImportException} before anything of that user is written;
 *                          true: such users and personas are skipped, which resumes an interrupted import or copy
 *                          (each user is imported in one transaction, so a user found in the store is complete)
 * @param progress          told after each batch of rows
 */
public record StoreImportOptions(boolean skipExistingUsers, TransferProgress progress) {
    /**
     * Checks that a progress listener is given.
     *
     * @param skipExistingUsers whether to skip users and personas the store already holds
     * @param progress          told after each batch of rows, not null ({@link TransferProgress#NONE} for none)
     * @throws NullPointerException if {@code progress} is null
     */
    public StoreImportOptions {
        Objects.requireNonNull(progress, "progress");
    }

    /** {@return options that fail on users already in the store and report no progress} */
    public static StoreImportOptions defaults() {
        return new StoreImportOptions(false, TransferProgress.NONE);
    }

    /** {@return these options, but skipping users and personas the store already holds} */
    public StoreImportOptions skippingExistingUsers() {
        return new StoreImportOptions(true, progress);
    }

    /**
     * These options with another progress listener.
     *
     * @param listener told after each batch of rows, not null
     * @return the new options
     * @throws NullPointerException if {@code listener} is null
     */
    public StoreImportOptions withProgress(TransferProgress listener) {
        return new StoreImportOptions(skipExistingUsers, listener);
    }
}

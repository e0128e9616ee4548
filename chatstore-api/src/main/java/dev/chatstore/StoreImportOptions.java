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
    public StoreImportOptions {
        Objects.requireNonNull(progress, "progress");
    }

    public static StoreImportOptions defaults() {
        return new StoreImportOptions(false, TransferProgress.NONE);
    }

    public StoreImportOptions skippingExistingUsers() {
        return new StoreImportOptions(true, progress);
    }

    public StoreImportOptions withProgress(TransferProgress listener) {
        return new StoreImportOptions(skipExistingUsers, listener);
    }
}

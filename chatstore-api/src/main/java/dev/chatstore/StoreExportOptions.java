package dev.chatstore;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link StoreAdmin#exportStore} writes.
 *
 * @param includeSecrets whether stored provider API keys are written (still encrypted: ciphertext, IV and key id,
 *                       readable only by a store with the same {@link EncryptionKeys}); false leaves them out
 * @param users          the users to write, or empty for every user; personas are always written
 * @param progress       told after each batch of rows
 */
public record StoreExportOptions(boolean includeSecrets, Set<String> users, TransferProgress progress) {
    public StoreExportOptions {
        users = Set.copyOf(new TreeSet<>(Objects.requireNonNull(users, "users")));
        Objects.requireNonNull(progress, "progress");
    }

    /** Every user, without secrets, no progress. */
    public static StoreExportOptions defaults() {
        return new StoreExportOptions(false, Set.of(), TransferProgress.NONE);
    }

    public StoreExportOptions withSecrets() {
        return new StoreExportOptions(true, users, progress);
    }

    /** Only these users (and the personas). */
    public StoreExportOptions onlyUsers(Collection<String> userIds) {
        return new StoreExportOptions(includeSecrets, Set.copyOf(userIds), progress);
    }

    public StoreExportOptions withProgress(TransferProgress listener) {
        return new StoreExportOptions(includeSecrets, users, listener);
    }
}

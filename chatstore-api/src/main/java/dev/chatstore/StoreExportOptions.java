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
    /**
     * Copies {@code users}.
     *
     * @param includeSecrets whether API keys are written
     * @param users          the users to write, not null; empty for every user
     * @param progress       told after each batch of rows, not null
     * @throws NullPointerException if {@code users} is or holds null, or {@code progress} is null
     */
    public StoreExportOptions {
        users = Set.copyOf(new TreeSet<>(Objects.requireNonNull(users, "users")));
        Objects.requireNonNull(progress, "progress");
    }

    /** {@return every user, without secrets, no progress} */
    public static StoreExportOptions defaults() {
        return new StoreExportOptions(false, Set.of(), TransferProgress.NONE);
    }

    /** {@return these options, but writing the stored provider API keys (still encrypted)} */
    public StoreExportOptions withSecrets() {
        return new StoreExportOptions(true, users, progress);
    }

    /**
     * Only these users (and the personas).
     *
     * @param userIds the users' ids, not null and without null; empty for every user
     * @return the new options
     * @throws NullPointerException if {@code userIds} is or holds null
     */
    public StoreExportOptions onlyUsers(Collection<String> userIds) {
        return new StoreExportOptions(includeSecrets, Set.copyOf(userIds), progress);
    }

    /**
     * These options with another progress listener.
     *
     * @param listener told after each batch of rows, not null
     * @return the new options
     * @throws NullPointerException if {@code listener} is null
     */
    public StoreExportOptions withProgress(TransferProgress listener) {
        return new StoreExportOptions(includeSecrets, users, listener);
    }
}

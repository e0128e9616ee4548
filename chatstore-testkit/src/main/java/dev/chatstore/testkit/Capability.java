package dev.chatstore.testkit;

/**
 * Optional behaviour a store under test may have, declared in
 * {@link ChatStoreConformance#capabilities()}. Rules name what they need with {@link Requires}: a
 * rule of a capability the implementation does not declare is skipped with a reason, never passed
 * silently, and its paired rule checks what a store without the capability must still do.
 */
public enum Capability {
    /**
     * Data survives {@link dev.chatstore.ChatStore#close()} and reopening over the same database
     * (files, servers). Requires {@link ChatStoreConformance#reopenStore} to be implemented. A store
     * without it (a private in-memory database) must lose its data with the store and stay closed.
     */
    REOPEN("data survives close and reopen"),

    /**
     * The store is safe for many threads writing at once, and keeps its guarantees while they do. A
     * store without it must still keep them when threads use it one after another.
     */
    CONCURRENT_WRITERS("safe for many threads writing at once");

    private final String meaning;

    Capability(String meaning) {
        this.meaning = meaning;
    }

    /** What declaring this capability promises, in a few words. */
    public String meaning() {
        return meaning;
    }
}

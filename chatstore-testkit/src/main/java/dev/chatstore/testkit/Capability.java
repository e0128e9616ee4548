package dev.chatstore.testkit;

/**
 * Optional behaviour a store under test may have. The kit skips, with a reason, the tests of a
 * capability the implementation does not declare in {@link ChatStoreConformance#capabilities()};
 * it never passes them silently.
 */
public enum Capability {
    /**
     * Data survives {@link dev.chatstore.ChatStore#close()} and reopening over the same database
     * (files, servers; not private in-memory databases). Requires
     * {@link ChatStoreConformance#reopenStore} to be implemented.
     */
    REOPEN("data survives close and reopen"),

    /** The store is safe for many threads writing at once, and keeps its guarantees while they do. */
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

package dev.chatstore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a keyset-paged listing. Cursors are opaque strings: pass {@link #nextCursor()} to
 * continue in the listing's direction, {@link #previousCursor()} to go back. A cursor is present
 * exactly when there are items on that side of this page. Immutable.
 *
 * @param <T>            the type of the listed items
 * @param items          the page's items, in the listing's order; may be empty
 * @param nextCursor     the cursor of the following page (for {@link PageRequest#at}), or null on the last page
 * @param previousCursor the cursor of the preceding page, or null on the first page
 */
public record Page<T>(List<T> items, String nextCursor, String previousCursor) {
    /**
     * Copies {@code items}.
     *
     * @param items          the page's items, not null
     * @param nextCursor     the cursor of the following page, or null
     * @param previousCursor the cursor of the preceding page, or null
     * @throws NullPointerException if {@code items} or one of them is null
     */
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /** {@return the cursor of the following page; empty on the last page} */
    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }

    /** {@return the cursor of the preceding page; empty on the first page} */
    public Optional<String> previous() {
        return Optional.ofNullable(previousCursor);
    }

    /** {@return whether items follow this page} */
    public boolean hasNext() {
        return nextCursor != null;
    }

    /** {@return whether items precede this page} */
    public boolean hasPrevious() {
        return previousCursor != null;
    }
}

package dev.chatstore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a keyset-paged listing. Cursors are opaque strings: pass {@link #nextCursor()} to
 * continue in the listing's direction, {@link #previousCursor()} to go back. A cursor is present
 * exactly when there are items on that side of this page. Immutable.
 */
public record Page<T>(List<T> items, String nextCursor, String previousCursor) {
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }

    public Optional<String> previous() {
        return Optional.ofNullable(previousCursor);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }

    public boolean hasPrevious() {
        return previousCursor != null;
    }
}

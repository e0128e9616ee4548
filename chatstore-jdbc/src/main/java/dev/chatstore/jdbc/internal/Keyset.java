package dev.chatstore.jdbc.internal;

import dev.chatstore.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bidirectional keyset paging over a listing with a strict total order. The listing supplies one
 * query per direction ("rows strictly after this key, in this direction, at most n"); this class
 * turns them into pages whose cursors are present exactly when rows exist on that side. No OFFSET:
 * every page costs one index seek however deep it is.
 */
final class Keyset<T, K> {

    /** The listing's two seeks and its key handling. */
    interface Source<T, K> {
        /** Up to {@code limit} rows strictly beyond {@code bound}, in listing order or in reverse. */
        List<T> fetch(boolean inListingOrder, K bound, int limit);

        K keyOf(T row);

        /** A key before every row in listing order. */
        K start();

        List<String> encodeKey(K key);

        K decodeKey(Cursor cursor);
    }

    private final String listing;
    private final String scope;
    private final Source<T, K> source;

    Keyset(String listing, String scope, Source<T, K> source) {
        this.listing = listing;
        this.scope = scope;
        this.source = source;
    }

    Page<T> page(String cursorText, int limit, int keyParts) {
        if (cursorText == null) {
            return pageFrom(true, source.start(), limit, true);
        }
        Cursor cursor = Cursor.decode(cursorText, listing, scope, keyParts);
        return pageFrom(cursor.forward(), source.decodeKey(cursor), limit, false);
    }

    /** The page of rows strictly beyond {@code bound} in the given direction. */
    Page<T> pageFrom(boolean forward, K bound, int limit) {
        return pageFrom(forward, bound, limit, false);
    }

    /**
     * As {@link #pageFrom(boolean, Object, int)}; {@code fromStart}: the first page, which has
     * nothing before it, so that is not asked of the database (one query fewer).
     */
    private Page<T> pageFrom(boolean forward, K bound, int limit, boolean fromStart) {
        List<T> rows = source.fetch(forward, bound, limit + 1);
        boolean moreAhead = rows.size() > limit;
        List<T> items = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        if (!forward) {
            Collections.reverse(items);
        }
        K first = items.isEmpty() ? bound : source.keyOf(items.get(0));
        K last = items.isEmpty() ? bound : source.keyOf(items.get(items.size() - 1));
        boolean hasNext = forward ? moreAhead : !source.fetch(true, last, 1).isEmpty();
        boolean hasPrevious = forward ? !fromStart && !source.fetch(false, first, 1).isEmpty() : moreAhead;
        return new Page<>(items,
                hasNext ? cursor(true, last) : null,
                hasPrevious ? cursor(false, first) : null);
    }

    private String cursor(boolean forward, K key) {
        return new Cursor(listing, scope, forward, source.encodeKey(key)).encode();
    }
}

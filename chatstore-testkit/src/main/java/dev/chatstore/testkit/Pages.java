package dev.chatstore.testkit;

import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Walks keyset-paged listings. Not API. */
final class Pages {
    /** More pages than any rule creates: a walk that gets here is looping. */
    private static final int MAX_PAGES = 10_000;

    private Pages() {
    }

    /** Every page from the first, following {@link Page#nextCursor()} until it is absent. */
    static <T> List<Page<T>> walk(Function<PageRequest, Page<T>> listing, int limit) {
        List<Page<T>> pages = new ArrayList<>();
        Page<T> page = listing.apply(PageRequest.first(limit));
        pages.add(page);
        while (page.hasNext()) {
            if (pages.size() >= MAX_PAGES) {
                throw new AssertionError("a walk followed more than " + MAX_PAGES + " next cursors: the cursor loops");
            }
            page = listing.apply(PageRequest.at(page.nextCursor(), limit));
            pages.add(page);
        }
        return pages;
    }

    /** The items of every page, in listing order. */
    static <T> List<T> all(Function<PageRequest, Page<T>> listing, int limit) {
        return items(walk(listing, limit));
    }

    static <T> List<T> items(List<Page<T>> pages) {
        List<T> items = new ArrayList<>();
        pages.forEach(p -> items.addAll(p.items()));
        return items;
    }
}

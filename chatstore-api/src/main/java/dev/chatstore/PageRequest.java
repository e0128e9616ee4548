package dev.chatstore;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Which page to read: the first page of a listing, or the page a cursor points at, with or without
 * a size. One rule for sizes everywhere: a size, when given, is at least 1 (0 and negative sizes
 * are an {@link InvalidInputException}), and a size over the listing's maximum (messages 200,
 * conversations 100, facts 200) is rejected by the store; without a size the listing's default
 * applies (messages 50, conversations 20, facts 50). Immutable.
 */
public final class PageRequest {
    private static final PageRequest FIRST = new PageRequest(null, 0);

    private final String cursor;
    /** 0 when no size was given. */
    private final int limit;

    private PageRequest(String cursor, int limit) {
        this.cursor = cursor;
        this.limit = limit;
    }

    /** {@return the first page at the listing's default size} */
    public static PageRequest first() {
        return FIRST;
    }

    /**
     * The first page with {@code limit} items at most.
     *
     * @param limit the most items the page holds, at least 1 (the listing rejects a size over its maximum)
     * @return the request
     * @throws InvalidInputException if {@code limit} is less than 1
     */
    public static PageRequest first(int limit) {
        return new PageRequest(null, positive(limit));
    }

    /**
     * The page {@code cursor} points at, at the listing's default size.
     *
     * @param cursor a {@link Page#nextCursor()} or {@link Page#previousCursor()} of the same listing
     * @return the request
     * @throws InvalidInputException if {@code cursor} is null or blank
     */
    public static PageRequest at(String cursor) {
        return new PageRequest(cursorText(cursor), 0);
    }

    /**
     * The page {@code cursor} points at, with {@code limit} items at most.
     *
     * @param cursor a {@link Page#nextCursor()} or {@link Page#previousCursor()} of the same listing
     * @param limit  the most items the page holds, at least 1
     * @return the request
     * @throws InvalidInputException if {@code cursor} is null or blank, or {@code limit} is less than 1
     */
    public static PageRequest at(String cursor, int limit) {
        return new PageRequest(cursorText(cursor), positive(limit));
    }

    /** {@return the cursor of a previous {@link Page}, or null for the first page} */
    public String cursor() {
        return cursor;
    }

    /** {@return the requested size, or empty for the listing's default} */
    public OptionalInt limit() {
        return limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    private static int positive(int limit) {
        if (limit < 1) {
            throw new InvalidInputException("limit", "must be at least 1, was " + limit);
        }
        return limit;
    }

    private static String cursorText(String cursor) {
        if (cursor == null) {
            throw new InvalidInputException("cursor", "must not be null");
        }
        if (cursor.isBlank()) {
            throw new InvalidInputException("cursor", "must not be blank");
        }
        return cursor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageRequest other && limit == other.limit && Objects.equals(cursor, other.cursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cursor, limit);
    }

    @Override
    public String toString() {
        return "PageRequest[cursor=" + cursor + ", limit=" + (limit == 0 ? "default" : limit) + "]";
    }
}

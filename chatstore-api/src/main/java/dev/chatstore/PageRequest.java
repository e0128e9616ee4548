package dev.chatstore;

/**
 * Which page to read: the first page of a listing, or the page a cursor points at, with a size.
 * A limit of 0 means the listing's default (messages 50, conversations 20); a limit over the
 * listing's maximum (messages 200, conversations 100) is rejected by the store. Immutable.
 *
 * @param cursor a cursor from a previous {@link Page}, or null for the first page
 * @param limit  the page size, or 0 for the default
 */
public record PageRequest(String cursor, int limit) {
    public PageRequest {
        if (limit < 0) {
            throw new InvalidInputException("limit", "must be positive, was " + limit);
        }
        if (cursor != null && cursor.isBlank()) {
            throw new InvalidInputException("cursor", "must not be blank");
        }
    }

    /** The first page at the default size. */
    public static PageRequest first() {
        return new PageRequest(null, 0);
    }

    /** The first page with {@code limit} items at most. */
    public static PageRequest first(int limit) {
        if (limit == 0) {
            throw new InvalidInputException("limit", "must be positive, was 0");
        }
        return new PageRequest(null, limit);
    }

    /** The page {@code cursor} points at, at the default size. */
    public static PageRequest at(String cursor) {
        return at(cursor, 0);
    }

    /** The page {@code cursor} points at, with {@code limit} items at most (0: default). */
    public static PageRequest at(String cursor, int limit) {
        if (cursor == null) {
            throw new InvalidInputException("cursor", "must not be null");
        }
        return new PageRequest(cursor, limit);
    }
}

package dev.chatstore.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The WAL position each user's reads must see: the user's last write through this store, or a position another
 * node handed over in a token. Bounded: the least recently written users are forgotten, and a forgotten user's
 * position raises the floor every user's reads must see, so forgetting can only send a read to the primary, never
 * to a replica that lacks the user's write. Store-wide writes (migrations, retention over every user) raise the
 * floor too. Thread-safe.
 */
final class WritePositions {
    private final Map<String, Long> byUser;
    private long floor;
    /** The newest position recorded for anyone: what store-wide reads (personas, store settings) must see. */
    private long newest;

    WritePositions(int maxUsers) {
        this.byUser = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                if (size() > maxUsers) {
                    floor = Math.max(floor, eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** Records that {@code userId} (null: every user) wrote at {@code position} or needs to see it. */
    synchronized void advance(String userId, long position) {
        newest = Math.max(newest, position);
        if (userId == null) {
            floor = Math.max(floor, position);
        } else {
            byUser.merge(userId, position, Math::max);
        }
    }

    /** The position reads of {@code userId} (null: store-wide data) must see. */
    synchronized long required(String userId) {
        if (userId == null) {
            return newest;
        }
        return Math.max(floor, byUser.getOrDefault(userId, 0L));
    }
}

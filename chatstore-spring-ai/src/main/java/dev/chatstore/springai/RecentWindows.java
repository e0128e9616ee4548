package dev.chatstore.springai;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The windows this store read or wrote last, by user and conversation id, least recently used dropped
 * first. An entry is only used while its conversation's revision is unchanged, so it never serves
 * what another writer changed. Thread-safe.
 */
final class RecentWindows<V> {
    private final int capacity;
    private final Map<String, V> entries;

    RecentWindows(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > RecentWindows.this.capacity;
            }
        };
    }

    synchronized V get(String key) {
        return capacity == 0 ? null : entries.get(key);
    }

    synchronized void put(String key, V value) {
        if (capacity > 0) {
            entries.put(key, value);
        }
    }

    synchronized void remove(String key) {
        entries.remove(key);
    }
}

package dev.chatstore;

import java.util.Map;
import java.util.Optional;

/**
 * Key/value settings whose values are JSON values (String, Boolean, finite numbers, lists and
 * string-keyed maps, normalized as for metadata). Per user through {@link UserChats#settings()}, store-wide through
 * {@link ChatStore#settings()}. Thread-safe.
 */
public interface Settings {

    /**
     * Sets {@code key} (non-blank, at most {@link Limits#SETTING_KEY_MAX} chars) to {@code value}
     * (a non-null JSON value; use {@link #remove} to unset).
     */
    void put(String key, Object value);

    /** The value, if the key is set. */
    Optional<Object> get(String key);

    /** Every setting, by key in ascending order. */
    Map<String, Object> all();

    /** @return false if the key was not set */
    boolean remove(String key);
}

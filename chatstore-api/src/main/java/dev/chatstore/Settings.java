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
     *
     * @param key   the setting's key
     * @param value the value
     * @throws InvalidInputException if the key is null, blank or too long, or the value is null or not a JSON value
     */
    void put(String key, Object value);

    /**
     * The value, if the key is set.
     *
     * @param key the setting's key
     * @return the value, normalized as stored
     */
    Optional<Object> get(String key);

    /** {@return every setting, by key in ascending order} */
    Map<String, Object> all();

    /**
     * Unsets {@code key}.
     *
     * @param key the setting's key
     * @return false if the key was not set
     */
    boolean remove(String key);
}

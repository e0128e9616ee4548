package dev.chatstore;

import dev.chatstore.internal.Check;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which conversations a listing shows: conditions on their metadata and on their pin, all of which
 * must hold. Immutable and thread-safe; build one with the static factories and the {@code and…}
 * withers, each of which validates its arguments at once.
 *
 * <p>A metadata condition names a key at the top level of the metadata map (a key is a name, never
 * a path: {@code "a.b"} is the key named {@code a.b}) and a JSON value, given as metadata values are
 * (String, Number, Boolean, List, Map or null), normalized as metadata is. Two JSON values are equal
 * when they are of the same JSON type and
 * <ul>
 *   <li>strings: hold the same chars (case and Unicode normalization count);</li>
 *   <li>numbers: have the same numeric value, so {@code 1} equals {@code 1.0}; a number never
 *       equals a string or a boolean;</li>
 *   <li>booleans: are both true or both false ({@code true} never equals {@code 1});</li>
 *   <li>null: JSON null equals only JSON null;</li>
 *   <li>objects (maps): have the same member names with equal values, in any order (a filter object
 *       never matches a larger object);</li>
 *   <li>arrays (lists): have the same length and equal elements in the same order.</li>
 * </ul>
 * A missing key never matches: {@code metadataEquals("k", null)} matches a key present with JSON
 * null, not an absent one. Numbers in a filter value must lie within
 * ±{@link Limits#FILTER_NUMBER_MAX} (2^53 − 1), the range in which every backend compares them
 * exactly. Metadata itself is unaffected: it is stored and read back exactly as written.
 *
 * <p>Two filters are equal when they hold equal conditions in the same order and the same pin
 * condition; a page cursor is accepted only with a filter of the same conditions (in any order) as
 * the one it was issued with.
 */
public final class ConversationFilter {
    private static final ConversationFilter NONE = new ConversationFilter(List.of(), null);
    private static final BigInteger MAX = BigInteger.valueOf(Limits.FILTER_NUMBER_MAX);

    /** How a metadata condition compares the key's value with the condition's value. */
    public enum Match {
        /** The key's value equals the condition's value. */
        EQUALS,
        /** The key's value is an array with at least one element equal to the condition's value. */
        CONTAINS
    }

    /**
     * One metadata condition.
     *
     * @param key   non-blank, at most {@link Limits#FILTER_KEY_MAX} chars
     * @param match how the key's value is compared
     * @param value a JSON value (null is JSON null), normalized as metadata is
     */
    public record MetadataCondition(String key, Match match, Object value) {
        /**
         * Validates the condition and normalizes {@code value} as metadata is.
         *
         * @param key   the metadata key
         * @param match how the key's value is compared
         * @param value a JSON value, or null for JSON null
         * @throws InvalidInputException naming {@code key}, {@code match} or {@code value}: a null or invalid key,
         *                               a null match, or a value that is not JSON or holds a number outside
         *                               ±{@link Limits#FILTER_NUMBER_MAX}
         */
        public MetadataCondition {
            Check.text("key", key, Limits.FILTER_KEY_MAX);
            Check.notNull("match", match);
            value = value == null ? null : numbersInRange(Check.jsonValue("value", value));
        }
    }

    private final List<MetadataCondition> metadata;
    private final Boolean pinned;

    private ConversationFilter(List<MetadataCondition> metadata, Boolean pinned) {
        this.metadata = metadata;
        this.pinned = pinned;
    }

    /** {@return the filter without conditions, which lets every conversation of a listing through} */
    public static ConversationFilter none() {
        return NONE;
    }

    /**
     * Conversations whose metadata holds {@code key} with a value equal to {@code value}.
     *
     * @param key   a top-level metadata key, non-blank, at most {@link Limits#FILTER_KEY_MAX} chars
     * @param value a JSON value; null matches the key present with JSON null
     * @return the filter
     * @throws InvalidInputException naming {@code key} or {@code value}
     */
    public static ConversationFilter metadataEquals(String key, Object value) {
        return NONE.andMetadataEquals(key, value);
    }

    /**
     * Conversations whose metadata holds {@code key} with an array value that has an element equal
     * to {@code value} (a tag list holding a tag, for instance).
     *
     * @param key   a top-level metadata key, non-blank, at most {@link Limits#FILTER_KEY_MAX} chars
     * @param value a JSON value an element must equal
     * @return the filter
     * @throws InvalidInputException naming {@code key} or {@code value}
     */
    public static ConversationFilter metadataContains(String key, Object value) {
        return NONE.andMetadataContains(key, value);
    }

    /**
     * Only pinned conversations ({@code true}) or only unpinned ones ({@code false}).
     *
     * @param pinned true for pinned conversations, false for unpinned ones
     * @return the filter
     */
    public static ConversationFilter pinned(boolean pinned) {
        return NONE.withPinned(pinned);
    }

    /**
     * This filter and {@link #metadataEquals}.
     *
     * @param key   a top-level metadata key
     * @param value a JSON value the key's value must equal
     * @return a new filter with the condition added
     * @throws InvalidInputException naming {@code key} or {@code value}, or {@code filter} past
     *                               {@link Limits#FILTER_CONDITIONS_MAX} conditions
     */
    public ConversationFilter andMetadataEquals(String key, Object value) {
        return and(new MetadataCondition(key, Match.EQUALS, value));
    }

    /**
     * This filter and {@link #metadataContains}.
     *
     * @param key   a top-level metadata key
     * @param value a JSON value an element of the key's array must equal
     * @return a new filter with the condition added
     * @throws InvalidInputException naming {@code key} or {@code value}, or {@code filter} past
     *                               {@link Limits#FILTER_CONDITIONS_MAX} conditions
     */
    public ConversationFilter andMetadataContains(String key, Object value) {
        return and(new MetadataCondition(key, Match.CONTAINS, value));
    }

    /**
     * This filter and the condition.
     *
     * @param condition the condition to add
     * @return a new filter with the condition added
     * @throws InvalidInputException if {@code condition} is null, or past
     *                               {@link Limits#FILTER_CONDITIONS_MAX} conditions (naming {@code filter})
     */
    public ConversationFilter and(MetadataCondition condition) {
        Check.notNull("condition", condition);
        if (metadata.size() >= Limits.FILTER_CONDITIONS_MAX) {
            throw new InvalidInputException("filter", "holds more than " + Limits.FILTER_CONDITIONS_MAX
                    + " metadata conditions");
        }
        List<MetadataCondition> more = new ArrayList<>(metadata);
        more.add(condition);
        return new ConversationFilter(List.copyOf(more), pinned);
    }

    /**
     * This filter with its pin condition replaced: true pinned only, false unpinned only, null either.
     *
     * @param pinned true, false, or null for no pin condition
     * @return a new filter
     */
    public ConversationFilter withPinned(Boolean pinned) {
        return new ConversationFilter(metadata, pinned);
    }

    /** {@return the metadata conditions, in the order they were added} */
    public List<MetadataCondition> metadata() {
        return metadata;
    }

    /** {@return true for pinned conversations only, false for unpinned ones only; empty for either} */
    public Optional<Boolean> pinnedCondition() {
        return Optional.ofNullable(pinned);
    }

    /** {@return true when the filter has no condition, so it lets every conversation of a listing through} */
    public boolean isEmpty() {
        return metadata.isEmpty() && pinned == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConversationFilter f && metadata.equals(f.metadata) && Objects.equals(pinned, f.pinned);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metadata, pinned);
    }

    @Override
    public String toString() {
        return "ConversationFilter[metadata=" + metadata + ", pinned=" + pinned + "]";
    }

    /** Refuses numbers outside ±FILTER_NUMBER_MAX anywhere in a normalized JSON value. */
    private static Object numbersInRange(Object value) {
        if (value instanceof Double d) {
            if (Math.abs(d) > Limits.FILTER_NUMBER_MAX) {
                throw outOfRange(d);
            }
        } else if (value instanceof Number n) {
            BigInteger i = n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
            if (i.abs().compareTo(MAX) > 0) {
                throw outOfRange(n);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(ConversationFilter::numbersInRange);
        } else if (value instanceof List<?> list) {
            list.forEach(ConversationFilter::numbersInRange);
        }
        return value;
    }

    private static InvalidInputException outOfRange(Number n) {
        return new InvalidInputException("value", "holds the number " + n + ", outside ±" + Limits.FILTER_NUMBER_MAX
                + ", the range every backend compares exactly");
    }
}

package dev.chatstore.internal;

import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.PageRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Argument validation shared by the API's value types and the backends. Every failure is an
 * {@link InvalidInputException} naming the argument. Not API.
 */
public final class Check {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Check() {
    }

    /**
     * Checks that {@code value} is not null.
     *
     * @param <T>   the value's type
     * @param arg   the argument's name, for the exception
     * @param value the value to check
     * @return {@code value}
     * @throws InvalidInputException if {@code value} is null
     */
    public static <T> T notNull(String arg, T value) {
        if (value == null) {
            throw new InvalidInputException(arg, "must not be null");
        }
        return value;
    }

    /**
     * Non-null, not blank, at most {@code max} chars, no NUL or unpaired surrogate.
     *
     * @param arg   the argument's name, for the exception
     * @param value the text to check
     * @param max   the most chars allowed
     * @return {@code value}
     * @throws InvalidInputException if {@code value} is null, blank, longer than {@code max} or not storable
     */
    public static String text(String arg, String value, int max) {
        notNull(arg, value);
        if (value.isBlank()) {
            throw new InvalidInputException(arg, "must not be blank");
        }
        return anyText(arg, value, max);
    }

    /**
     * Like {@link #text} but null stays null.
     *
     * @param arg   the argument's name, for the exception
     * @param value the text to check, or null
     * @param max   the most chars allowed
     * @return {@code value}, null included
     * @throws InvalidInputException if {@code value} is not null and blank, longer than {@code max} or not storable
     */
    public static String optionalText(String arg, String value, int max) {
        return value == null ? null : text(arg, value, max);
    }

    /**
     * Non-null, may be empty or blank, at most {@code max} chars, storable on every backend.
     *
     * @param arg   the argument's name, for the exception
     * @param value the text to check
     * @param max   the most chars allowed
     * @return {@code value}
     * @throws InvalidInputException if {@code value} is null, longer than {@code max} or not storable
     */
    public static String anyText(String arg, String value, int max) {
        notNull(arg, value);
        if (value.length() > max) {
            throw new InvalidInputException(arg, "length " + value.length() + " exceeds the maximum of " + max);
        }
        storable(arg, value);
        return value;
    }

    /**
     * Rejects what PostgreSQL text cannot hold (NUL) and what is not valid UTF-16 (an unpaired
     * surrogate would be silently replaced on the way to UTF-8, so the value would not round-trip).
     *
     * @param arg   the argument's name, for the exception
     * @param value the text to check, not null
     * @return {@code value}
     * @throws InvalidInputException if {@code value} holds a NUL character or an unpaired surrogate
     */
    public static String storable(String arg, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new InvalidInputException(arg, "contains a NUL character at index " + i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidInputException(arg, "contains an unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidInputException(arg, "contains an unpaired surrogate at index " + i);
            }
        }
        return value;
    }

    /**
     * A chatstore id: a UUID in canonical lowercase text form.
     *
     * @param arg   the argument's name, for the exception
     * @param value the id to check
     * @return {@code value}
     * @throws InvalidInputException if {@code value} is null or not a lowercase UUID
     */
    public static String id(String arg, String value) {
        notNull(arg, value);
        if (!UUID_TEXT.matcher(value).matches()) {
            throw new InvalidInputException(arg, "is not a valid id (expected a lowercase UUID): " + abbreviate(value));
        }
        return value;
    }

    /**
     * Like {@link #id} but null stays null.
     *
     * @param arg   the argument's name, for the exception
     * @param value the id to check, or null
     * @return {@code value}, null included
     * @throws InvalidInputException if {@code value} is not null and not a lowercase UUID
     */
    public static String optionalId(String arg, String value) {
        return value == null ? null : id(arg, value);
    }

    /**
     * A SHA-256 digest in hex: 64 lowercase hex digits, or null.
     *
     * @param arg   the argument's name, for the exception
     * @param value the digest to check, or null
     * @return {@code value}, null included
     * @throws InvalidInputException if {@code value} is not null and not 64 lowercase hex digits
     */
    public static String sha256(String arg, String value) {
        if (value != null && !SHA256_HEX.matcher(value).matches()) {
            throw new InvalidInputException(arg, "is not 64 lowercase hex digits: " + abbreviate(value));
        }
        return value;
    }

    /**
     * A number from 0 to 1, both included.
     *
     * @param arg   the argument's name, for the exception
     * @param value the number to check
     * @return {@code value}
     * @throws InvalidInputException if {@code value} is NaN or outside [0, 1]
     */
    public static double unitInterval(String arg, double value) {
        if (Double.isNaN(value) || value < 0.0 || value > 1.0) {
            throw new InvalidInputException(arg, "must be between 0 and 1, was " + value);
        }
        return value;
    }

    /**
     * A number of 0 or more.
     *
     * @param arg   the argument's name, for the exception
     * @param value the number to check
     * @return {@code value}
     * @throws InvalidInputException if {@code value} is negative
     */
    public static long nonNegative(String arg, long value) {
        if (value < 0) {
            throw new InvalidInputException(arg, "must not be negative, was " + value);
        }
        return value;
    }

    /**
     * An embedding vector: 1 to {@link Limits#EMBEDDING_DIMENSION_MAX} finite components, not all zero (the
     * cosine of a zero vector is undefined). Returns a copy.
     *
     * @param arg   the argument's name, for the exception
     * @param value the vector to check
     * @return a copy of {@code value}
     * @throws InvalidInputException if {@code value} is null, empty, too long, has a component that is not finite, or
     *                               is all zeros
     */
    public static float[] vector(String arg, float[] value) {
        notNull(arg, value);
        if (value.length == 0) {
            throw new InvalidInputException(arg, "must have at least one component");
        }
        if (value.length > Limits.EMBEDDING_DIMENSION_MAX) {
            throw new InvalidInputException(arg, "dimension " + value.length + " exceeds the maximum of "
                    + Limits.EMBEDDING_DIMENSION_MAX);
        }
        boolean nonZero = false;
        for (int i = 0; i < value.length; i++) {
            float f = value[i];
            if (!Float.isFinite(f)) {
                throw new InvalidInputException(arg, "component " + i + " is " + f + ", not a finite number");
            }
            nonZero |= f != 0.0f;
        }
        if (!nonZero) {
            throw new InvalidInputException(arg, "is the zero vector, whose cosine similarity is undefined");
        }
        return value.clone();
    }

    /**
     * Checks that neither the list nor any element is null.
     *
     * @param <T>    the elements' type
     * @param arg    the argument's name, for the exception
     * @param values the list to check
     * @return {@code values}
     * @throws InvalidInputException if {@code values} or one of its elements is null
     */
    public static <T> List<T> notNullElements(String arg, List<T> values) {
        notNull(arg, values);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidInputException(arg, "element " + i + " is null");
            }
        }
        return values;
    }

    /**
     * The effective size of a page request: its size (at most {@code max}), or the listing's default.
     *
     * @param page         the page request
     * @param defaultLimit the listing's default size
     * @param max          the listing's largest size
     * @return the size to read
     * @throws InvalidInputException if {@code page} is null or asks for more than {@code max} items
     */
    public static int pageLimit(PageRequest page, int defaultLimit, int max) {
        notNull("page", page);
        return page.limit().isPresent() ? limit("limit", page.limit().getAsInt(), max) : defaultLimit;
    }

    /**
     * Checks a size given outright: between 1 and {@code max}.
     *
     * @param arg       the argument's name, for the exception
     * @param requested the size asked for
     * @param max       the largest size allowed
     * @return {@code requested}
     * @throws InvalidInputException if {@code requested} is below 1 or above {@code max}
     */
    public static int limit(String arg, int requested, int max) {
        if (requested < 1) {
            throw new InvalidInputException(arg, "must be at least 1, was " + requested);
        }
        if (requested > max) {
            throw new InvalidInputException(arg, requested + " exceeds the maximum of " + max);
        }
        return requested;
    }

    /**
     * Validates JSON-able metadata and returns a deep, unmodifiable copy that keeps key order.
     * Values may be null, String, Boolean, finite numbers, lists and string-keyed maps of the same.
     * Numbers are normalized to what JSON gives back: integers to the smallest of Integer, Long and
     * BigInteger that holds them, decimals (Float, Double, BigDecimal) to Double.
     *
     * @param arg   the argument's name, for the exception
     * @param value the metadata to check
     * @return the normalized, unmodifiable copy
     * @throws InvalidInputException if {@code value} is null, holds a value that is not JSON, a non-string key or text
     *                               that is not storable, nests deeper than {@link Limits#METADATA_DEPTH_MAX} or is larger than
     *                               {@link Limits#METADATA_MAX} chars as JSON
     */
    public static Map<String, Object> metadata(String arg, Map<String, ?> value) {
        notNull(arg, value);
        int[] size = {0};
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) copyJson(arg, value, 0, size);
        return copy;
    }

    /**
     * Validates a non-null JSON value (as in {@link #metadata}) and returns a deep, unmodifiable, normalized copy.
     *
     * @param arg   the argument's name, for the exception
     * @param value the value to check
     * @return the normalized, unmodifiable copy
     * @throws InvalidInputException if {@code value} is null or is not a JSON value within the metadata limits
     */
    public static Object jsonValue(String arg, Object value) {
        notNull(arg, value);
        return copyJson(arg, value, 0, new int[] {0});
    }

    private static Object copyJson(String arg, Object value, int depth, int[] size) {
        if (depth > Limits.METADATA_DEPTH_MAX) {
            throw new InvalidInputException(arg, "nests deeper than " + Limits.METADATA_DEPTH_MAX + " levels");
        }
        Object result;
        if (value == null || value instanceof Boolean) {
            size[0] += 5;
            result = value;
        } else if (value instanceof String s) {
            storable(arg, s);
            size[0] += s.length() + 2;
            result = s;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            result = normalizeInteger(value instanceof BigInteger b ? b : BigInteger.valueOf(((Number) value).longValue()));
            size[0] += value.toString().length();
        } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            // JSON has one number type; decimals come back as Double, so they are stored as Double.
            double d = value instanceof Float f ? Double.parseDouble(f.toString()) : ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidInputException(arg, "holds a number JSON cannot store (" + value + ")");
            }
            size[0] += 24;
            result = d;
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new InvalidInputException(arg, "has a non-string key: " + e.getKey());
                }
                storable(arg, key);
                size[0] += key.length() + 4;
                copy.put(key, copyJson(arg, e.getValue(), depth + 1, size));
            }
            result = Collections.unmodifiableMap(copy);
        } else if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                copy.add(copyJson(arg, o, depth + 1, size));
                size[0] += 1;
            }
            result = Collections.unmodifiableList(copy);
        } else {
            throw new InvalidInputException(arg, "holds a " + value.getClass().getName()
                    + ", which is not a JSON value (use String, Number, Boolean, List, Map or null)");
        }
        if (size[0] > Limits.METADATA_MAX) {
            throw new InvalidInputException(arg, "is larger than " + Limits.METADATA_MAX + " chars as JSON");
        }
        return result;
    }

    /** Integers come back from JSON as the smallest of Integer, Long, BigInteger that holds them. */
    private static Number normalizeInteger(BigInteger value) {
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value;
    }

    private static String abbreviate(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return "\"" + shown.replace("\0", "\\0") + "\"";
    }
}

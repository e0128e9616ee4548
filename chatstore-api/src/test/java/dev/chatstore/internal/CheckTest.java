package dev.chatstore.internal;

import static dev.chatstore.InvalidInput.expectInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Limits;
import dev.chatstore.PageRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Check: the argument validation every value type and backend shares. */
class CheckTest {

    @Test
    void textIsNonBlankAndWithinItsLimit() {
        assertThat(Check.text("t", "  x  ", 5)).as("kept as given, not trimmed").isEqualTo("  x  ");
        expectInvalid("t", () -> Check.text("t", null, 5));
        expectInvalid("t", () -> Check.text("t", " \t\n\u2003", 5));
        expectInvalid("t", () -> Check.text("t", "xxxxxx", 5));
        assertThat(Check.optionalText("t", null, 5)).as("null stays null").isNull();
        assertThat(Check.anyText("t", "   ", 5)).as("blank is allowed where any text is").isEqualTo("   ");
    }

    @Test
    void lengthsCountUtf16Chars() {
        assertThat(Check.text("t", "🌍🌍", 4)).as("two surrogate pairs are four chars").isEqualTo("🌍🌍");
        expectInvalid("t", () -> Check.text("t", "🌍🌍x", 4));
    }

    @Test
    void storableTextHasNoNulAndNoUnpairedSurrogate() {
        assertThat(Check.storable("t", "ok 🌍 \u0001 \t")).as("pairs and control chars other than NUL").isNotNull();
        for (String bad : List.of("a\0b", "\0", "lone high \uD800", "lone low \uDC00 x", "reversed \uDC00\uD800", "ends high \uD83D")) {
            expectInvalid("t", () -> Check.storable("t", bad));
        }
    }

    @Test
    void anIdIsALowercaseCanonicalUuid() {
        String id = UUID.randomUUID().toString();
        assertThat(Check.id("id", id)).isEqualTo(id);
        for (String bad : new String[] {null, "", id.toUpperCase(), id + " ", id.substring(1), id.replace('-', '_'),
                "{" + id + "}", "1234", "x\0" + id}) {
            expectInvalid("id", () -> Check.id("id", bad));
        }
        assertThat(Check.optionalId("id", null)).isNull();
    }

    @Test
    void numbersStayInTheirRanges() {
        assertThat(Check.unitInterval("c", 0.5)).isEqualTo(0.5);
        expectInvalid("c", () -> Check.unitInterval("c", Double.NaN));
        expectInvalid("n", () -> Check.nonNegative("n", -1));
        assertThat(Check.sha256("s", null)).as("no checksum").isNull();
        expectInvalid("s", () -> Check.sha256("s", "g".repeat(64)));
    }

    @Test
    void pageLimitsAreTheGivenSizeUpToTheMaximumOrTheDefault() {
        assertThat(Check.pageLimit(PageRequest.first(), 20, 100)).as("no size: the default").isEqualTo(20);
        assertThat(Check.pageLimit(PageRequest.first(100), 20, 100)).as("the maximum").isEqualTo(100);
        expectInvalid("limit", () -> Check.pageLimit(PageRequest.first(101), 20, 100));
        expectInvalid("page", () -> Check.pageLimit(null, 20, 100));
        expectInvalid("limit", () -> Check.limit("limit", 0, 100));
    }

    @Test
    void metadataNumbersAreNormalisedToWhatJsonGivesBack() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("small long", 7L);
        given.put("big long", 9_007_199_254_740_993L);
        given.put("short", (short) 3);
        given.put("byte", (byte) 4);
        given.put("huge", new BigInteger("123456789012345678901234567890"));
        given.put("float", 0.1f);
        given.put("decimal", new BigDecimal("2.5"));
        Map<String, Object> copy = Check.metadata("m", given);
        assertThat(copy.get("small long")).as("a long within int range becomes an Integer").isEqualTo(7);
        assertThat(copy.get("big long")).as("a long beyond int range stays a Long").isEqualTo(9_007_199_254_740_993L);
        assertThat(copy.get("short")).isEqualTo(3);
        assertThat(copy.get("byte")).isEqualTo(4);
        assertThat(copy.get("huge")).as("beyond long stays a BigInteger").isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(copy.get("float")).as("a float becomes the Double of its decimal text").isEqualTo(0.1);
        assertThat(copy.get("decimal")).isEqualTo(2.5);
        assertThat(copy.keySet()).as("key order is kept").containsExactlyElementsOf(given.keySet());
    }

    @Test
    void metadataIsADeepUnmodifiableCopy() {
        List<Object> list = new ArrayList<>(List.of(1, "a"));
        Map<String, Object> nested = new HashMap<>(Map.of("k", list));
        Map<String, Object> given = new HashMap<>();
        given.put("nested", nested);
        given.put("null", null);
        Map<String, Object> copy = Check.metadata("m", given);
        list.add("later");
        nested.put("later", true);
        assertThat(copy.get("nested")).as("later changes to the input do not show").isEqualTo(Map.of("k", List.of(1, "a")));
        assertThat(copy).as("a null value is kept").containsEntry("null", null).hasSize(2);
        assertThatThrownBy(() -> copy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> copiedNested = (Map<String, Object>) copy.get("nested");
        assertThatThrownBy(() -> copiedNested.put("x", 1)).as("nested maps too").isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> copiedList = (List<Object>) copiedNested.get("k");
        assertThatThrownBy(() -> copiedList.add(1)).as("lists too").isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void metadataJsonCannotHoldIsInvalid() {
        Map<Object, Object> nonStringKey = new HashMap<>();
        nonStringKey.put(1, "one");
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cursor = deep;
        for (int i = 0; i <= Limits.METADATA_DEPTH_MAX + 1; i++) {
            Map<String, Object> next = new HashMap<>();
            cursor.put("d", next);
            cursor = next;
        }
        List<Map<String, ?>> bad = List.of(Map.of("n", Double.NaN), Map.of("n", Float.NEGATIVE_INFINITY),
                Map.of("n", new BigDecimal("1e400")), Map.of("o", new Object()), Map.of("c", 'c'), Map.of("b", new byte[] {1}),
                Map.of("s", "a\0b"), Map.of("k\0", "v"), Map.of("huge", "x".repeat(Limits.METADATA_MAX + 1)),
                (Map) nonStringKey, (Map) nullKey, cyclic, deep);
        for (Map<String, ?> m : bad) {
            expectInvalid("m", () -> Check.metadata("m", m));
        }
        expectInvalid("m", () -> Check.metadata("m", null));
        expectInvalid("v", () -> Check.jsonValue("v", null));
    }
}

package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Limits;
import dev.chatstore.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Key/value settings, per user ({@code forUser(id).settings()}) and store-wide
 * ({@code store().settings()}): JSON values that round-trip, keys that are exact, scopes that never
 * mix, and bad input that changes nothing.
 */
public interface SettingsRules extends StoreFixture {

    /** One value of every JSON kind, keyed by kind; each must come back equal (same Java types). */
    private static Map<String, Object> everyKindOfValue() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", Samples.UNICODE);
        values.put("emptyText", "");
        values.put("true", true);
        values.put("false", false);
        values.put("int", 42);
        values.put("negative", -7);
        values.put("long", 9_007_199_254_740_993L);
        values.put("double", 0.1);
        values.put("list", Arrays.asList("a", 1, 2.5, false, null, List.of("x"), Map.of("k", "v")));
        values.put("emptyList", List.of());
        values.put("emptyMap", Map.of());
        values.put("nested", Samples.richMetadata());
        return values;
    }

    /**
     * Every kind of JSON value (text, booleans, int, long beyond 2^53, double, lists, nested maps with nulls) comes
     * back equal from get and all: look at how values are written as JSON and read back (number types, nesting).
     */
    @Test
    default void everyKindOfJsonValueRoundTrips() {
        Settings settings = alice().settings();
        everyKindOfValue().forEach(settings::put);
        everyKindOfValue().forEach((key, value) -> assertThat(settings.get(key))
                .as("setting \"%s\" reads back equal", key).contains(value));
        assertThat(settings.all()).as("all() gives every value back equal").isEqualTo(everyKindOfValue());
    }

    /**
     * A map value reads back with its keys in the order written and its numbers exactly (1.0E16
     * stays a Double, -0.0 stays negative), in user and store-wide settings and in profile
     * preferences: look at the JSON column type, which must keep the text as written.
     */
    @Test
    @SuppressWarnings("unchecked")
    default void mapValuesKeepKeyOrderAndNumbersExactly() {
        Map<String, Object> value = Samples.unsortedMetadata();
        List<String> order = Samples.keysInOrder(value);
        alice().settings().put("ui", value);
        store().settings().put("defaults", value);
        alice().profile().mergePreferences(value);
        for (Object read : List.of(alice().settings().get("ui").orElseThrow(), store().settings().get("defaults").orElseThrow(),
                alice().profile().get().orElseThrow().preferences())) {
            assertThat(read).as("values and their Java types").isEqualTo(value);
            assertThat(Samples.keysInOrder((Map<String, Object>) read)).as("keys in the order written")
                    .containsExactlyElementsOf(order);
        }
    }

    /** put on an existing key replaces its value, even with another JSON kind: look at the upsert (ON CONFLICT … DO UPDATE). */
    @Test
    default void putReplacesTheValueOfAnExistingKey() {
        Settings settings = alice().settings();
        settings.put("theme", "dark");
        settings.put("theme", Map.of("mode", "light", "contrast", 2));
        assertThat(settings.get("theme")).as("the second put wins").contains(Map.of("mode", "light", "contrast", 2));
        assertThat(settings.all()).as("still one setting").hasSize(1);
    }

    /** all() lists every key in ascending order (by code point): look at the ORDER BY and the key column's collation. */
    @Test
    default void allListsEverySettingByKeyInAscendingOrder() {
        Settings settings = alice().settings();
        for (String key : List.of("zeta", "Alpha", "alpha", "beta.2", "beta.10", "émoji", "a")) {
            settings.put(key, key.length());
        }
        assertThat(new ArrayList<>(settings.all().keySet())).as("keys in ascending code point order")
                .containsExactly("Alpha", "a", "alpha", "beta.10", "beta.2", "zeta", "émoji");
        assertThat(store().forUser("carol").settings().all()).as("a user without settings has none").isEmpty();
    }

    /** Keys are exact: case, Unicode and the maximum length are kept: look at key validation and the key column. */
    @Test
    default void keysAreExactCaseSensitiveAndMayBeUnicodeUpToTheMaximum() {
        Settings settings = alice().settings();
        String longest = "k".repeat(Limits.SETTING_KEY_MAX);
        settings.put("Theme", 1);
        settings.put("theme", 2);
        settings.put("ключ 🔑", 3);
        settings.put(longest, 4);
        assertThat(settings.get("Theme")).as("\"Theme\"").contains(1);
        assertThat(settings.get("theme")).as("\"theme\" is another key").contains(2);
        assertThat(settings.get("THEME")).as("no case folding").isEmpty();
        assertThat(settings.get("ключ 🔑")).as("a Unicode key").contains(3);
        assertThat(settings.get(longest)).as("a key of the maximum length").contains(4);
    }

    /** remove unsets the key and says whether it was set; other keys stay: look at the DELETE and its row count. */
    @Test
    default void removeUnsetsTheKeyAndSaysWhetherItWasSet() {
        Settings settings = alice().settings();
        settings.put("theme", "dark");
        settings.put("language", "de");
        assertThat(settings.remove("theme")).as("remove of a set key").isTrue();
        assertThat(settings.get("theme")).as("removed").isEmpty();
        assertThat(settings.remove("theme")).as("remove again").isFalse();
        assertThat(settings.remove("never-set")).as("remove of a key never set").isFalse();
        assertThat(settings.all()).as("the other key stays").isEqualTo(Map.of("language", "de"));
    }

    /** Store-wide settings and users' settings never mix, even under the same key: look at the scope (user id) in every statement. */
    @Test
    default void storeWideSettingsAreSeparateFromEveryUsersSettings() {
        store().settings().put("theme", "store");
        alice().settings().put("theme", "alice");
        store().settings().put("maintenance", true);
        assertThat(store().settings().all()).as("store-wide settings")
                .isEqualTo(Map.of("theme", "store", "maintenance", true));
        assertThat(alice().settings().all()).as("alice's settings").isEqualTo(Map.of("theme", "alice"));
        assertThat(bob().settings().get("maintenance")).as("a store-wide setting is not a user's").isEmpty();
        assertThat(store().settings().remove("theme")).as("remove the store-wide theme").isTrue();
        assertThat(alice().settings().get("theme")).as("alice's theme stays").contains("alice");
        alice().erase();
        assertThat(store().settings().get("maintenance")).as("erasing a user keeps store-wide settings").contains(true);
    }

    /** One user's settings are invisible and untouchable to another: look at user_id in every settings statement. */
    @Test
    default void usersCannotSeeOrChangeEachOthersSettings() {
        alice().settings().put("theme", "dark");
        assertThat(bob().settings().get("theme")).as("bob cannot read alice's key").isEmpty();
        assertThat(bob().settings().all()).as("bob has no settings").isEmpty();
        assertThat(bob().settings().remove("theme")).as("bob cannot remove alice's key").isFalse();
        bob().settings().put("theme", "light");
        assertThat(alice().settings().get("theme")).as("bob's put does not touch alice's").contains("dark");
        assertThat(bob().settings().get("theme")).as("bob has his own").contains("light");
    }

    /** Settings are durable: look at commit and reopen. */
    @Test
    @Requires(Capability.REOPEN)
    default void settingsSurviveReopening() {
        alice().settings().put("nested", Samples.richMetadata());
        store().settings().put("motd", "hello");
        reopen();
        assertThat(alice().settings().get("nested")).as("alice's setting after reopen").contains(Samples.richMetadata());
        assertThat(store().settings().get("motd")).as("store-wide setting after reopen").contains("hello");
    }

    /**
     * Null, blank, too long and unstorable keys are InvalidInputException("key") from put, get and remove, in both
     * scopes, and change nothing: look at the key check.
     */
    @Test
    default void badKeysAreInvalidInputAndChangeNothing() {
        alice().settings().put("theme", "dark");
        store().settings().put("motd", "hi");
        List<String> badKeys = Arrays.asList(null, "", "   ", "k".repeat(Limits.SETTING_KEY_MAX + 1), "a\0b", "x\uD800");
        for (Settings settings : List.of(alice().settings(), store().settings())) {
            for (String key : badKeys) {
                expectInvalid("key", () -> settings.put(key, "v"));
                expectInvalid("key", () -> settings.get(key));
                expectInvalid("key", () -> settings.remove(key));
            }
        }
        assertThat(alice().settings().all()).as("alice's settings unchanged").isEqualTo(Map.of("theme", "dark"));
        assertThat(store().settings().all()).as("store-wide settings unchanged").isEqualTo(Map.of("motd", "hi"));
    }

    /**
     * A value that is not JSON (null, NaN, infinity, an arbitrary object, a map with a non-string key, NaN nested in a
     * list) is InvalidInputException("value") and leaves the old value: look at the value check before the write.
     */
    @Test
    default void valuesThatAreNotJsonAreInvalidInputAndChangeNothing() {
        alice().settings().put("theme", "dark");
        Map<Object, Object> intKey = new LinkedHashMap<>();
        intKey.put(1, "one");
        List<Object> badValues = Arrays.asList(null, Double.NaN, Double.POSITIVE_INFINITY, Float.NaN, new Object(),
                intKey, Arrays.asList(1, Double.NaN), Map.of("when", java.time.Instant.EPOCH));
        for (Object value : badValues) {
            expectInvalid("value", () -> alice().settings().put("theme", value));
            expectInvalid("value", () -> store().settings().put("theme", value));
        }
        assertThat(alice().settings().all()).as("alice's value unchanged").isEqualTo(Map.of("theme", "dark"));
        assertThat(store().settings().all()).as("no store-wide setting written").isEmpty();
    }
}

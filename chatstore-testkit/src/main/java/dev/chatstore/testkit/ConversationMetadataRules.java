package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.NewConversation;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A conversation's metadata: free JSON that round-trips with its Java types, replaced whole by
 * {@code replaceMetadata}, merged by {@code patchMetadata} as a JSON merge patch (RFC 7386: nested
 * maps merge, null removes a key, everything else replaces), up to its size limit.
 */
public interface ConversationMetadataRules extends StoreFixture {

    /** RFC 7386 MergePatch(target, patch), the reference the rules compare with. */
    @SuppressWarnings("unchecked")
    private static Object mergePatch(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> patchMap)) {
            return patch;
        }
        Map<String, Object> result = target instanceof Map<?, ?> t ? new LinkedHashMap<>((Map<String, Object>) t)
                : new LinkedHashMap<>();
        ((Map<String, Object>) patchMap).forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else {
                result.put(key, mergePatch(result.get(key), value));
            }
        });
        return result;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** Look at the JSON (de)serialization of metadata: every JSON value kind must come back equal, with the same Java types. */
    @Test
    default void replaceMetadataRoundTripsEveryJsonValueKindExactly() {
        Conversation created = newConversation(alice());
        Map<String, Object> metadata = Samples.richMetadata();
        Conversation replaced = alice().conversations().replaceMetadata(created.id(), metadata);
        assertThat(replaced.metadata()).as("returned metadata equals what was given").isEqualTo(metadata);
        assertThat(reload(alice(), created.id()).metadata()).as("stored metadata equals what was given").isEqualTo(metadata);
    }

    /**
     * Metadata reads back as written, to the number's type and the keys' order, on every path:
     * conversation create, replace and patch, message append. Look at the JSON column type (a
     * store that normalises JSON, such as PostgreSQL's jsonb, turns 1.0E7 into 10000000, -0.0 into 0
     * and sorts keys) and at the (de)serialization.
     */
    @Test
    default void metadataNumbersAndKeyOrderReadBackExactlyAsWritten() {
        Map<String, Object> metadata = Samples.unsortedMetadata();
        List<String> order = Samples.keysInOrder(metadata);
        Conversation created = alice().conversations().create(NewConversation.titled("t").withMetadata(metadata));
        Conversation replaced = alice().conversations().replaceMetadata(newConversation(alice()).id(), metadata);
        Conversation patched = alice().conversations().patchMetadata(newConversation(alice()).id(), metadata);
        dev.chatstore.Message message = append(alice(), created.id(), dev.chatstore.NewMessage.user("m").metadata(metadata));
        for (Map<String, Object> read : List.of(reload(alice(), created.id()).metadata(),
                reload(alice(), replaced.id()).metadata(), reload(alice(), patched.id()).metadata(),
                reloadMessage(alice(), message.id()).metadata())) {
            assertThat(read).as("values and their Java types").isEqualTo(metadata);
            assertThat(((Double) read.get("k")).equals(-0.0)).as("-0.0 stays negative zero").isTrue();
            assertThat(Samples.keysInOrder(read)).as("keys in the order written").containsExactlyElementsOf(order);
        }
    }

    /** replaceMetadata replaces the map, it does not merge: look at the UPDATE (no JSON merge operator). */
    @Test
    default void replaceMetadataReplacesTheWholeMapRatherThanMerging() {
        Conversation created = alice().conversations().create(
                NewConversation.untitled().withMetadata(Map.of("a", 1, "b", 2)));
        alice().conversations().replaceMetadata(created.id(), Map.of("c", 3));
        assertThat(reload(alice(), created.id()).metadata()).as("only the new keys remain").isEqualTo(Map.of("c", 3));
        alice().conversations().replaceMetadata(created.id(), Map.of());
        assertThat(reload(alice(), created.id()).metadata()).as("an empty map empties the metadata").isEmpty();
    }

    /**
     * The example of RFC 7386 section 3: nested maps merge, null removes, a list is replaced whole. Look at the
     * merge (a shallow putAll, or storing the nulls, is wrong).
     */
    @Test
    default void patchFollowsTheRfc7386Example() {
        Map<String, Object> target = map("title", "Goodbye!", "author", map("givenName", "John", "familyName", "Doe"),
                "tags", List.of("example", "sample"), "content", "This will be unchanged");
        Conversation c = alice().conversations().create(NewConversation.untitled().withMetadata(target));
        Map<String, Object> patch = map("title", "Hello!", "phoneNumber", "+01-123-456-7890",
                "author", map("familyName", null), "tags", List.of("example"));
        Conversation patched = alice().conversations().patchMetadata(c.id(), patch);
        Map<String, Object> expected = Map.of("title", "Hello!", "author", Map.of("givenName", "John"),
                "tags", List.of("example"), "content", "This will be unchanged", "phoneNumber", "+01-123-456-7890");
        assertThat(patched.metadata()).as("the returned metadata").isEqualTo(expected);
        assertThat(reload(alice(), c.id()).metadata()).as("the stored metadata").isEqualTo(expected);
    }

    /**
     * Replacing across kinds: a map replaces a scalar, a scalar replaces a map, and a removed key that was never
     * there is simply absent. Look at the merge's type checks.
     */
    @Test
    default void patchReplacesAcrossValueKinds() {
        Conversation c = alice().conversations().create(NewConversation.untitled()
                .withMetadata(map("scalar", 1, "object", map("a", 1), "list", List.of(1, 2), "keep", true)));
        Map<String, Object> patch = map("scalar", map("now", "a map"), "object", "now a string", "list", map("x", null),
                "missing", null, "nullInside", map("gone", null, "here", 1));
        Conversation patched = alice().conversations().patchMetadata(c.id(), patch);
        assertThat(patched.metadata()).as("each key per RFC 7386").isEqualTo(Map.of(
                "scalar", Map.of("now", "a map"), "object", "now a string", "list", Map.of(), "keep", true,
                "nullInside", Map.of("here", 1)));
    }

    /**
     * Patching with every JSON value kind gives what the reference merge gives, with the same Java types: look at the
     * JSON round trip of the merged document.
     */
    @Test
    default void patchRoundTripsEveryJsonValueKindExactly() {
        Conversation c = alice().conversations().create(NewConversation.untitled()
                .withMetadata(map("nested", map("tone", "cold", "other", 1), "null", "set before")));
        Conversation patched = alice().conversations().patchMetadata(c.id(), Samples.richMetadata());
        Object expected = mergePatch(map("nested", map("tone", "cold", "other", 1), "null", "set before"),
                Samples.richMetadata());
        assertThat(patched.metadata()).as("the reference merge").isEqualTo(expected);
        assertThat(reload(alice(), c.id()).metadata()).as("stored").isEqualTo(expected);
        assertThat(patched.metadata()).as("a null value removed the key").doesNotContainKey("null");
    }

    /**
     * An empty patch changes no metadata, and a patch stamps updatedAt and keeps every other field: look at the
     * patch UPDATE's column list.
     */
    @Test
    default void patchKeepsTheRestOfTheConversation() {
        Conversation c = alice().conversations().create(NewConversation.titled("Kept").withMetadata(map("a", 1))
                .withModel("openai", "gpt-4o"));
        say(alice(), c.id(), "hello");
        Conversation before = reload(alice(), c.id());
        assertThat(alice().conversations().patchMetadata(c.id(), Map.of()).metadata()).as("an empty patch")
                .isEqualTo(Map.of("a", 1));
        Instant later = clock().advance(Duration.ofMinutes(2));
        Conversation patched = alice().conversations().patchMetadata(c.id(), map("b", 2));
        assertThat(patched.updatedAt()).as("updatedAt from the clock").isEqualTo(later);
        assertThat(patched).as("only metadata, updatedAt and the revision change")
                .usingRecursiveComparison().ignoringFields("metadata", "updatedAt", "revision").isEqualTo(before);
    }

    /** Metadata close to its size limit round-trips: look at the metadata column's type and the JSON size check. */
    @Test
    default void metadataCloseToTheSizeLimitRoundTrips() {
        Conversation c = newConversation(alice());
        Map<String, Object> big = Map.of("text", Samples.wide(Limits.METADATA_MAX - 100), "n", 1);
        alice().conversations().replaceMetadata(c.id(), big);
        assertThat(reload(alice(), c.id()).metadata()).as("metadata of about %d chars", Limits.METADATA_MAX).isEqualTo(big);
    }
}

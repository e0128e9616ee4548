package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.ConversationFilter;
import dev.chatstore.ConversationFilter.Match;
import dev.chatstore.ConversationFilter.MetadataCondition;
import dev.chatstore.ConversationSummary;
import dev.chatstore.Limits;
import dev.chatstore.NewConversation;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conversation listings filtered by metadata and pin: a key equals a JSON value, or a list-valued
 * key contains one; conditions are AND-ed; JSON values are equal by type and value (numbers by
 * numeric value, objects in any member order, arrays in order, a missing key never matches); the
 * filtered listing keeps the unfiltered order and keyset paging, and its cursors are bound to the
 * filter. Each rule compares the store with {@link #matches}, the semantics written out in Java.
 */
public interface ConversationFilterRules extends StoreFixture {

    /** The reference: does {@code metadata} pass every metadata condition of {@code filter}? */
    private static boolean matches(Map<String, Object> metadata, ConversationFilter filter) {
        for (MetadataCondition c : filter.metadata()) {
            if (!metadata.containsKey(c.key())) {
                return false;
            }
            Object value = metadata.get(c.key());
            boolean ok = c.match() == Match.EQUALS ? jsonEquals(value, c.value())
                    : value instanceof List<?> list && list.stream().anyMatch(e -> jsonEquals(e, c.value()));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** JSON equality: same type; numbers by numeric value, objects by members in any order, arrays in order. */
    private static boolean jsonEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> jsonEquals(x.get(k), y.get(k)));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!jsonEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return (a instanceof String || a instanceof Boolean) && a.equals(b);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static List<Object> list(Object... values) {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** Conversations whose metadata differ from each other in every way a filter can tell; some pinned, some archived. */
    private List<Conversation> varied(UserChats user) {
        List<Map<String, Object>> metadata = List.of(
                map("tag", "work", "n", 1, "flag", true, "nothing", null, "obj", map("a", 1, "b", list(1, 2)),
                        "tags", list("a", "b", map("x", 1)), "arr", list(1, 2)),
                map("tag", "Work", "n", 1.0, "flag", false, "obj", map("b", list(1, 2), "a", 1.0), "tags", list("b"),
                        "arr", list(2, 1)),
                map("tag", "1", "n", "1", "flag", 1, "obj", map("a", 1, "b", list(1, 2), "c", 3), "tags", "a",
                        "arr", list(1)),
                map(),
                map("tag", "work", "n", 2, "nothing", "null", "tags", list(list("a")), "obj", map("a", 1),
                        "arr", list(1, 2, 3)),
                map("tags", list(1, 1.5, "1", true, null, map("a", 1)), "tag", null),
                map("a.b", "dot", "we\"ird", "q", "ünï", "u", "sp ace", list(" "), "a", map("b", "dot")),
                map("n", 9_007_199_254_740_991L, "big", new BigInteger("12345678901234567890123"), "d", 0.1,
                        "d3", 0.30000000000000004, "neg", -0.0, "e", 1.0e20),
                map("n", 9_007_199_254_740_993L, "tags", List.of(), "obj", Map.of(), "arr", List.of()),
                map("tag", "work", "tags", list("a"), "nested", map("deep", map("list", list(map("k", "v"))))));
        List<Conversation> created = new ArrayList<>();
        for (int i = 0; i < metadata.size(); i++) {
            clock().advance(Duration.ofSeconds(1));
            Conversation c = user.conversations().create(NewConversation.untitled().withMetadata(metadata.get(i)));
            if (i % 4 == 1) {
                user.conversations().setPinned(c.id(), true);
            }
            if (i == 4 || i == 9) {
                user.conversations().setArchived(c.id(), true);
            }
            created.add(c);
        }
        return created;
    }

    /**
     * Checks each filter against the reference on both listings, in pages of 3: the same conversations in the
     * unfiltered order.
     */
    private void expectSameAsReference(UserChats user, List<ConversationFilter> filters) {
        List<Conversation> all = Pages.all(user.conversations()::list, Limits.CONVERSATIONS_PAGE_MAX);
        List<Conversation> archived = Pages.all(user.conversations()::listArchived, Limits.CONVERSATIONS_PAGE_MAX);
        for (ConversationFilter filter : filters) {
            List<String> expected = Samples.conversationIds(all.stream().filter(c -> matches(c.metadata(), filter)
                    && filter.pinnedCondition().map(p -> p == c.pinned()).orElse(true)).toList());
            List<String> expectedArchived = Samples.conversationIds(archived.stream()
                    .filter(c -> matches(c.metadata(), filter)
                            && filter.pinnedCondition().map(p -> p == c.pinned()).orElse(true)).toList());
            assertThat(Samples.conversationIds(Pages.all(p -> user.conversations().list(p, filter), 3)))
                    .as("list with %s: the conversations that match, in the list's order", filter)
                    .containsExactlyElementsOf(expected);
            assertThat(Samples.conversationIds(Pages.all(p -> user.conversations().listArchived(p, filter), 3)))
                    .as("listArchived with %s: the archived conversations that match, in order", filter)
                    .containsExactlyElementsOf(expectedArchived);
        }
    }

    /**
     * Equality of strings (case counts), numbers (1 equals 1.0, never "1" or true), booleans, JSON null (a
     * missing key is not null), objects (any member order, no larger object) and arrays (in order): look at how
     * the filtered listing compares the key's value with the filter's, per JSON type.
     */
    @Test
    default void metadataEqualsComparesJsonValuesByTypeAndValue() {
        List<Conversation> created = varied(alice());
        expectSameAsReference(alice(), List.of(
                ConversationFilter.metadataEquals("tag", "work"),
                ConversationFilter.metadataEquals("tag", "Work"),
                ConversationFilter.metadataEquals("tag", "1"),
                ConversationFilter.metadataEquals("n", 1),
                ConversationFilter.metadataEquals("n", 1.0),
                ConversationFilter.metadataEquals("n", "1"),
                ConversationFilter.metadataEquals("n", 9_007_199_254_740_991L),
                ConversationFilter.metadataEquals("flag", true),
                ConversationFilter.metadataEquals("flag", 1),
                ConversationFilter.metadataEquals("flag", false),
                ConversationFilter.metadataEquals("nothing", null),
                ConversationFilter.metadataEquals("tag", null),
                ConversationFilter.metadataEquals("absent", null),
                ConversationFilter.metadataEquals("obj", map("a", 1, "b", list(1, 2))),
                ConversationFilter.metadataEquals("obj", map("b", list(1.0, 2), "a", 1)),
                ConversationFilter.metadataEquals("obj", map("a", 1)),
                ConversationFilter.metadataEquals("obj", Map.of()),
                ConversationFilter.metadataEquals("arr", list(1, 2)),
                ConversationFilter.metadataEquals("arr", list(2, 1)),
                ConversationFilter.metadataEquals("arr", list(1)),
                ConversationFilter.metadataEquals("arr", List.of()),
                ConversationFilter.metadataEquals("tags", list("a", "b", map("x", 1))),
                ConversationFilter.metadataEquals("tags", list("a")),
                ConversationFilter.metadataEquals("d", 0.1),
                ConversationFilter.metadataEquals("d3", 0.3),
                ConversationFilter.metadataEquals("d3", 0.1 + 0.2),
                ConversationFilter.metadataEquals("neg", 0),
                ConversationFilter.metadataEquals("a.b", "dot"),
                ConversationFilter.metadataEquals("a", map("b", "dot")),
                ConversationFilter.metadataEquals("we\"ird", "q"),
                ConversationFilter.metadataEquals("ünï", "u"),
                ConversationFilter.metadataEquals("nested", map("deep", map("list", list(map("k", "v")))))));
        assertThat(Samples.conversationIds(alice().conversations().list(PageRequest.first(),
                ConversationFilter.metadataEquals("n", 1)).items()))
                .as("1 and 1.0 are the same number; the string \"1\" is not").containsExactlyInAnyOrder(
                        created.get(0).id(), created.get(1).id());
        assertThat(alice().conversations().list(PageRequest.first(), ConversationFilter.metadataEquals("absent", null))
                .items()).as("a missing key is not JSON null").isEmpty();
    }

    /**
     * Contains matches an array holding an element equal to the value (an element object or array must be equal,
     * not larger), never a scalar equal to it nor a missing key: look at the array test and the element comparison.
     */
    @Test
    default void metadataContainsMatchesAnArrayElementEqualToTheValue() {
        List<Conversation> created = varied(alice());
        expectSameAsReference(alice(), List.of(
                ConversationFilter.metadataContains("tags", "a"),
                ConversationFilter.metadataContains("tags", "b"),
                ConversationFilter.metadataContains("tags", map("x", 1)),
                ConversationFilter.metadataContains("tags", map("x", 1.0)),
                ConversationFilter.metadataContains("tags", map("a", 1)),
                ConversationFilter.metadataContains("tags", Map.of()),
                ConversationFilter.metadataContains("tags", list("a")),
                ConversationFilter.metadataContains("tags", List.of()),
                ConversationFilter.metadataContains("tags", 1),
                ConversationFilter.metadataContains("tags", 1.5),
                ConversationFilter.metadataContains("tags", "1"),
                ConversationFilter.metadataContains("tags", true),
                ConversationFilter.metadataContains("tags", null),
                ConversationFilter.metadataContains("arr", 1),
                ConversationFilter.metadataContains("arr", 3.0),
                ConversationFilter.metadataContains("obj", 1),
                ConversationFilter.metadataContains("tag", "work"),
                ConversationFilter.metadataContains("sp ace", " "),
                ConversationFilter.metadataContains("absent", "a")));
        assertThat(Samples.conversationIds(alice().conversations().list(PageRequest.first(),
                ConversationFilter.metadataContains("tags", "a")).items()))
                .as("the tag lists holding \"a\", not the string \"a\" nor [[\"a\"]]").containsExactlyInAnyOrder(
                        created.get(0).id());
    }

    /**
     * Conditions are AND-ed, with the pin condition too, and contradictory ones match nothing: look at how the
     * conditions are combined.
     */
    @Test
    default void conditionsCombineWithEachOtherAndWithThePin() {
        varied(alice());
        expectSameAsReference(alice(), List.of(
                ConversationFilter.metadataEquals("tag", "work").andMetadataContains("tags", "a"),
                ConversationFilter.metadataEquals("tag", "work").andMetadataContains("tags", "zzz"),
                ConversationFilter.metadataContains("tags", "a").andMetadataContains("tags", "b"),
                ConversationFilter.metadataContains("tags", "b").andMetadataEquals("tags", list("b")),
                ConversationFilter.metadataEquals("n", 1).andMetadataEquals("n", 2),
                ConversationFilter.metadataEquals("n", 1).andMetadataEquals("flag", false).andMetadataEquals("tag", "Work"),
                ConversationFilter.pinned(true),
                ConversationFilter.pinned(false),
                ConversationFilter.pinned(true).andMetadataEquals("tag", "Work"),
                ConversationFilter.pinned(false).andMetadataEquals("tag", "work"),
                ConversationFilter.metadataEquals("tag", "work").withPinned(null)));
    }

    /**
     * A filtered listing pages like the unfiltered one: forward and back in pages of 4, every match once, in the
     * list's order (pinned first, newest activity first), with cursors exactly where rows lie. Look at the keyset
     * condition of the filtered statements.
     */
    @Test
    default void filteredListingPagesWithoutGapsOrDuplicates() {
        for (int i = 0; i < 30; i++) {
            clock().advance(Duration.ofSeconds(1));
            Conversation c = alice().conversations().create(NewConversation.untitled()
                    .withMetadata(map("project", i % 3 == 0 ? "apollo" : "gemini", "i", i)));
            if (i % 7 == 0) {
                alice().conversations().setPinned(c.id(), true);
            }
        }
        say(alice(), Samples.conversationIds(Pages.all(alice().conversations()::list, 100)).get(29), "bump");
        ConversationFilter apollo = ConversationFilter.metadataEquals("project", "apollo");
        List<String> expected = Samples.conversationIds(Pages.all(alice().conversations()::list, 100).stream()
                .filter(c -> "apollo".equals(c.metadata().get("project"))).toList());
        assertThat(expected).as("10 conversations of apollo").hasSize(10);
        List<Page<Conversation>> pages = Pages.walk(p -> alice().conversations().list(p, apollo), 4);
        assertThat(pages).as("10 matches in pages of 4 make 3 pages").hasSize(3);
        assertThat(pages.get(2).hasNext()).as("nothing after the last filtered page").isFalse();
        assertThat(pages.get(0).hasPrevious()).as("nothing before the first filtered page").isFalse();
        assertThat(Samples.conversationIds(Pages.items(pages))).as("every match once, in the list's order")
                .containsExactlyElementsOf(expected);
        Page<Conversation> back = alice().conversations().list(PageRequest.at(pages.get(2).previousCursor(), 4), apollo);
        assertThat(Samples.conversationIds(back.items())).as("back from the last filtered page is the second")
                .isEqualTo(Samples.conversationIds(pages.get(1).items()));
        Page<Conversation> first = alice().conversations().list(PageRequest.at(back.previousCursor(), 4), apollo);
        assertThat(Samples.conversationIds(first.items())).as("and back again the first")
                .isEqualTo(Samples.conversationIds(pages.get(0).items()));
        assertThat(first.hasPrevious()).as("nothing before the first page, going back").isFalse();
        List<String> sidebar = Pages.all(p -> alice().conversations().sidebar(p, apollo), 4).stream()
                .map(ConversationSummary::id).toList();
        assertThat(sidebar).as("the filtered sidebar lists what the filtered list lists").containsExactlyElementsOf(expected);
    }

    /**
     * A cursor is bound to its filter: refused with another filter, with no filter, and by the other listing; the
     * same conditions in another order, and the sidebar with the same filter, take it. Look at the scope the
     * filtered listing gives its cursors.
     */
    @Test
    default void cursorsOfAFilteredListingAreRefusedForAnotherFilter() {
        for (int i = 0; i < 6; i++) {
            clock().advance(Duration.ofSeconds(1));
            alice().conversations().create(NewConversation.untitled().withMetadata(map("tags", list("x", "y"), "k", 1)));
        }
        ConversationFilter xy = ConversationFilter.metadataContains("tags", "x").andMetadataContains("tags", "y");
        String cursor = alice().conversations().list(PageRequest.first(2), xy).nextCursor();
        assertThat(cursor).as("six matches in pages of 2 have a next page").isNotNull();
        String unfiltered = alice().conversations().list(PageRequest.first(2)).nextCursor();
        expectInvalid("cursor", () -> alice().conversations().list(PageRequest.at(cursor, 2),
                ConversationFilter.metadataContains("tags", "x")));
        expectInvalid("cursor", () -> alice().conversations().list(PageRequest.at(cursor, 2),
                xy.andMetadataEquals("k", 1)));
        expectInvalid("cursor", () -> alice().conversations().list(PageRequest.at(cursor, 2), xy.withPinned(false)));
        expectInvalid("cursor", () -> alice().conversations().list(PageRequest.at(cursor, 2),
                ConversationFilter.metadataContains("tags", "x").andMetadataContains("tags", "z")));
        expectInvalid("cursor", () -> alice().conversations().list(PageRequest.at(cursor, 2),
                ConversationFilter.metadataEquals("tags", "x").andMetadataContains("tags", "y")));
        expectInvalid("cursor", () -> alice().conversations().list(PageRequest.at(cursor, 2)));
        expectInvalid("cursor", () -> alice().conversations().listArchived(PageRequest.at(cursor, 2), xy));
        expectInvalid("cursor", () -> alice().conversations().list(PageRequest.at(unfiltered, 2), xy));
        ConversationFilter yx = ConversationFilter.metadataContains("tags", "y").andMetadataContains("tags", "x");
        assertThat(alice().conversations().list(PageRequest.at(cursor, 2), yx).items())
                .as("the same conditions in another order take the cursor").hasSize(2);
        assertThat(alice().conversations().sidebar(PageRequest.at(cursor, 2), xy).items())
                .as("the sidebar with the same filter takes the list's cursor").hasSize(2);
        assertThat(alice().conversations().list(PageRequest.at(unfiltered, 2), ConversationFilter.none()).items())
                .as("no condition at all is the unfiltered listing, cursors included").hasSize(2);
    }

    /**
     * Filtering reads metadata without changing it: the listed conversations' metadata equals what was written, to
     * the numbers' Java types and the keys' order, and follows later patches. Look at the row mapping of the
     * filtered statements and at anything that rewrites metadata for the index.
     */
    @Test
    default void filteredConversationsKeepTheirMetadataExactly() {
        Map<String, Object> written = map("z", 1.0, "a", 1, "big", new BigInteger("123456789012345678901234567890"),
                "e", 1.0e7, "nested", map("y", list(0.5, 2, "2"), "x", map()), "tag", "kept");
        Conversation c = alice().conversations().create(NewConversation.untitled().withMetadata(written));
        List<Conversation> listed = alice().conversations().list(PageRequest.first(),
                ConversationFilter.metadataEquals("tag", "kept").andMetadataEquals("z", 1)).items();
        assertThat(listed).as("the conversation is found through 1 = 1.0").hasSize(1);
        assertThat(listed.get(0).metadata()).as("its metadata, as written").isEqualTo(written);
        assertThat(new ArrayList<>(listed.get(0).metadata().keySet())).as("in the order written")
                .containsExactlyElementsOf(written.keySet());
        assertThat(listed.get(0).metadata().get("z")).as("1.0 stays a Double").isInstanceOf(Double.class);
        alice().conversations().patchMetadata(c.id(), map("tag", "moved"));
        assertThat(alice().conversations().list(PageRequest.first(), ConversationFilter.metadataEquals("tag", "kept"))
                .items()).as("a patched value no longer matches").isEmpty();
        assertThat(alice().conversations().list(PageRequest.first(), ConversationFilter.metadataEquals("tag", "moved"))
                .items()).as("the new value does").extracting(Conversation::id).containsExactly(c.id());
    }

    /**
     * A filter checks its arguments when built, naming them: null, blank and too long keys, values that are not
     * JSON, numbers past 2^53 - 1, too many conditions; a null filter is refused by the listing. Look at
     * ConversationFilter's factories and the listing's argument checks.
     */
    @Test
    default void filterArgumentsAreCheckedWhenBuilt() {
        expectInvalid("key", () -> ConversationFilter.metadataEquals(null, 1));
        expectInvalid("key", () -> ConversationFilter.metadataContains(" ", 1));
        expectInvalid("key", () -> ConversationFilter.metadataEquals("k".repeat(Limits.FILTER_KEY_MAX + 1), 1));
        expectInvalid("value", () -> ConversationFilter.metadataEquals("k", new Object()));
        expectInvalid("value", () -> ConversationFilter.metadataEquals("k", Double.NaN));
        expectInvalid("value", () -> ConversationFilter.metadataContains("k", Limits.FILTER_NUMBER_MAX + 1));
        expectInvalid("value", () -> ConversationFilter.metadataEquals("k", map("n", list(-1e300))));
        ConversationFilter most = ConversationFilter.none();
        for (int i = 0; i < Limits.FILTER_CONDITIONS_MAX; i++) {
            most = most.andMetadataEquals("k" + i, i);
        }
        ConversationFilter full = most;
        expectInvalid("filter", () -> full.andMetadataContains("one", "more"));
        expectInvalid("filter", () -> alice().conversations().list(PageRequest.first(), null));
        assertThat(alice().conversations().list(PageRequest.first(), full).items())
                .as("the most conditions a filter holds are accepted").isEmpty();
        assertThat(ConversationFilter.metadataEquals("k", Limits.FILTER_NUMBER_MAX).metadata().get(0).value())
                .as("2^53 - 1 is accepted").isEqualTo(Limits.FILTER_NUMBER_MAX);
    }
}

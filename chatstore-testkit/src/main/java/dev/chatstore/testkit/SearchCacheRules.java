package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Limits;
import dev.chatstore.SearchCache;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-user search cache: JSON results keyed by the normalised query (trimmed, whitespace
 * collapsed, NFKC, lower case), live until their TTL has passed by the store's clock, purged
 * store-wide, isolated between users.
 */
public interface SearchCacheRules extends StoreFixture {
    Duration TTL = Duration.ofMinutes(10);

    private static List<Object> results(String tag) {
        return List.of(
                Map.of("title", "Result " + tag, "url", "https://example.com/" + tag, "score", 0.93),
                Map.of("title", Samples.UNICODE, "tags", List.of("a", "b"), "rank", 2));
    }

    /** put then get returns the results equal: look at how results are written and read back as JSON. */
    @Test
    default void putThenGetReturnsTheResults() {
        alice().searchCache().put("weather in Berlin", results("1"), TTL);
        alice().searchCache().put("rich", Samples.richMetadata(), TTL);
        assertThat(alice().searchCache().get("weather in Berlin")).as("cached results").contains(results("1"));
        assertThat(alice().searchCache().get("rich")).as("every JSON kind round-trips").contains(Samples.richMetadata());
        assertThat(alice().searchCache().get("never cached")).as("a query never cached").isEmpty();
    }

    /**
     * Queries that differ only in case, surrounding or repeated whitespace, or Unicode compatibility forms share one
     * entry; other queries do not: look at the normalisation before hashing.
     */
    @Test
    default void queriesThatNormaliseAlikeShareOneEntry() {
        SearchCache cache = alice().searchCache();
        cache.put("  Hello   WORLD ", results("hw"), TTL);
        for (String same : List.of("hello world", "HELLO WORLD", "hello\t\n world", " Hello World  ", "Ｈｅｌｌｏ ｗｏｒｌｄ")) {
            assertThat(cache.get(same)).as("\"%s\" normalises to \"hello world\"", same).contains(results("hw"));
        }
        for (String other : List.of("hello worlds", "helloworld", "hello, world")) {
            assertThat(cache.get(other)).as("\"%s\" is another query", other).isEmpty();
        }
        cache.put("HELLO WORLD", results("replaced"), TTL);
        assertThat(cache.get("hello world")).as("a put of an equal query replaces the entry").contains(results("replaced"));
    }

    /** An entry is returned until its TTL has passed and not at or after that instant: look at the expiry comparison and the clock. */
    @Test
    default void anEntryExpiresWhenItsTtlHasPassed() {
        alice().searchCache().put("q", results("1"), Duration.ofMinutes(5));
        clock().advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(alice().searchCache().get("q")).as("1 ms before expiry").contains(results("1"));
        clock().tick();
        assertThat(alice().searchCache().get("q")).as("at expiry").isEmpty();
        clock().advance(Duration.ofDays(1));
        assertThat(alice().searchCache().get("q")).as("long after expiry").isEmpty();
    }

    /** A put replaces the results and restarts the TTL: look at the upsert, which must set expires_at too. */
    @Test
    default void putReplacesTheResultsAndTheExpiry() {
        alice().searchCache().put("q", results("old"), Duration.ofMinutes(1));
        clock().advance(Duration.ofMinutes(2));
        assertThat(alice().searchCache().get("q")).as("expired").isEmpty();
        alice().searchCache().put("q", results("new"), Duration.ofMinutes(10));
        clock().advance(Duration.ofMinutes(9));
        assertThat(alice().searchCache().get("q")).as("the new entry, live by its own TTL").contains(results("new"));
        alice().searchCache().put("q", results("short"), Duration.ofSeconds(1));
        clock().advance(Duration.ofSeconds(1));
        assertThat(alice().searchCache().get("q")).as("a shorter TTL replaces a longer one").isEmpty();
    }

    /** invalidate removes the entry and says whether a live one was cached: look at the DELETE and the expiry check. */
    @Test
    default void invalidateRemovesTheEntry() {
        alice().searchCache().put("q", results("1"), TTL);
        alice().searchCache().put("other", results("2"), TTL);
        alice().searchCache().put("short", results("3"), Duration.ofSeconds(1));
        assertThat(alice().searchCache().invalidate("  Q ")).as("invalidate a cached query, normalised").isTrue();
        assertThat(alice().searchCache().get("q")).as("gone").isEmpty();
        assertThat(alice().searchCache().invalidate("q")).as("invalidate again").isFalse();
        assertThat(alice().searchCache().invalidate("never")).as("a query never cached").isFalse();
        clock().advance(Duration.ofSeconds(1));
        assertThat(alice().searchCache().invalidate("short")).as("an expired entry was not cached any more").isFalse();
        assertThat(alice().searchCache().get("other")).as("other entries stay").contains(results("2"));
    }

    /**
     * purgeExpiredSearchCache deletes the expired entries of every user, keeps live ones, and returns how many went:
     * look at the store-wide DELETE and its count.
     */
    @Test
    default void purgeExpiredSearchCacheDeletesExpiredEntriesOfEveryUser() {
        assertThat(store().admin().purgeExpiredSearchCache()).as("an empty cache purges nothing").isZero();
        alice().searchCache().put("a1", results("a1"), Duration.ofMinutes(1));
        alice().searchCache().put("a2", results("a2"), Duration.ofMinutes(2));
        alice().searchCache().put("a3", results("a3"), Duration.ofHours(1));
        bob().searchCache().put("b1", results("b1"), Duration.ofMinutes(2));
        bob().searchCache().put("b2", results("b2"), Duration.ofDays(1));
        clock().advance(Duration.ofMinutes(2));
        assertThat(store().admin().purgeExpiredSearchCache()).as("a1, a2 (expiring exactly now) and b1").isEqualTo(3);
        assertThat(store().admin().purgeExpiredSearchCache()).as("nothing left to purge").isZero();
        assertThat(alice().searchCache().get("a3")).as("alice's live entry stays").contains(results("a3"));
        assertThat(bob().searchCache().get("b2")).as("bob's live entry stays").contains(results("b2"));
        alice().searchCache().put("a1", results("again"), Duration.ofMinutes(1));
        assertThat(alice().searchCache().get("a1")).as("a purged query can be cached again").contains(results("again"));
    }

    /** One user's cache is invisible and untouchable to another, even for the same query: look at user_id in every statement. */
    @Test
    default void usersCannotSeeOrChangeEachOthersCachedSearches() {
        alice().searchCache().put("shared query", results("alice"), TTL);
        assertThat(bob().searchCache().get("shared query")).as("bob cannot read alice's entry").isEmpty();
        assertThat(bob().searchCache().invalidate("shared query")).as("bob cannot invalidate alice's entry").isFalse();
        bob().searchCache().put("shared query", results("bob"), TTL);
        assertThat(alice().searchCache().get("shared query")).as("alice's entry unchanged").contains(results("alice"));
        assertThat(bob().searchCache().get("shared query")).as("bob has his own").contains(results("bob"));
        alice().erase();
        assertThat(bob().searchCache().get("shared query")).as("erasing alice keeps bob's entry").contains(results("bob"));
    }

    /**
     * A null, blank or too long query, non-JSON results and a null, zero or negative TTL are InvalidInputException
     * naming the argument, and change nothing: look at the argument checks.
     */
    @Test
    default void badSearchCacheInputIsInvalidAndChangesNothing() {
        SearchCache cache = alice().searchCache();
        cache.put("q", results("1"), TTL);
        for (String query : Arrays.asList(null, "", "   ", "\t\n", "q".repeat(Limits.QUERY_MAX + 1), "a\0b")) {
            expectInvalid("query", () -> cache.put(query, results("bad"), TTL));
            expectInvalid("query", () -> cache.get(query));
            expectInvalid("query", () -> cache.invalidate(query));
        }
        for (Object bad : Arrays.asList(null, Double.NaN, new Object(), List.of(Double.POSITIVE_INFINITY))) {
            expectInvalid("results", () -> cache.put("q", bad, TTL));
        }
        for (Duration ttl : Arrays.asList(null, Duration.ZERO, Duration.ofSeconds(-1), Duration.ofNanos(-1))) {
            expectInvalid("ttl", () -> cache.put("q", results("bad"), ttl));
        }
        assertThat(cache.get("q")).as("the entry is unchanged").contains(results("1"));
        clock().advance(TTL);
        assertThat(cache.get("q")).as("and keeps its original TTL").isEmpty();
    }
}

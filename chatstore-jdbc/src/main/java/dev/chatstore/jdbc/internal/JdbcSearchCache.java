package dev.chatstore.jdbc.internal;

import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.SearchCache;
import dev.chatstore.internal.Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One user's cache of search results, keyed by the SHA-256 of the normalised query. An entry is
 * live until its expiry (by the store's clock); expired entries are never returned and stay until
 * replaced, invalidated or purged. Thread-safe.
 */
final class JdbcSearchCache implements SearchCache {
    enum Sql implements SqlStatement {
        UPSERT, LIVE, DELETE_LIVE, DELETE;

        @Override
        public String catalog() {
            return "search_cache";
        }
    }

    /** Expiries are capped here: later than every backend's timestamps can go wrong, and means "never" anyway. */
    static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final StoreContext ctx;
    private final String userId;

    JdbcSearchCache(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
    }

    @Override
    public void put(String query, Object results, Duration ttl) {
        String normalised = normalise(query);
        Object json = Check.jsonValue("results", results);
        Check.notNull("ttl", ttl);
        if (ttl.isZero() || ttl.isNegative()) {
            throw new InvalidInputException("ttl", "must be positive, was " + ttl);
        }
        Instant now = ctx.now();
        Instant expiresAt = expiry(now, ttl);
        ctx.writeFor(userId, "cache search results", h -> h.createUpdate(ctx.sql(Sql.UPSERT))
                .bind("userId", userId)
                .bind("queryHash", hash(normalised))
                .bind("query", normalised)
                .bind("results", Json.writeValue(json))
                .bind("expiresAt", expiresAt)
                .bind("now", now)
                .execute());
    }

    @Override
    public Optional<Object> get(String query) {
        String hash = hash(normalise(query));
        Instant now = ctx.now();
        return ctx.readFor(userId, "read cached search results", h -> h.createQuery(ctx.sql(Sql.LIVE))
                .bind("userId", userId)
                .bind("queryHash", hash)
                .bind("now", now)
                .map((rs, c) -> Json.readValue(rs.getString("results"), "cached search results"))
                .findOne());
    }

    @Override
    public boolean invalidate(String query) {
        String hash = hash(normalise(query));
        Instant now = ctx.now();
        return ctx.writeFor(userId, "invalidate cached search results", h -> {
            int live = h.createUpdate(ctx.sql(Sql.DELETE_LIVE))
                    .bind("userId", userId)
                    .bind("queryHash", hash)
                    .bind("now", now)
                    .execute();
            // An expired leftover was not cached as far as callers can tell; remove it all the same.
            h.createUpdate(ctx.sql(Sql.DELETE))
                    .bind("userId", userId)
                    .bind("queryHash", hash)
                    .execute();
            return live > 0;
        });
    }

    /** {@code now + ttl}, rounded up to whole milliseconds (so any positive TTL is live for a moment) and capped. */
    static Instant expiry(Instant now, Duration ttl) {
        try {
            Instant exact = now.plus(ttl);
            Instant millis = exact.truncatedTo(ChronoUnit.MILLIS);
            Instant rounded = millis.equals(exact) ? millis : millis.plusMillis(1);
            return rounded.isAfter(LATEST_EXPIRY) ? LATEST_EXPIRY : rounded;
        } catch (DateTimeException | ArithmeticException e) {
            return LATEST_EXPIRY;
        }
    }

    /**
     * The cache key's text: Unicode NFKC (so compatibility forms such as full-width letters and
     * no-break spaces become their plain forms), trimmed, whitespace runs collapsed to one space,
     * lower case ({@link Locale#ROOT}).
     *
     * @throws InvalidInputException ("query") if the query is null, blank (also after normalising),
     *                               too long or not storable
     */
    static String normalise(String query) {
        Check.text("query", query, Limits.QUERY_MAX);
        String nfkc = Normalizer.normalize(query, Normalizer.Form.NFKC);
        String collapsed = WHITESPACE.matcher(nfkc).replaceAll(" ").strip();
        if (collapsed.isEmpty()) {
            throw new InvalidInputException("query", "must not be blank");
        }
        return collapsed.toLowerCase(Locale.ROOT);
    }

    /** SHA-256 of the normalised query's UTF-8, in lowercase hex. */
    static String hash(String normalised) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}

package dev.chatstore.jdbc.internal;

import dev.chatstore.Limits;
import dev.chatstore.Settings;
import dev.chatstore.internal.Check;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Key/value settings of one scope: a user's, or the store-wide ones ({@link #STORE_SCOPE}).
 * Values are JSON, validated and normalized as {@link Check#jsonValue} does, so what is read back
 * equals what was put. Thread-safe.
 */
public final class JdbcSettings implements Settings {
    enum Sql implements SqlStatement {
        UPSERT, BY_KEY, ALL, DELETE;

        @Override
        public String catalog() {
            return "setting";
        }
    }

    /** The scope of store-wide settings: the empty user id, which no user has (user ids are non-blank). */
    public static final String STORE_SCOPE = "";

    private final StoreContext ctx;
    private final String scope;

    /** @param scope a validated user id, or {@link #STORE_SCOPE} */
    public JdbcSettings(StoreContext ctx, String scope) {
        this.ctx = ctx;
        this.scope = scope;
    }

    @Override
    public void put(String key, Object value) {
        checkKey(key);
        Object json = Check.jsonValue("value", value);
        Instant now = ctx.now();
        ctx.writeFor(scope, "store a setting", h -> h.createUpdate(ctx.sql(Sql.UPSERT))
                .bind("userId", scope)
                .bind("key", key)
                .bind("value", Json.writeValue(json))
                .bind("now", now)
                .execute());
    }

    @Override
    public Optional<Object> get(String key) {
        checkKey(key);
        return ctx.readFor(scope, "read a setting", h -> h.createQuery(ctx.sql(Sql.BY_KEY))
                .bind("userId", scope)
                .bind("key", key)
                .map((rs, c) -> Json.readValue(rs.getString("value"), "setting value"))
                .findOne());
    }

    @Override
    public Map<String, Object> all() {
        return ctx.readFor(scope, "read settings", h -> {
            Map<String, Object> settings = new LinkedHashMap<>();
            h.createQuery(ctx.sql(Sql.ALL))
                    .bind("userId", scope)
                    .map((rs, c) -> Map.entry(rs.getString("key"), Json.readValue(rs.getString("value"), "setting value")))
                    .forEach(e -> settings.put(e.getKey(), e.getValue()));
            return Collections.unmodifiableMap(settings);
        });
    }

    @Override
    public boolean remove(String key) {
        checkKey(key);
        return ctx.writeFor(scope, "remove a setting", h -> h.createUpdate(ctx.sql(Sql.DELETE))
                .bind("userId", scope)
                .bind("key", key)
                .execute() > 0);
    }

    private static void checkKey(String key) {
        Check.text("key", key, Limits.SETTING_KEY_MAX);
    }
}

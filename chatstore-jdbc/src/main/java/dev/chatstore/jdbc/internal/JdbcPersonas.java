package dev.chatstore.jdbc.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chatstore.Limits;
import dev.chatstore.NotFoundException;
import dev.chatstore.Persona;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.PersonaUnavailableException;
import dev.chatstore.Personas;
import dev.chatstore.internal.Check;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The store's personas, read through a bounded in-process cache (absent names included) whose
 * entries expire after the configured TTL on the store's clock; this store's writes invalidate at
 * once, and a read that raced a write never puts the old persona back. Starting a conversation
 * reads the persona from the database in its own transaction, never from the cache. Thread-safe.
 */
public final class JdbcPersonas implements Personas {
    enum Sql implements SqlStatement {
        UPSERT, BY_NAME, LIST, SET_STATUS;

        @Override
        public String catalog() {
            return "persona";
        }
    }

    /** Enough for every persona a service offers; unknown names asked for cannot grow it past this. */
    public static final int CACHE_MAX_ENTRIES = 10_000;

    private final StoreContext ctx;
    private final RowMapper<Persona> mapper;
    /** Null when the TTL is zero. */
    private final Cache<String, Optional<Persona>> cache;
    /** Counts this store's persona writes, so that a read which raced one does not cache what it read. */
    private final AtomicLong writes = new AtomicLong();

    public JdbcPersonas(StoreContext ctx) {
        this.ctx = ctx;
        Duration ttl = ctx.options.personaCacheTtl();
        Clock clock = ctx.options.clock();
        this.cache = ttl.isZero() ? null : Caffeine.newBuilder()
                .maximumSize(CACHE_MAX_ENTRIES)
                .expireAfterWrite(ttl)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        this.mapper = (rs, c) -> new Persona(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("display_name"),
                rs.getString("avatar_url"),
                rs.getString("description"),
                rs.getString("category"),
                rs.getString("system_instructions"),
                Json.readStrings(rs.getString("personality_traits")),
                Json.readStrings(rs.getString("suggested_openers")),
                rs.getString("greeting"),
                PersonaStatus.parse(rs.getString("status")),
                ctx.dialect.readInstant(rs, "created_at"),
                ctx.dialect.readInstant(rs, "updated_at"));
    }

    @Override
    public Persona upsert(PersonaSpec p) {
        Check.notNull("persona", p);
        Persona stored = ctx.write("save a persona", h -> {
            h.createUpdate(ctx.sql(Sql.UPSERT))
                    .bind("id", ctx.ids.next())
                    .bind("name", p.name())
                    .bind("displayName", p.displayName())
                    .bind("avatarUrl", p.avatarUrl())
                    .bind("description", p.description())
                    .bind("category", p.category())
                    .bind("systemInstructions", p.systemInstructions())
                    .bind("personalityTraits", Json.writeList(p.personalityTraits()))
                    .bind("suggestedOpeners", Json.writeList(p.suggestedOpeners()))
                    .bind("greeting", p.greeting())
                    .bind("status", p.status().wireName())
                    .bind("now", ctx.now())
                    .execute();
            return load(h, p.name()).orElseThrow();
        });
        invalidate(p.name());
        return stored;
    }

    @Override
    public Optional<Persona> get(String name) {
        Check.text("name", name, Limits.PERSONA_NAME_MAX);
        ctx.ensureOpen();
        if (cache == null) {
            return ctx.read("read a persona", h -> load(h, name));
        }
        Optional<Persona> hit = cache.getIfPresent(name);
        if (hit != null) {
            return hit;
        }
        long writesBefore = writes.get();
        Optional<Persona> read = ctx.read("read a persona", h -> load(h, name));
        cache.put(name, read);
        // Put first, then check: a write that committed meanwhile either sees this entry when it
        // invalidates, or has counted itself by now, and then this read takes its entry back.
        if (writes.get() != writesBefore) {
            cache.asMap().remove(name, read);
        }
        return read;
    }

    /** How many names the cache holds now (for tests of its bound). */
    public long cachedNames() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** After a write committed: count it, then drop the cached entry. */
    private void invalidate(String name) {
        writes.incrementAndGet();
        if (cache != null) {
            cache.invalidate(name);
        }
    }

    /**
     * The persona named by a new conversation, if the store knows it, read inside the caller's
     * transaction (not from the cache, so a persona discontinued a moment ago, by any node, is
     * refused). A known persona must be active.
     */
    Optional<Persona> requireAvailable(Handle h, String name) {
        Optional<Persona> persona = load(h, name);
        if (persona.isPresent() && persona.get().status() != PersonaStatus.ACTIVE) {
            throw new PersonaUnavailableException("Persona " + name + " is " + persona.get().status().wireName()
                    + ": no new conversations can start with it");
        }
        return persona;
    }

    private Optional<Persona> load(Handle h, String name) {
        return h.createQuery(ctx.sql(Sql.BY_NAME)).bind("name", name).map(mapper).findOne();
    }

    @Override
    public List<Persona> list(PersonaStatus status, String category) {
        Check.optionalText("category", category, Limits.DISPLAY_NAME_MAX);
        return ctx.read("list personas", h -> h.createQuery(ctx.sql(Sql.LIST))
                .bind("status", status == null ? null : status.wireName())
                .bind("category", category)
                .bind("limit", Limits.PERSONAS_LIST_MAX)
                .map(mapper).list());
    }

    @Override
    public Persona setStatus(String name, PersonaStatus status) {
        Check.text("name", name, Limits.PERSONA_NAME_MAX);
        Check.notNull("status", status);
        Persona updated = ctx.write("change a persona's status", h -> {
            int rows = h.createUpdate(ctx.sql(Sql.SET_STATUS))
                    .bind("name", name)
                    .bind("status", status.wireName())
                    .bind("now", ctx.now())
                    .execute();
            if (rows == 0) {
                throw new NotFoundException("No persona " + name);
            }
            return load(h, name).orElseThrow();
        });
        invalidate(name);
        return updated;
    }
}

package dev.chatstore.jdbc.internal;

import dev.chatstore.Limits;
import dev.chatstore.NotFoundException;
import dev.chatstore.Persona;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.PersonaUnavailableException;
import dev.chatstore.Personas;
import dev.chatstore.internal.Check;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The store's personas, read through an in-process cache (absent names included) whose entries
 * expire after the configured TTL on the store's clock; this store's writes invalidate at once.
 * Thread-safe.
 */
public final class JdbcPersonas implements Personas {
    enum Sql implements SqlStatement {
        UPSERT, BY_NAME, LIST, SET_STATUS;

        @Override
        public String catalog() {
            return "persona";
        }
    }

    private final StoreContext ctx;
    private final RowMapper<Persona> mapper;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Persona> persona, long expiresAtMillis) {
    }

    public JdbcPersonas(StoreContext ctx) {
        this.ctx = ctx;
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
        cache.remove(p.name());
        return stored;
    }

    @Override
    public Optional<Persona> get(String name) {
        Check.text("name", name, Limits.PERSONA_NAME_MAX);
        ctx.ensureOpen();
        Cached hit = fresh(name);
        if (hit != null) {
            return hit.persona();
        }
        return remember(name, ctx.read("read a persona", h -> load(h, name)));
    }

    /**
     * The persona named by a new conversation, if the store knows it, read inside the caller's
     * transaction. A known persona must be active.
     */
    Optional<Persona> requireAvailable(Handle h, String name) {
        Cached hit = fresh(name);
        Optional<Persona> persona = hit != null ? hit.persona() : remember(name, load(h, name));
        if (persona.isPresent() && persona.get().status() != PersonaStatus.ACTIVE) {
            throw new PersonaUnavailableException("Persona " + name + " is " + persona.get().status().wireName()
                    + ": no new conversations can start with it");
        }
        return persona;
    }

    private Cached fresh(String name) {
        Cached hit = cache.get(name);
        return hit != null && ctx.options.clock().millis() < hit.expiresAtMillis() ? hit : null;
    }

    private Optional<Persona> remember(String name, Optional<Persona> persona) {
        long ttl = ctx.options.personaCacheTtl().toMillis();
        if (ttl > 0) {
            cache.put(name, new Cached(persona, ctx.options.clock().millis() + ttl));
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
        cache.remove(name);
        return updated;
    }
}

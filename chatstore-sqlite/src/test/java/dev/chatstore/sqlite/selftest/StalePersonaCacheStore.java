package dev.chatstore.sqlite.selftest;

import dev.chatstore.ChatStore;
import dev.chatstore.Persona;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.Personas;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Broken on purpose: caches persona reads forever and forgets to invalidate the cache on upsert
 * and setStatus, so a store's own updates stay invisible to its readers.
 */
final class StalePersonaCacheStore extends ForwardingChatStore {
    private final Map<String, Optional<Persona>> byName = new ConcurrentHashMap<>();
    private final Map<String, List<Persona>> lists = new ConcurrentHashMap<>();
    private final Personas stale;

    StalePersonaCacheStore(ChatStore delegate) {
        super(delegate);
        Personas real = delegate.personas();
        stale = new Personas() {
            @Override
            public Persona upsert(PersonaSpec persona) {
                return real.upsert(persona);
            }

            @Override
            public Optional<Persona> get(String name) {
                return name == null ? real.get(null) : byName.computeIfAbsent(name, real::get);
            }

            @Override
            public List<Persona> list(PersonaStatus status, String category) {
                return lists.computeIfAbsent(status + "\u0000" + category, k -> real.list(status, category));
            }

            @Override
            public Persona setStatus(String name, PersonaStatus status) {
                return real.setStatus(name, status);
            }
        };
    }

    @Override
    public Personas personas() {
        return stale;
    }
}

package dev.chatstore;

import java.util.List;
import java.util.Optional;

/**
 * The store's personas (global, not per user). Reads are served from an in-process cache with the
 * store's configured time-to-live; this store's own updates invalidate it at once, another node's
 * updates are seen within the TTL. Thread-safe.
 */
public interface Personas {

    /**
     * Creates the persona, or updates the one with the same name in place: its id and the
     * conversations that refer to it are kept (never a delete and re-insert).
     */
    Persona upsert(PersonaSpec persona);

    Optional<Persona> get(String name);

    /**
     * Personas by name, at most {@link Limits#PERSONAS_LIST_MAX}.
     *
     * @param status   only this status, or null for all
     * @param category only this category, or null for all
     */
    List<Persona> list(PersonaStatus status, String category);

    /** @throws NotFoundException if there is no persona with that name */
    Persona setStatus(String name, PersonaStatus status);
}

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
     *
     * @param persona the persona's content, not null
     * @return the stored persona
     */
    Persona upsert(PersonaSpec persona);

    /**
     * The persona with the name, possibly from the cache.
     *
     * @param name the persona's unique name
     * @return the persona, or empty if there is none with that name
     * @throws InvalidInputException if {@code name} is null, blank or too long
     */
    Optional<Persona> get(String name);

    /**
     * Personas by name, at most {@link Limits#PERSONAS_LIST_MAX}.
     *
     * @param status   only this status, or null for all
     * @param category only this category, or null for all
     * @return the personas, ordered by name
     */
    List<Persona> list(PersonaStatus status, String category);

    /**
     * Sets the persona's status: {@link PersonaStatus#ACTIVE} lets new conversations start with it, the others
     * refuse them. Existing conversations stay readable.
     *
     * @param name   the persona's unique name
     * @param status the new status, not null
     * @return the persona as changed
     * @throws NotFoundException if there is no persona with that name
     */
    Persona setStatus(String name, PersonaStatus status);
}

package dev.chatstore;

import java.util.Optional;

/**
 * Facts learned about one user. Thread-safe. A null or malformed argument is an
 * {@link InvalidInputException} and changes nothing.
 */
public interface MemoryFacts {

    /** @throws NotFoundException if a named source conversation or message is not the user's */
    MemoryFact add(NewFact fact);

    Optional<MemoryFact> get(String factId);

    /** Facts matching {@code query}, highest confidence first, then newest first. */
    Page<MemoryFact> list(FactQuery query, PageRequest page);

    /** @throws NotFoundException if the user has no such fact */
    MemoryFact update(String factId, FactUpdate update);

    /**
     * Marks the fact inactive (kept, but left out of {@link FactQuery#onlyActive()} lists).
     *
     * @throws NotFoundException if the user has no such fact
     */
    MemoryFact deactivate(String factId);

    /** @return false if the user has no such fact */
    boolean delete(String factId);
}

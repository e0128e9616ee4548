package dev.chatstore;

import java.util.Optional;

/**
 * Facts learned about one user. Thread-safe. A null or malformed argument is an
 * {@link InvalidInputException} and changes nothing.
 */
public interface MemoryFacts {

    /**
     * Stores a new fact about the user, active.
     *
     * @param fact the fact, not null
     * @return the stored fact
     * @throws NotFoundException if a named source conversation or message is not the user's (a source message
     *                           must be in the source conversation)
     */
    MemoryFact add(NewFact fact);

    /**
     * The user's fact with the id, active or not.
     *
     * @param factId the fact's id
     * @return the fact, or empty if the user has no such fact
     * @throws InvalidInputException if {@code factId} is null or not a chatstore id
     */
    Optional<MemoryFact> get(String factId);

    /**
     * Facts matching {@code query}, highest confidence first, then newest first.
     *
     * @param query which facts, e.g. {@link FactQuery#onlyActive()}; not null
     * @param page  which page; default size {@link Limits#FACTS_PAGE_DEFAULT}
     * @return the page
     * @throws InvalidInputException if an argument is null, the cursor is not one this store issued, or the limit is over
     *                               {@link Limits#FACTS_PAGE_MAX}
     */
    Page<MemoryFact> list(FactQuery query, PageRequest page);

    /**
     * Changes what {@code update} names; the rest is kept.
     *
     * @param factId the fact's id
     * @param update what to change, not null
     * @return the fact as changed
     * @throws NotFoundException if the user has no such fact
     */
    MemoryFact update(String factId, FactUpdate update);

    /**
     * Marks the fact inactive (kept, but left out of {@link FactQuery#onlyActive()} lists).
     *
     * @param factId the fact's id
     * @return the fact as changed
     * @throws NotFoundException if the user has no such fact
     */
    MemoryFact deactivate(String factId);

    /**
     * Deletes the fact and its embeddings.
     *
     * @param factId the fact's id
     * @return false if the user has no such fact
     * @throws InvalidInputException if {@code factId} is null or not a chatstore id
     */
    boolean delete(String factId);
}

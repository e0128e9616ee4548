package dev.chatstore;

/**
 * Store-wide counts for health pages. Immutable.
 *
 * @param users          distinct users with a profile or a conversation
 * @param conversations  conversations of every user
 * @param messages       messages of every user
 * @param activePersonas personas whose status is {@link PersonaStatus#ACTIVE}
 */
public record StoreStatistics(long users, long conversations, long messages, long activePersonas) {
}

package dev.chatstore;

/**
 * Store-wide counts for health pages. Immutable.
 *
 * @param users distinct users with a profile or a conversation
 */
public record StoreStatistics(long users, long conversations, long messages, long activePersonas) {
}

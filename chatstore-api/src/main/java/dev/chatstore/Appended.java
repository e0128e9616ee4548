package dev.chatstore;

/**
 * The outcome of an append.
 *
 * @param message  the stored message (for a replay: the original, unchanged)
 * @param replayed true when the append matched an earlier one by {@code clientMessageId} and stored nothing
 */
public record Appended(Message message, boolean replayed) {
}

package dev.chatstore.jdbc;

import dev.chatstore.Message;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Keeps data derived from messages (a text index, an embedding queue) exact: the engine calls each
 * hook inside the transaction that changes messages, after the change and before the commit, on
 * the same handle. A hook that throws rolls the whole change back. Every method does nothing by
 * default, so a hook implements only what it needs and new methods never break it. Implementations
 * must be thread-safe.
 */
public interface MessageHook {

    /** {@code stored} were appended (replays are not included), oldest first, all to one conversation. */
    default void appended(Handle h, String userId, List<Message> stored) {
    }

    /** {@code edited} is the message after its content changed. */
    default void edited(Handle h, String userId, Message edited) {
    }

    /** {@code deleted} is the message as it was before it was deleted. */
    default void deleted(Handle h, String userId, Message deleted) {
    }

    /** The conversation and every message in it were deleted. */
    default void conversationDeleted(Handle h, String userId, String conversationId) {
    }

    /** Everything of the user was erased. */
    default void userErased(Handle h, String userId) {
    }
}

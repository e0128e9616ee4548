package dev.chatstore;

import java.util.List;

/**
 * The outcome of {@link Messages#appendAll(String, List, AppendOptions)}: each message's outcome, in
 * the order given, and the conversation as that transaction left it (its new revision and metadata).
 *
 * @param messages     one outcome per message given, in the same order
 * @param conversation the conversation after the append
 */
public record AppendOutcome(List<Appended> messages, Conversation conversation) {
    /**
     * Copies {@code messages}.
     *
     * @param messages     one outcome per message given, not null
     * @param conversation the conversation after the append
     * @throws NullPointerException if {@code messages} is or holds null
     */
    public AppendOutcome {
        messages = List.copyOf(messages);
    }
}

package dev.chatstore;

import java.util.List;

/**
 * The outcome of {@link Messages#appendAll(String, List, AppendOptions)}: each message's outcome, in
 * the order given, and the conversation as that transaction left it (its new revision and metadata).
 */
public record AppendOutcome(List<Appended> messages, Conversation conversation) {
    public AppendOutcome {
        messages = List.copyOf(messages);
    }
}

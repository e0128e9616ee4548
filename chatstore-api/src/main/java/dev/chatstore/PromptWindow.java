package dev.chatstore;

import java.util.List;
import java.util.Objects;

/**
 * What to send to a model for the next turn: the conversation's system prompt and the newest
 * messages of its chosen branch, oldest first, within a {@link WindowLimit}. Tool results whose
 * tool call fell outside the window are left out with it, so a call is never separated from its
 * results. Immutable.
 *
 * @param systemPrompt the conversation's system prompt, or null; always kept, whatever the limit
 * @param messages     oldest first, ending with the branch's tip
 * @param tokens       the tokens the messages take, for a token window (0 for a window limited by messages)
 * @param wholeBranch  whether the window reaches the start of the branch (nothing older was left out)
 */
public record PromptWindow(String systemPrompt, List<Message> messages, long tokens, boolean wholeBranch) {
    /**
     * Copies {@code messages}.
     *
     * @param systemPrompt the conversation's system prompt, or null
     * @param messages     the window's messages, oldest first, not null
     * @param tokens       the tokens the messages take
     * @param wholeBranch  whether the window reaches the start of the branch
     * @throws NullPointerException if {@code messages} is or holds null
     */
    public PromptWindow {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    }
}

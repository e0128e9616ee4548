package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PromptWindow;
import dev.chatstore.TokenUsage;
import dev.chatstore.ToolCall;
import dev.chatstore.WindowLimit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prompt window: what to send to a model. The chosen branch, oldest to newest, limited to the
 * last messages or to a token budget, with the conversation's system prompt, and never a tool result
 * without the call it answers.
 */
public interface PromptWindowRules extends StoreFixture {

    private static List<String> contents(PromptWindow window) {
        return window.messages().stream().map(Message::content).toList();
    }

    /**
     * The last N messages of the chosen branch, oldest first, with the system prompt: look at the walk from the tip
     * and where it stops.
     */
    @Test
    default void theLastMessagesOfTheChosenBranchOldestFirstWithTheSystemPrompt() {
        Conversation c = alice().conversations().create(NewConversation.titled("t").withSystemPrompt("Be brief."));
        for (int i = 1; i <= 6; i++) {
            say(alice(), c.id(), "m" + i);
        }
        PromptWindow window = alice().messages().promptWindow(c.id(), WindowLimit.lastMessages(4));
        assertThat(window.systemPrompt()).isEqualTo("Be brief.");
        assertThat(contents(window)).containsExactly("m3", "m4", "m5", "m6");
        assertThat(window.wholeBranch()).as("m1 and m2 were left out").isFalse();
        PromptWindow all = alice().messages().promptWindow(c.id(), WindowLimit.lastMessages(100));
        assertThat(contents(all)).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(all.wholeBranch()).isTrue();
        PromptWindow empty = alice().messages().promptWindow(newConversation(alice()).id(), WindowLimit.lastMessages(5));
        assertThat(empty.messages()).isEmpty();
        assertThat(empty.wholeBranch()).isTrue();
    }

    /** The window follows the chosen branch, not every message: look at where the walk starts (the tip). */
    @Test
    default void theWindowFollowsTheChosenBranch() {
        Conversation c = newConversation(alice());
        say(alice(), c.id(), "question");
        Message first = append(alice(), c.id(), NewMessage.assistant("first answer"));
        alice().messages().regenerate(first.id(), NewMessage.assistant("second answer"));
        assertThat(contents(alice().messages().promptWindow(c.id(), WindowLimit.lastMessages(10))))
                .containsExactly("question", "second answer");
        alice().messages().selectBranch(first.id());
        assertThat(contents(alice().messages().promptWindow(c.id(), WindowLimit.lastMessages(10))))
                .containsExactly("question", "first answer");
    }

    /**
     * A token budget takes the newest messages that fit, using an assistant message's stored completion tokens and
     * the counter for the rest: look at how each message's tokens are found and where the walk stops.
     */
    @Test
    default void aTokenBudgetTakesTheNewestMessagesThatFit() {
        Conversation c = newConversation(alice());
        say(alice(), c.id(), "aaaa");                                               // 4 by the counter
        append(alice(), c.id(), NewMessage.assistant("b").usage(TokenUsage.of("m", 100, 7)));   // 7 stored
        say(alice(), c.id(), "cc");                                                 // 2
        append(alice(), c.id(), NewMessage.assistant("dddddd"));                    // 6 by the counter
        WindowLimit budget = WindowLimit.tokens(15, m -> m.content().length());
        PromptWindow window = alice().messages().promptWindow(c.id(), budget);
        assertThat(contents(window)).as("6 + 2 + 7 = 15 fit, the 4 more do not").containsExactly("b", "cc", "dddddd");
        assertThat(window.tokens()).isEqualTo(15);
        assertThat(window.wholeBranch()).isFalse();
        assertThat(contents(alice().messages().promptWindow(c.id(), WindowLimit.tokens(5, m -> 1000))))
                .as("nothing fits").isEmpty();
    }

    /**
     * Tool results whose call is older than the window are left out with it, never sent alone: look at the
     * eviction of leading tool results.
     */
    @Test
    default void toolResultsAreNeverSeparatedFromTheirCall() {
        Conversation c = newConversation(alice());
        say(alice(), c.id(), "weather and time?");
        append(alice(), c.id(), NewMessage.assistant("").toolCalls(ToolCall.of("c1", "weather", "{}"),
                ToolCall.of("c2", "time", "{}")));
        append(alice(), c.id(), NewMessage.tool("c1", "weather", "sunny"));
        append(alice(), c.id(), NewMessage.tool("c2", "time", "noon"));
        say(alice(), c.id(), "Sunny at noon.");
        assertThat(contents(alice().messages().promptWindow(c.id(), WindowLimit.lastMessages(3))))
                .as("the window would start at a result whose call is outside: both results go").containsExactly(
                        "Sunny at noon.");
        PromptWindow four = alice().messages().promptWindow(c.id(), WindowLimit.lastMessages(4));
        assertThat(four.messages()).as("the call and its results together")
                .extracting(Message::content).containsExactly("", "sunny", "noon", "Sunny at noon.");
        assertThat(four.messages().get(0).toolCalls()).hasSize(2);
    }

    /** An unknown or foreign conversation is NotFoundException; limits are checked: look at the lookup and the limits. */
    @Test
    default void anUnknownConversationOrABadLimitIsRefused() {
        Conversation c = newConversation(alice());
        expectNotFound("an unknown conversation", () -> alice().messages().promptWindow(unknownId(),
                WindowLimit.lastMessages(5)));
        expectNotFound("alice's conversation, for bob", () -> bob().messages().promptWindow(c.id(),
                WindowLimit.lastMessages(5)));
        expectInvalid("count", () -> WindowLimit.lastMessages(0));
        expectInvalid("budget", () -> WindowLimit.tokens(0, m -> 1));
        expectInvalid("counter", () -> WindowLimit.tokens(10, null));
        expectInvalid("limit", () -> alice().messages().promptWindow(c.id(), null));
        say(alice(), c.id(), "x");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> alice().messages().promptWindow(c.id(),
                WindowLimit.tokens(10, m -> -1)))).isInstanceOf(InvalidInputException.class);
    }
}

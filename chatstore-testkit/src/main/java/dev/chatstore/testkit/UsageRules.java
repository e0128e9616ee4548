package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.TokenTotals;
import dev.chatstore.TokenUsage;
import dev.chatstore.UsageReport;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Usage: a user's activity over a half-open time range (conversations created, messages by role,
 * tokens by model) and a conversation's token totals.
 */
public interface UsageRules extends StoreFixture {

    private static Map<Role, Long> byRole(long system, long user, long assistant, long tool) {
        Map<Role, Long> counts = new EnumMap<>(Role.class);
        counts.put(Role.SYSTEM, system);
        counts.put(Role.USER, user);
        counts.put(Role.ASSISTANT, assistant);
        counts.put(Role.TOOL, tool);
        return counts;
    }

    private static NewMessage reply(String model, int prompt, int completion) {
        return NewMessage.assistant("answer").usage(TokenUsage.of(model, prompt, completion));
    }

    private UsageReport usageOf(UserChats user, Instant from, Instant to) {
        return user.usage(from, to);
    }

    /** A user with no activity gets zero counts with every role present: look at how the report fills missing roles. */
    @Test
    default void aReportWithoutActivityHasEveryRoleAtZero() {
        Instant from = clock().now().minus(Duration.ofDays(1));
        UsageReport report = usageOf(alice(), from, clock().now().plus(Duration.ofDays(1)));
        assertThat(report.from()).as("from as given").isEqualTo(from);
        assertThat(report.conversations()).as("no conversations").isZero();
        assertThat(report.messagesByRole()).as("every role present, at 0").isEqualTo(byRole(0, 0, 0, 0));
        assertThat(report.tokensByModel()).as("no models").isEmpty();
    }

    /**
     * Conversations and messages count when created in [from, to): from included, to excluded, an empty range counts
     * nothing: look at the range conditions ({@code >= from}, {@code < to}) on created_at.
     */
    @Test
    default void aReportCountsWhatWasCreatedInTheHalfOpenRange() {
        Instant t0 = clock().now();
        Conversation before = newConversation(alice());
        say(alice(), before.id(), "at t0");
        Instant t1 = clock().advance(Duration.ofHours(1));
        Conversation inside = newConversation(alice());
        say(alice(), inside.id(), "at t1");
        append(alice(), before.id(), NewMessage.assistant("at t1 too"));
        Instant t2 = clock().advance(Duration.ofHours(1));
        newConversation(alice());
        say(alice(), inside.id(), "at t2");

        UsageReport middle = usageOf(alice(), t1, t2);
        assertThat(middle.conversations()).as("conversations created in [t1, t2)").isEqualTo(1);
        assertThat(middle.messagesByRole()).as("messages created in [t1, t2)").isEqualTo(byRole(0, 1, 1, 0));
        UsageReport all = usageOf(alice(), t0, t2.plusMillis(1));
        assertThat(all.conversations()).as("all three conversations").isEqualTo(3);
        assertThat(all.messagesByRole()).as("all four messages").isEqualTo(byRole(0, 3, 1, 0));
        UsageReport empty = usageOf(alice(), t1, t1);
        assertThat(empty.conversations()).as("an empty range [t1, t1)").isZero();
        assertThat(empty.messagesByRole()).as("an empty range counts no messages").isEqualTo(byRole(0, 0, 0, 0));
        assertThat(usageOf(alice(), t0.minusMillis(1), t0).conversations()).as("to is excluded").isZero();
    }

    /** Messages are counted per role, every role included: look at the GROUP BY role and the role mapping. */
    @Test
    default void aReportCountsMessagesByRole() {
        Conversation c = newConversation(alice());
        append(alice(), c.id(), NewMessage.system("be brief"));
        say(alice(), c.id(), "hi");
        say(alice(), c.id(), "hello?");
        append(alice(), c.id(), NewMessage.assistant("hello"));
        append(alice(), c.id(), NewMessage.tool("call-1", "{\"ok\":true}"));
        append(alice(), c.id(), NewMessage.tool("call-2", "{\"ok\":false}"));
        append(alice(), c.id(), NewMessage.tool("call-3", "{}"));
        UsageReport report = usageOf(alice(), clock().now(), clock().now().plusMillis(1));
        assertThat(report.messagesByRole()).as("system 1, user 2, assistant 1, tool 3").isEqualTo(byRole(1, 2, 1, 3));
    }

    /**
     * Tokens are summed per model over the messages that name one; unknown counts add nothing: look at the SUMs
     * (NULL handling) and the model_name condition.
     */
    @Test
    default void aReportSumsTokensPerModel() {
        Conversation c = newConversation(alice());
        Conversation d = newConversation(alice());
        append(alice(), c.id(), reply("gpt-4o", 10, 20));
        append(alice(), d.id(), reply("gpt-4o", 5, 7));
        append(alice(), c.id(), reply("claude-sonnet", 100, 1));
        append(alice(), c.id(), NewMessage.assistant("partial").usage(new TokenUsage("local-llm", null, 3)));
        append(alice(), c.id(), NewMessage.assistant("no counts").usage(new TokenUsage("mystery", null, null)));
        append(alice(), c.id(), NewMessage.assistant("no model").usage(new TokenUsage(null, 50, 50)));
        UsageReport report = usageOf(alice(), clock().now(), clock().now().plusSeconds(1));
        assertThat(report.tokensByModel()).as("token totals per model").isEqualTo(Map.of(
                "gpt-4o", new TokenTotals(15, 27),
                "claude-sonnet", new TokenTotals(100, 1),
                "local-llm", new TokenTotals(0, 3),
                "mystery", TokenTotals.ZERO));
    }

    /** Another user's conversations, messages and tokens never count: look at user_id in the usage queries. */
    @Test
    default void aReportCountsOnlyTheUsersOwnActivity() {
        Conversation b = newConversation(bob());
        append(bob(), b.id(), reply("gpt-4o", 1000, 1000));
        say(bob(), b.id(), "bob's");
        Conversation a = newConversation(alice());
        append(alice(), a.id(), reply("gpt-4o", 1, 2));
        UsageReport report = usageOf(alice(), clock().now(), clock().now().plusMillis(1));
        assertThat(report.conversations()).as("only alice's conversation").isEqualTo(1);
        assertThat(report.messagesByRole()).as("only alice's message").isEqualTo(byRole(0, 0, 1, 0));
        assertThat(report.tokensByModel()).as("only alice's tokens").isEqualTo(Map.of("gpt-4o", new TokenTotals(1, 2)));
        UsageReport carol = usageOf(store().forUser("carol"), clock().now(), clock().now().plusMillis(1));
        assertThat(carol.conversations()).as("a user without activity").isZero();
    }

    /** A null bound or from after to is InvalidInputException naming it: look at the range check. */
    @Test
    default void aReportWithABadRangeIsInvalidInput() {
        Instant now = clock().now();
        expectInvalid("from", () -> alice().usage(now.plusMillis(1), now));
        expectInvalid("from", () -> alice().usage(null, now));
        expectInvalid("to", () -> alice().usage(now, null));
    }

    /**
     * tokenTotals sums the prompt and completion tokens of every message of the conversation, and only of it; a
     * conversation without counts has ZERO: look at the conversation condition and the SUMs.
     */
    @Test
    default void tokenTotalsSumsTheConversationsMessages() {
        Conversation c = newConversation(alice());
        Conversation other = newConversation(alice());
        Conversation quiet = newConversation(alice());
        say(alice(), c.id(), "question");
        append(alice(), c.id(), reply("gpt-4o", 12, 30));
        append(alice(), c.id(), reply("claude-sonnet", 8, 10));
        append(alice(), c.id(), NewMessage.assistant("partial").usage(new TokenUsage(null, null, 5)));
        append(alice(), other.id(), reply("gpt-4o", 1000, 1000));
        say(alice(), quiet.id(), "no tokens");
        TokenTotals totals = alice().conversations().tokenTotals(c.id());
        assertThat(totals).as("summed over the conversation").isEqualTo(new TokenTotals(20, 45));
        assertThat(totals.total()).as("total").isEqualTo(65);
        assertThat(alice().conversations().tokenTotals(quiet.id())).as("no counts").isEqualTo(TokenTotals.ZERO);
        assertThat(alice().conversations().tokenTotals(newConversation(alice()).id())).as("no messages")
                .isEqualTo(TokenTotals.ZERO);
    }

    /** tokenTotals of another user's or an unknown conversation is NotFound; a malformed id is invalid: look at the ownership check. */
    @Test
    default void tokenTotalsOfAConversationNotTheUsersIsNotFound() {
        Conversation a = newConversation(alice());
        append(alice(), a.id(), reply("gpt-4o", 1, 1));
        expectNotFound("alice's conversation through bob", () -> bob().conversations().tokenTotals(a.id()));
        expectNotFound("an unknown conversation", () -> alice().conversations().tokenTotals(unknownId()));
        expectInvalid("conversationId", () -> alice().conversations().tokenTotals("not-an-id"));
        expectInvalid("conversationId", () -> alice().conversations().tokenTotals(null));
    }

    /**
     * tokenTotals sums the known counts of every message, unknown counts adding nothing, and follows deletes: look at
     * the SUM and its NULL handling.
     */
    @Test
    default void tokenTotalsIgnoreUnknownCountsAndFollowDeletes() {
        Conversation c = newConversation(alice());
        assertThat(alice().conversations().tokenTotals(c.id())).as("an empty conversation").isEqualTo(TokenTotals.ZERO);
        say(alice(), c.id(), "no usage");
        append(alice(), c.id(), NewMessage.assistant("a").usage(TokenUsage.of("m", 100, 20)));
        append(alice(), c.id(), NewMessage.assistant("b").usage(new TokenUsage("m", 5, null)));
        Message last = append(alice(), c.id(), NewMessage.assistant("c").usage(new TokenUsage(null, null, 7)));
        TokenTotals totals = alice().conversations().tokenTotals(c.id());
        assertThat(totals).as("summed").isEqualTo(new TokenTotals(105, 27));
        assertThat(totals.total()).as("total").isEqualTo(132);
        alice().messages().delete(last.id());
        assertThat(alice().conversations().tokenTotals(c.id())).as("after a delete").isEqualTo(new TokenTotals(105, 20));
        Conversation other = newConversation(alice());
        append(alice(), other.id(), NewMessage.assistant("x").usage(TokenUsage.of("m", 1_000_000, 1)));
        assertThat(alice().conversations().tokenTotals(c.id())).as("another conversation's tokens do not count")
                .isEqualTo(new TokenTotals(105, 20));
    }

    /**
     * Totals beyond the int range add up as longs: look at the SUM's type and the mapper.
     */
    @Test
    default void tokenTotalsDoNotOverflow() {
        Conversation c = newConversation(alice());
        alice().messages().appendAll(c.id(), List.of(
                NewMessage.assistant("1").usage(TokenUsage.of("m", Integer.MAX_VALUE, Integer.MAX_VALUE)),
                NewMessage.assistant("2").usage(TokenUsage.of("m", Integer.MAX_VALUE, 1)),
                NewMessage.assistant("3").usage(TokenUsage.of("m", 2, 0))));
        assertThat(alice().conversations().tokenTotals(c.id())).as("summed as longs")
                .isEqualTo(new TokenTotals(2L * Integer.MAX_VALUE + 2, Integer.MAX_VALUE + 1L));
    }
}

package dev.chatstore.jdbc.internal;

import dev.chatstore.InvalidInputException;
import dev.chatstore.NotFoundException;
import dev.chatstore.Role;
import dev.chatstore.TokenTotals;
import dev.chatstore.UsageReport;
import dev.chatstore.internal.Check;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** One user's usage: activity over a time range, and token totals of a conversation. Thread-safe. */
final class JdbcUsage {
    enum Sql implements SqlStatement {
        CONVERSATIONS_CREATED, MESSAGES_BY_ROLE, TOKENS_BY_MODEL, CONVERSATION_TOKENS;

        @Override
        public String catalog() {
            return "usage";
        }
    }

    private final StoreContext ctx;
    private final String userId;

    JdbcUsage(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
    }

    /**
     * The user's activity in [{@code from}, {@code to}), read in one transaction.
     *
     * @throws InvalidInputException if either bound is null, or {@code from} is after {@code to}
     */
    public UsageReport report(Instant from, Instant to) {
        Check.notNull("from", from);
        Check.notNull("to", to);
        if (from.isAfter(to)) {
            throw new InvalidInputException("from", "must not be after to (" + from + " > " + to + ")");
        }
        // Stored times are whole milliseconds: t >= from exactly when t >= from rounded up, same for to.
        Instant lower = ceilMillis(from);
        Instant upper = ceilMillis(to);
        return ctx.readFor(userId, "report usage", h -> {
            long conversations = h.createQuery(ctx.sql(Sql.CONVERSATIONS_CREATED))
                    .bind("userId", userId).bind("from", lower).bind("to", upper)
                    .mapTo(Long.class).one();
            Map<Role, Long> byRole = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                byRole.put(role, 0L);
            }
            h.createQuery(ctx.sql(Sql.MESSAGES_BY_ROLE))
                    .bind("userId", userId).bind("from", lower).bind("to", upper)
                    .map((rs, c) -> Map.entry(Role.parse(rs.getString("role")), rs.getLong("messages")))
                    .forEach(e -> byRole.put(e.getKey(), e.getValue()));
            Map<String, TokenTotals> byModel = new HashMap<>();
            h.createQuery(ctx.sql(Sql.TOKENS_BY_MODEL))
                    .bind("userId", userId).bind("from", lower).bind("to", upper)
                    .map((rs, c) -> Map.entry(rs.getString("model_name"), totals(rs.getLong("prompt_tokens"),
                            rs.getLong("completion_tokens"))))
                    .forEach(e -> byModel.put(e.getKey(), e.getValue()));
            return new UsageReport(from, to, conversations, byRole, byModel);
        });
    }

    /**
     * Token counts summed over every message of the conversation (every branch).
     *
     * @throws NotFoundException if the user has no such conversation
     */
    public TokenTotals tokenTotals(String conversationId) {
        Check.id("conversationId", conversationId);
        return ctx.readFor(userId, "sum the tokens of a conversation", h -> {
            ctx.ledger.requireExists(h, userId, conversationId);
            return h.createQuery(ctx.sql(Sql.CONVERSATION_TOKENS))
                    .bind("id", conversationId).bind("userId", userId)
                    .map((rs, c) -> totals(rs.getLong("prompt_tokens"), rs.getLong("completion_tokens")))
                    .one();
        });
    }

    private static TokenTotals totals(long prompt, long completion) {
        return prompt == 0 && completion == 0 ? TokenTotals.ZERO : new TokenTotals(prompt, completion);
    }

    private static Instant ceilMillis(Instant t) {
        Instant millis = t.truncatedTo(ChronoUnit.MILLIS);
        return millis.equals(t) ? t : millis.plusMillis(1);
    }
}

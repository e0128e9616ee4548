package dev.chatstore.jdbc.internal;

import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.internal.Check;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads branches of the message tree: the walk from a message to the root, keyset-paged. The
 * cursor names the last message returned; the next page starts at its parent, so each page costs
 * {@code limit} index lookups however deep it is. Thread-safe (stateless).
 */
final class BranchReader {
    enum Sql implements SqlStatement {
        ANCESTORS, PARENT_OF;

        @Override
        public String catalog() {
            return "branch";
        }
    }

    private final StoreContext ctx;
    private final MessageRows messages;

    BranchReader(StoreContext ctx, MessageRows messages) {
        this.ctx = ctx;
        this.messages = messages;
    }

    /**
     * A page of the walk from {@code startId} (null: an empty conversation) towards the root.
     *
     * @param listing the cursor's listing name
     * @param scope   what the cursor is bound to (the conversation or the start message)
     */
    Page<Message> ancestorsPage(Handle h, String userId, String conversationId, String listing, String scope, String startId,
                                String cursorText, int limit) {
        String start = startId;
        if (cursorText != null) {
            String after = Cursor.decode(cursorText, listing, scope, 1).key().get(0);
            Check.id("cursor", after);
            start = h.createQuery(ctx.sql(Sql.PARENT_OF))
                    .bind("id", after)
                    .bind("userId", userId)
                    .bind("conversationId", conversationId)
                    .map((rs, c) -> Optional.ofNullable(rs.getString(1)))
                    .findOne()
                    .orElseThrow(() -> new InvalidInputException("cursor", "points at a message that no longer exists"))
                    .orElse(null);
        }
        if (start == null) {
            return new Page<>(List.of(), null, null);
        }
        List<Message> rows = h.createQuery(ctx.sql(Sql.ANCESTORS))
                .bind("startId", start)
                .bind("userId", userId)
                .bind("conversationId", conversationId)
                .bind("limit", limit + 1)
                .map(messages.mapper()).list();
        List<Message> items = rows.subList(0, Math.min(limit, rows.size()));
        String next = rows.size() > limit
                ? new Cursor(listing, scope, true, List.of(items.get(items.size() - 1).id())).encode() : null;
        return new Page<>(items, next, null);
    }
}

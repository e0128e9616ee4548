package dev.chatstore.sqlite.selftest;

import dev.chatstore.ChatStore;
import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import java.util.Comparator;
import java.util.List;

/**
 * Broken on purpose: orders messages by their timestamp instead of their sequence. Within one
 * millisecond it falls back to the id, against the listing's direction, so that same-millisecond
 * messages come out scrambled (random UUIDv7 bits) or reversed (monotonic ones), deterministically.
 */
final class OrdersByTimestampStore extends ForwardingChatStore {
    private static final Comparator<Message> OLDEST_FIRST =
            Comparator.comparing(Message::createdAt).thenComparing(Message::id, Comparator.reverseOrder());
    private static final Comparator<Message> NEWEST_FIRST =
            Comparator.comparing(Message::createdAt, Comparator.reverseOrder()).thenComparing(Message::id);

    OrdersByTimestampStore(ChatStore delegate) {
        super(delegate);
    }

    @Override
    protected UserChats view(UserChats real) {
        return View.of(real).withMessages(new ForwardingMessages(real.messages()) {
            @Override
            public Page<Message> newestFirst(String conversationId, PageRequest page) {
                return sorted(delegate.newestFirst(conversationId, page), NEWEST_FIRST);
            }

            @Override
            public Page<Message> oldestFirst(String conversationId, PageRequest page) {
                return sorted(delegate.oldestFirst(conversationId, page), OLDEST_FIRST);
            }

            @Override
            public Page<Message> after(String conversationId, long afterSeq, int limit) {
                Page<Message> page = delegate.after(conversationId, afterSeq, limit);
                return new Page<>(page.items().stream().sorted(OLDEST_FIRST).toList(), page.nextCursor(),
                        page.previousCursor());
            }
        });
    }

    private static Page<Message> sorted(Page<Message> page, Comparator<Message> order) {
        return new Page<>(page.items().stream().sorted(order).toList(), page.nextCursor(), page.previousCursor());
    }
}

package dev.chatstore.jdbc.internal;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.ChatStoreException;
import dev.chatstore.Conversation;
import dev.chatstore.Conversations;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.NewConversation;
import dev.chatstore.NotFoundException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.internal.Rows.ConversationRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/** One user's conversations. Thread-safe. */
final class JdbcConversations implements Conversations {
    private final StoreContext ctx;
    private final String userId;
    private final RowMapper<ConversationRow> mapper;

    JdbcConversations(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
        this.mapper = Rows.conversation(ctx.dialect);
    }

    @Override
    public Conversation create(NewConversation conversation) {
        Check.notNull("conversation", conversation);
        return ctx.write("create a conversation", h -> {
            Conversation created = insertIfAbsent(h, conversation);
            if (created == null) {
                throw new AlreadyExistsException("The user already has a conversation with persona " + conversation.personaId());
            }
            return created;
        });
    }

    @Override
    public Conversation getOrCreateForPersona(NewConversation conversation) {
        Check.notNull("conversation", conversation);
        if (conversation.personaId() == null) {
            throw new InvalidInputException("conversation", "must name a persona to get or create by persona");
        }
        return ctx.write("get or create a conversation", h -> {
            // Insert-if-absent first: under PostgreSQL READ COMMITTED the conflicting insert has
            // committed when ON CONFLICT gives up, so the read that follows sees it.
            Conversation created = insertIfAbsent(h, conversation);
            if (created != null) {
                return created;
            }
            return h.createQuery(ctx.conversationSql.get("byPersona"))
                    .bind("userId", userId)
                    .bind("personaId", conversation.personaId())
                    .map(mapper).findOne()
                    .map(ConversationRow::conversation)
                    .orElseThrow(() -> new ChatStoreException("Conversation for persona vanished while being read"));
        });
    }

    /** Inserts the conversation; null when the user already has one with its persona. */
    private Conversation insertIfAbsent(Handle h, NewConversation c) {
        String id = ctx.ids.next();
        Instant now = ctx.now();
        int inserted = h.createUpdate(ctx.conversationSql.get("insertIfAbsent"))
                .bind("id", id)
                .bind("userId", userId)
                .bind("personaId", c.personaId())
                .bind("title", c.title())
                .bind("metadata", Json.write(c.metadata()))
                .bind("now", now)
                .execute();
        return inserted == 0 ? null
                : new Conversation(id, userId, c.personaId(), c.title(), c.metadata(), 0, null, now, now);
    }

    @Override
    public Optional<Conversation> get(String conversationId) {
        Check.id("conversationId", conversationId);
        return ctx.read("read a conversation", h -> find(h, conversationId)).map(ConversationRow::conversation);
    }

    private Optional<ConversationRow> find(Handle h, String conversationId) {
        return h.createQuery(ctx.conversationSql.get("byId"))
                .bind("id", conversationId)
                .bind("userId", userId)
                .map(mapper).findOne();
    }

    @Override
    public Page<Conversation> list(PageRequest page) {
        Check.notNull("page", page);
        int limit = Check.pageLimit("limit", page.limit(), Limits.CONVERSATIONS_PAGE_DEFAULT, Limits.CONVERSATIONS_PAGE_MAX);
        return ctx.read("list conversations", h -> {
            Page<ConversationRow> rows = new Keyset<>("conversations", "", new ActivityOrder(h)).page(page.cursor(), limit, 2);
            return new Page<>(rows.items().stream().map(ConversationRow::conversation).toList(),
                    rows.nextCursor(), rows.previousCursor());
        });
    }

    /** Newest activity first: activity_seq descending, id breaking ties. */
    private final class ActivityOrder implements Keyset.Source<ConversationRow, ActivityOrder.Key> {
        record Key(long activitySeq, String id) {
        }

        private final Handle h;

        ActivityOrder(Handle h) {
            this.h = h;
        }

        @Override
        public List<ConversationRow> fetch(boolean inListingOrder, Key bound, int limit) {
            return h.createQuery(ctx.conversationSql.get(inListingOrder ? "pageOlder" : "pageNewer"))
                    .bind("userId", userId)
                    .bind("activitySeq", bound.activitySeq())
                    .bind("id", bound.id())
                    .bind("limit", limit)
                    .map(mapper).list();
        }

        @Override
        public Key keyOf(ConversationRow row) {
            return new Key(row.activitySeq(), row.conversation().id());
        }

        @Override
        public Key start() {
            return new Key(Long.MAX_VALUE, "");
        }

        @Override
        public List<String> encodeKey(Key key) {
            return List.of(Long.toString(key.activitySeq()), key.id());
        }

        @Override
        public Key decodeKey(Cursor cursor) {
            String id = cursor.key().get(1);
            if (!id.isEmpty()) {
                Check.id("cursor", id);
            }
            return new Key(cursor.longPart(0), id);
        }
    }

    @Override
    public Conversation rename(String conversationId, String title) {
        Check.id("conversationId", conversationId);
        Check.optionalText("title", title, Limits.TITLE_MAX);
        return update("rename a conversation", conversationId, "rename", u -> u.bind("title", title));
    }

    @Override
    public Conversation replaceMetadata(String conversationId, Map<String, ?> metadata) {
        Check.id("conversationId", conversationId);
        Map<String, Object> valid = Check.metadata("metadata", metadata);
        return update("replace conversation metadata", conversationId, "replaceMetadata",
                u -> u.bind("metadata", Json.write(valid)));
    }

    private Conversation update(String operation, String conversationId, String statement, UnaryOperator<Update> values) {
        return ctx.write(operation, h -> {
            int updated = values.apply(h.createUpdate(ctx.conversationSql.get(statement)))
                    .bind("id", conversationId)
                    .bind("userId", userId)
                    .bind("now", ctx.now())
                    .execute();
            if (updated == 0) {
                throw notFound(conversationId);
            }
            return find(h, conversationId).orElseThrow().conversation();
        });
    }

    @Override
    public boolean delete(String conversationId) {
        Check.id("conversationId", conversationId);
        return ctx.write("delete a conversation", h -> h.createUpdate(ctx.conversationSql.get("delete"))
                .bind("id", conversationId)
                .bind("userId", userId)
                .execute() > 0);
    }

    static NotFoundException notFound(String conversationId) {
        return new NotFoundException("No conversation " + conversationId);
    }
}

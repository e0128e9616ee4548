package dev.chatstore.jdbc.internal;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.ChatStoreException;
import dev.chatstore.Conversation;
import dev.chatstore.ConversationFilter;
import dev.chatstore.ConversationSummary;
import dev.chatstore.Conversations;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.Persona;
import dev.chatstore.TokenTotals;
import dev.chatstore.internal.Check;
import dev.chatstore.jdbc.MessageHook;
import dev.chatstore.jdbc.internal.Rows.ConversationRow;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * One user's conversations: creating, listing and setting their attributes. The row's counters,
 * tip and read marker are {@link ConversationLedger}'s. Thread-safe.
 */
final class JdbcConversations implements Conversations {
    enum Sql implements SqlStatement {
        INSERT_IF_ABSENT, INSERT_WITH_EXTERNAL_KEY, BY_EXTERNAL_KEY, BY_PERSONA, PAGE_ABOVE, PAGE_BELOW, FILTERED_PAGE_ABOVE,
        FILTERED_PAGE_BELOW, RENAME, REPLACE_METADATA, SET_MODEL, SET_SYSTEM_PROMPT,
        SET_PINNED, SET_ARCHIVED, DELETE, INACTIVE_BEFORE, ARCHIVE_IF_INACTIVE, ARCHIVED_BEFORE, DELETE_IF_ARCHIVED_BEFORE;

        @Override
        public String catalog() {
            return "conversation";
        }
    }

    private final StoreContext ctx;
    private final JdbcPersonas personas;
    private final String userId;
    private final JdbcUsage usage;
    private final RowMapper<ConversationRow> mapper;

    JdbcConversations(StoreContext ctx, JdbcPersonas personas, String userId, JdbcUsage usage) {
        this.ctx = ctx;
        this.personas = personas;
        this.userId = userId;
        this.usage = usage;
        this.mapper = Rows.conversation(ctx.dialect);
    }

    @Override
    public Conversation create(NewConversation conversation) {
        Check.notNull("conversation", conversation);
        return ctx.writeFor(userId, "create a conversation", h -> {
            Persona persona = requireAvailablePersona(h, conversation);
            Conversation created = insert(h, Sql.INSERT_IF_ABSENT, conversation, null, persona);
            if (created == null) {
                throw personaTaken(conversation);
            }
            return created;
        });
    }

    private static AlreadyExistsException personaTaken(NewConversation conversation) {
        return new AlreadyExistsException("The user already has a conversation with persona " + conversation.personaName());
    }

    @Override
    public Conversation getOrCreateByExternalKey(String externalKey, NewConversation conversation) {
        Check.text("externalKey", externalKey, Limits.EXTERNAL_KEY_MAX);
        Check.notNull("conversation", conversation);
        // Usually the conversation exists: a read, without taking the write lock.
        Optional<ConversationRow> found = ctx.readFor(userId, "find a conversation by external key", h -> byExternalKey(h, externalKey));
        if (found.isPresent()) {
            return found.get().conversation();
        }
        return ctx.writeFor(userId, "get or create a conversation by external key", h -> {
            Optional<ConversationRow> existing = byExternalKey(h, externalKey);
            if (existing.isPresent()) {
                return existing.get().conversation();
            }
            Persona persona = requireAvailablePersona(h, conversation);
            if (conversation.personaName() != null && byPersona(h, conversation.personaName()).isPresent()) {
                throw personaTaken(conversation);
            }
            // As for personas: when ON CONFLICT gives up, the winner has committed and is read next.
            Conversation created = insert(h, Sql.INSERT_WITH_EXTERNAL_KEY, conversation, externalKey, persona);
            if (created != null) {
                return created;
            }
            return byExternalKey(h, externalKey).map(ConversationRow::conversation)
                    .orElseThrow(() -> new ChatStoreException("Conversation for external key vanished while being read"));
        });
    }

    @Override
    public Optional<Conversation> findByExternalKey(String externalKey) {
        Check.text("externalKey", externalKey, Limits.EXTERNAL_KEY_MAX);
        return ctx.readFor(userId, "find a conversation by external key", h -> byExternalKey(h, externalKey))
                .map(ConversationRow::conversation);
    }

    private Optional<ConversationRow> byExternalKey(Handle h, String externalKey) {
        return h.createQuery(ctx.sql(Sql.BY_EXTERNAL_KEY))
                .bind("userId", userId)
                .bind("externalKey", externalKey)
                .map(mapper).findOne();
    }

    @Override
    public Conversation getOrCreateForPersona(NewConversation conversation) {
        Check.notNull("conversation", conversation);
        if (conversation.personaName() == null) {
            throw new InvalidInputException("conversation", "must name a persona to get or create by persona");
        }
        return ctx.writeFor(userId, "get or create a conversation", h -> {
            Optional<ConversationRow> existing = byPersona(h, conversation.personaName());
            if (existing.isPresent()) {
                return existing.get().conversation();
            }
            // Only a new conversation needs an available persona; existing ones stay usable.
            Persona persona = requireAvailablePersona(h, conversation);
            // Insert-if-absent: under PostgreSQL READ COMMITTED the conflicting insert has committed
            // when ON CONFLICT gives up, so the read that follows sees it.
            Conversation created = insert(h, Sql.INSERT_IF_ABSENT, conversation, null, persona);
            if (created != null) {
                return created;
            }
            return byPersona(h, conversation.personaName()).map(ConversationRow::conversation)
                    .orElseThrow(() -> new ChatStoreException("Conversation for persona vanished while being read"));
        });
    }

    /** The persona the conversation names, if the store knows it; refuses one that is not active. */
    private Persona requireAvailablePersona(Handle h, NewConversation conversation) {
        if (conversation.personaName() == null) {
            return null;
        }
        return personas.requireAvailable(h, conversation.personaName()).orElse(null);
    }

    private Optional<ConversationRow> byPersona(Handle h, String personaName) {
        return h.createQuery(ctx.sql(Sql.BY_PERSONA))
                .bind("userId", userId)
                .bind("personaName", personaName)
                .map(mapper).findOne();
    }

    /**
     * Inserts the conversation (and the greeting); null when the statement's ON CONFLICT left it
     * out (the user has one with that persona, or with that external key).
     */
    private Conversation insert(Handle h, Sql statement, NewConversation c, String externalKey, Persona persona) {
        String id = ctx.ids.next();
        Instant now = ctx.now();
        Update insert = h.createUpdate(ctx.sql(statement));
        if (externalKey != null) {
            insert.bind("externalKey", externalKey);
        }
        int inserted = insert
                .bind("id", id)
                .bind("userId", userId)
                .bind("personaName", c.personaName())
                .bind("title", c.title())
                .bind("metadata", Json.write(c.metadata()))
                .bind("provider", c.provider())
                .bind("model", c.model())
                .bind("systemPrompt", c.systemPrompt())
                .bind("now", now)
                .execute();
        if (inserted == 0) {
            return null;
        }
        if (c.greet() && persona != null && persona.greeting() != null) {
            ctx.appender.append(h, userId, id, List.of(NewMessage.assistant(persona.greeting())));
        }
        return find(h, id).orElseThrow().conversation();
    }

    @Override
    public Optional<Conversation> get(String conversationId) {
        Check.id("conversationId", conversationId);
        return ctx.readFor(userId, "read a conversation", h -> find(h, conversationId)).map(ConversationRow::conversation);
    }

    private Optional<ConversationRow> find(Handle h, String conversationId) {
        return ctx.ledger.find(h, userId, conversationId);
    }

    @Override
    public Page<Conversation> list(PageRequest page) {
        return list(page, ConversationFilter.none());
    }

    @Override
    public Page<Conversation> list(PageRequest page, ConversationFilter filter) {
        return listing(page, filter, false, "conversations");
    }

    @Override
    public Page<Conversation> listArchived(PageRequest page) {
        return listArchived(page, ConversationFilter.none());
    }

    @Override
    public Page<Conversation> listArchived(PageRequest page, ConversationFilter filter) {
        return listing(page, filter, true, "archived-conversations");
    }

    private Page<Conversation> listing(PageRequest page, ConversationFilter filter, boolean archived, String listing) {
        Check.notNull("page", page);
        Check.notNull("filter", filter);
        int limit = Check.pageLimit(page, Limits.CONVERSATIONS_PAGE_DEFAULT, Limits.CONVERSATIONS_PAGE_MAX);
        return ctx.readFor(userId, "list conversations", h -> {
            Page<ConversationRow> rows = new Keyset<>(listing, FilterArguments.scope(userId, filter),
                    new ListOrder(h, archived, filter)).page(page.cursor(), limit, 3);
            return new Page<>(rows.items().stream().map(ConversationRow::conversation).toList(),
                    rows.nextCursor(), rows.previousCursor());
        });
    }

    @Override
    public Page<ConversationSummary> sidebar(PageRequest page) {
        return sidebar(page, ConversationFilter.none());
    }

    @Override
    public Page<ConversationSummary> sidebar(PageRequest page, ConversationFilter filter) {
        Page<Conversation> conversations = list(page, filter);
        Map<String, Optional<String>> displayNames = new HashMap<>();
        List<ConversationSummary> summaries = conversations.items().stream().map(c -> new ConversationSummary(
                c.id(), c.title(), c.personaName(),
                c.personaName() == null ? null : displayNames.computeIfAbsent(c.personaName(),
                        name -> personas.get(name).map(Persona::displayName)).orElse(null),
                c.pinned(), c.archived(), c.messageCount(), c.lastMessagePreview(), c.lastMessageAt(), c.unreadCount()))
                .toList();
        return new Page<>(summaries, conversations.nextCursor(), conversations.previousCursor());
    }

    /** Pinned first, then newest activity: (pinned, activity_seq, id) descending. */
    private final class ListOrder implements Keyset.Source<ConversationRow, ListOrder.Key> {
        record Key(boolean pinned, long activitySeq, String id) {
        }

        private final Handle h;
        private final boolean archived;
        private final ConversationFilter filter;

        ListOrder(Handle h, boolean archived, ConversationFilter filter) {
            this.h = h;
            this.archived = archived;
            this.filter = filter;
        }

        @Override
        public List<ConversationRow> fetch(boolean inListingOrder, Key bound, int limit) {
            Query query;
            if (filter.metadata().isEmpty()) {
                query = h.createQuery(ctx.sql(inListingOrder ? Sql.PAGE_BELOW : Sql.PAGE_ABOVE));
            } else {
                // SQLite's statement has no use for the containment, PostgreSQL's index key.
                query = h.createQuery(ctx.sql(inListingOrder ? Sql.FILTERED_PAGE_BELOW : Sql.FILTERED_PAGE_ABOVE))
                        .configure(org.jdbi.v3.core.statement.SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                        .bind("conditions", FilterArguments.conditions(filter))
                        .bind("containment", FilterArguments.containment(filter));
            }
            return query
                    .bind("userId", userId)
                    .bind("archived", archived)
                    .bind("anyPin", filter.pinnedCondition().isEmpty())
                    .bind("pinnedOnly", filter.pinnedCondition().orElse(false))
                    .bind("pinned", bound.pinned())
                    .bind("activitySeq", bound.activitySeq())
                    .bind("id", bound.id())
                    .bind("limit", limit)
                    .map(mapper).list();
        }

        @Override
        public Key keyOf(ConversationRow row) {
            return new Key(row.conversation().pinned(), row.activitySeq(), row.conversation().id());
        }

        @Override
        public Key start() {
            return new Key(true, Long.MAX_VALUE, "");
        }

        @Override
        public List<String> encodeKey(Key key) {
            return List.of(key.pinned() ? "1" : "0", Long.toString(key.activitySeq()), key.id());
        }

        @Override
        public Key decodeKey(Cursor cursor) {
            String id = cursor.key().get(2);
            if (!id.isEmpty()) {
                Check.id("cursor", id);
            }
            return new Key(cursor.longPart(0) == 1, cursor.longPart(1), id);
        }
    }

    @Override
    public Conversation rename(String conversationId, String title) {
        Check.id("conversationId", conversationId);
        Check.optionalText("title", title, Limits.TITLE_MAX);
        return update("rename a conversation", conversationId, Sql.RENAME, u -> u.bind("title", title));
    }

    @Override
    public Conversation replaceMetadata(String conversationId, Map<String, ?> metadata) {
        Check.id("conversationId", conversationId);
        Map<String, Object> valid = Check.metadata("metadata", metadata);
        return update("replace conversation metadata", conversationId, Sql.REPLACE_METADATA,
                u -> u.bind("metadata", Json.write(valid)));
    }

    @Override
    public Conversation patchMetadata(String conversationId, Map<String, ?> patch) {
        Check.id("conversationId", conversationId);
        Map<String, Object> validPatch = Check.metadata("patch", patch);
        return ctx.writeFor(userId, "patch conversation metadata", h -> {
            ctx.ledger.patchMetadata(h, userId, ctx.ledger.lock(h, userId, conversationId), validPatch);
            return find(h, conversationId).orElseThrow().conversation();
        });
    }

    @Override
    public Conversation setModel(String conversationId, String provider, String model) {
        Check.id("conversationId", conversationId);
        Check.optionalText("provider", provider, Limits.PROVIDER_MAX);
        Check.optionalText("model", model, Limits.MODEL_NAME_MAX);
        return update("set a conversation's model", conversationId, Sql.SET_MODEL,
                u -> u.bind("provider", provider).bind("model", model));
    }

    @Override
    public Conversation setSystemPrompt(String conversationId, String systemPrompt) {
        Check.id("conversationId", conversationId);
        Check.optionalText("systemPrompt", systemPrompt, Limits.SYSTEM_PROMPT_MAX);
        return update("set a conversation's system prompt", conversationId, Sql.SET_SYSTEM_PROMPT,
                u -> u.bind("systemPrompt", systemPrompt));
    }

    @Override
    public Conversation setPinned(String conversationId, boolean pinned) {
        Check.id("conversationId", conversationId);
        return update("pin a conversation", conversationId, Sql.SET_PINNED, u -> u.bind("pinned", pinned));
    }

    @Override
    public Conversation setArchived(String conversationId, boolean archived) {
        Check.id("conversationId", conversationId);
        return update("archive a conversation", conversationId, Sql.SET_ARCHIVED, u -> u.bind("archived", archived));
    }

    @Override
    public Conversation markRead(String conversationId) {
        Check.id("conversationId", conversationId);
        return ctx.writeFor(userId, "mark a conversation read", h -> {
            ctx.ledger.markRead(h, userId, ctx.ledger.lock(h, userId, conversationId), ctx.now());
            return ctx.ledger.require(h, userId, conversationId);
        });
    }

    @Override
    public TokenTotals tokenTotals(String conversationId) {
        Check.id("conversationId", conversationId);
        return usage.tokenTotals(conversationId);
    }

    private Conversation update(String operation, String conversationId, Sql statement, UnaryOperator<Update> values) {
        return ctx.writeFor(userId, operation, h -> {
            int updated = values.apply(h.createUpdate(ctx.sql(statement)))
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
        return ctx.writeFor(userId, "delete a conversation", h -> delete(ctx, h, userId, conversationId, Sql.DELETE, u -> u));
    }

    /**
     * The one way a conversation row is deleted: {@code statement} ({@link Sql#DELETE}, or a variant
     * with more conditions whose values {@code values} binds) deletes it, with its messages and links,
     * and if it did, the hooks run in the same transaction.
     */
    private static boolean delete(StoreContext ctx, Handle h, String userId, String conversationId, Sql statement,
                                  UnaryOperator<Update> values) {
        boolean deleted = values.apply(h.createUpdate(ctx.sql(statement)))
                .bind("id", conversationId)
                .bind("userId", userId)
                .execute() > 0;
        if (deleted) {
            for (MessageHook hook : ctx.hooks) {
                hook.conversationDeleted(h, userId, conversationId);
            }
        }
        return deleted;
    }

    /** A conversation found for retention: whose, and how many messages go with it if it is deleted. */
    record Candidate(String id, String userId, long messageCount) {
    }

    /**
     * Up to {@code limit} conversations of every user, after ({@code afterUserId}, {@code afterId}) in (user id, id)
     * order (the primary key's), unchanged
     * since before {@code cutoff} and: not archived (for {@link #archiveIfInactive}), or archived
     * (for {@link #deleteIfArchivedBefore}); never pinned ones.
     */
    static List<Candidate> retentionCandidates(StoreContext ctx, Handle h, boolean archived, Instant cutoff,
                                               String afterUserId, String afterId, int limit) {
        return h.createQuery(ctx.sql(archived ? Sql.ARCHIVED_BEFORE : Sql.INACTIVE_BEFORE))
                .bind("afterUserId", afterUserId)
                .bind("after", afterId)
                .bind("cutoff", cutoff)
                .bind("limit", limit)
                .map((rs, c) -> new Candidate(rs.getString("id"), rs.getString("user_id"), rs.getLong("message_count")))
                .list();
    }

    /**
     * Archives the conversation as {@link #setArchived} does (revision, updatedAt) if it is still
     * unarchived, unpinned and unchanged since before {@code cutoff}.
     */
    static boolean archiveIfInactive(StoreContext ctx, Handle h, Candidate c, Instant cutoff) {
        return h.createUpdate(ctx.sql(Sql.ARCHIVE_IF_INACTIVE))
                .bind("id", c.id())
                .bind("userId", c.userId())
                .bind("cutoff", cutoff)
                .bind("now", ctx.now())
                .execute() > 0;
    }

    /** Deletes the conversation as {@link #delete(String)} does if it is still archived, unpinned and unchanged since before {@code cutoff}. */
    static boolean deleteIfArchivedBefore(StoreContext ctx, Handle h, Candidate c, Instant cutoff) {
        return delete(ctx, h, c.userId(), c.id(), Sql.DELETE_IF_ARCHIVED_BEFORE, u -> u.bind("cutoff", cutoff));
    }

    private static NotFoundException notFound(String conversationId) {
        return ConversationLedger.notFound(conversationId);
    }
}

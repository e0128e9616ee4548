package dev.chatstore.jdbc.internal;

import dev.chatstore.FactQuery;
import dev.chatstore.FactUpdate;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.MemoryFact;
import dev.chatstore.MemoryFacts;
import dev.chatstore.NewFact;
import dev.chatstore.NotFoundException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.internal.Check;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** One user's memory facts. Thread-safe. */
final class JdbcMemoryFacts implements MemoryFacts {
    enum Sql implements SqlStatement {
        INSERT, BY_ID, PAGE_LOWER, PAGE_HIGHER, UPDATE, DEACTIVATE, DELETE;

        @Override
        public String catalog() {
            return "fact";
        }
    }

    private final StoreContext ctx;
    private final String userId;
    private final RowMapper<MemoryFact> mapper;

    JdbcMemoryFacts(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
        this.mapper = Rows.fact(ctx.dialect);
    }

    @Override
    public MemoryFact add(NewFact fact) {
        Check.notNull("fact", fact);
        String id = ctx.ids.next();
        Instant now = ctx.now();
        ctx.writeFor(userId, "add a memory fact", h -> {
            checkSource(h, fact);
            return h.createUpdate(ctx.sql(Sql.INSERT))
                    .bind("id", id)
                    .bind("userId", userId)
                    .bind("category", fact.category().wireName())
                    .bind("content", fact.content())
                    .bind("confidence", fact.confidence())
                    .bind("sourceConversationId", fact.sourceConversationId())
                    .bind("sourceMessageId", fact.sourceMessageId())
                    .bind("now", now)
                    .execute();
        });
        return new MemoryFact(id, userId, fact.category(), fact.content(), fact.confidence(), true,
                fact.sourceConversationId(), fact.sourceMessageId(), now, now);
    }

    private void checkSource(Handle h, NewFact fact) {
        // Locked, so the source cannot be deleted between this check and the insert.
        if (fact.sourceConversationId() != null) {
            ctx.ledger.lock(h, userId, fact.sourceConversationId());
        }
        if (fact.sourceMessageId() != null
                && !ctx.messageRows.isInConversation(h, userId, fact.sourceMessageId(), fact.sourceConversationId())) {
            throw new NotFoundException("No message " + fact.sourceMessageId() + " in conversation "
                    + fact.sourceConversationId());
        }
    }

    @Override
    public Optional<MemoryFact> get(String factId) {
        Check.id("factId", factId);
        return ctx.readFor(userId, "read a memory fact", h -> find(h, factId));
    }

    private Optional<MemoryFact> find(Handle h, String factId) {
        return h.createQuery(ctx.sql(Sql.BY_ID))
                .bind("id", factId)
                .bind("userId", userId)
                .map(mapper).findOne();
    }

    @Override
    public Page<MemoryFact> list(FactQuery query, PageRequest page) {
        Check.notNull("query", query);
        Check.notNull("page", page);
        int limit = Check.pageLimit(page, Limits.FACTS_PAGE_DEFAULT, Limits.FACTS_PAGE_MAX);
        return ctx.readFor(userId, "list memory facts", h -> new Keyset<>("facts", userId, new RankOrder(h, query))
                .page(page.cursor(), limit, 2));
    }

    /** Highest confidence first, then newest (ids are time-ordered). */
    private final class RankOrder implements Keyset.Source<MemoryFact, RankOrder.Key> {
        record Key(double confidence, String id) {
        }

        private final Handle h;
        private final FactQuery query;

        RankOrder(Handle h, FactQuery query) {
            this.h = h;
            this.query = query;
        }

        @Override
        public List<MemoryFact> fetch(boolean inListingOrder, Key bound, int limit) {
            return h.createQuery(ctx.sql(inListingOrder ? Sql.PAGE_LOWER : Sql.PAGE_HIGHER))
                    .bind("userId", userId)
                    .bind("category", query.category() == null ? null : query.category().wireName())
                    .bind("activeOnly", query.activeOnly())
                    .bind("minConfidence", query.minConfidence())
                    .bind("confidence", bound.confidence())
                    .bind("id", bound.id())
                    .bind("limit", limit)
                    .map(mapper).list();
        }

        @Override
        public Key keyOf(MemoryFact row) {
            return new Key(row.confidence(), row.id());
        }

        @Override
        public Key start() {
            return new Key(2.0, "");
        }

        @Override
        public List<String> encodeKey(Key key) {
            return List.of(Double.toString(key.confidence()), key.id());
        }

        @Override
        public Key decodeKey(Cursor cursor) {
            double confidence;
            try {
                confidence = Double.parseDouble(cursor.key().get(0));
            } catch (NumberFormatException e) {
                confidence = Double.NaN;
            }
            // Confidences are in [0, 1]; 2 is the start sentinel. Anything else was not issued here.
            if (!(confidence >= 0.0 && confidence <= 2.0)) {
                throw new InvalidInputException("cursor", "is not a cursor this store issued");
            }
            String id = cursor.key().get(1);
            if (!id.isEmpty()) {
                Check.id("cursor", id);
            }
            return new Key(confidence, id);
        }
    }

    @Override
    public MemoryFact update(String factId, FactUpdate update) {
        Check.id("factId", factId);
        Check.notNull("update", update);
        return ctx.writeFor(userId, "update a memory fact", h -> {
            int updated = h.createUpdate(ctx.sql(Sql.UPDATE))
                    .bind("id", factId)
                    .bind("userId", userId)
                    .bind("content", update.content())
                    .bind("confidence", update.confidence())
                    .bind("now", ctx.now())
                    .execute();
            if (updated == 0) {
                throw notFound(factId);
            }
            return find(h, factId).orElseThrow();
        });
    }

    @Override
    public MemoryFact deactivate(String factId) {
        Check.id("factId", factId);
        return ctx.writeFor(userId, "deactivate a memory fact", h -> {
            int updated = h.createUpdate(ctx.sql(Sql.DEACTIVATE))
                    .bind("id", factId)
                    .bind("userId", userId)
                    .bind("now", ctx.now())
                    .execute();
            if (updated == 0) {
                throw notFound(factId);
            }
            return find(h, factId).orElseThrow();
        });
    }

    @Override
    public boolean delete(String factId) {
        Check.id("factId", factId);
        return ctx.writeFor(userId, "delete a memory fact", h -> h.createUpdate(ctx.sql(Sql.DELETE))
                .bind("id", factId)
                .bind("userId", userId)
                .execute() > 0);
    }

    private static NotFoundException notFound(String factId) {
        return new NotFoundException("No memory fact " + factId);
    }
}

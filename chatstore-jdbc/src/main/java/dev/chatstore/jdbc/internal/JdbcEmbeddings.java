package dev.chatstore.jdbc.internal;

import dev.chatstore.Embedding;
import dev.chatstore.EmbeddingKind;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.Embeddings;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.NotFoundException;
import dev.chatstore.Role;
import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import dev.chatstore.internal.Check;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * One user's embeddings and the exact nearest-neighbour search over them: every candidate row of
 * the model is streamed once and scored in Java ({@link VectorMath}), keeping the best k in a
 * bounded heap. Thread-safe.
 */
final class JdbcEmbeddings implements Embeddings {
    enum Sql implements SqlStatement {
        MESSAGE_TARGET, FACT_TARGET, ATTACHMENT_TARGET, ADD_MODEL, MODEL_DIMENSION, UPSERT, BY_TARGET, DELETE, CANDIDATES;

        @Override
        public String catalog() {
            return "embedding";
        }
    }

    /** Rows fetched per round trip while scoring: bounded memory however many vectors the user has. */
    private static final int FETCH_SIZE = 1000;
    /** The bounds of an open time range: every stored instant lies between them. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    /** The result order: highest score first, then target id, chunk index and kind ascending. */
    private static final Comparator<Hit> RANK = Comparator.comparingDouble(Hit::score).reversed()
            .thenComparing(Hit::targetId).thenComparingInt(Hit::chunkIndex).thenComparing(Hit::kind);

    private final StoreContext ctx;
    private final String userId;

    JdbcEmbeddings(StoreContext ctx, String userId) {
        this.ctx = ctx;
        this.userId = userId;
    }

    /** What a vector copies from its target. */
    private record Owner(String conversationId, String role, Instant createdAt) {
    }

    /** A scored candidate. */
    private record Hit(double score, String targetId, int chunkIndex, String kind, String conversationId) {
    }

    @Override
    public Embedding put(EmbeddingTarget target, String model, float[] vector, String chunkText) {
        Check.notNull("target", target);
        Check.text("model", model, Limits.MODEL_NAME_MAX);
        float[] v = Check.vector("vector", vector);
        if (chunkText != null) {
            if (target.kind() != EmbeddingKind.ATTACHMENT_CHUNK) {
                throw new InvalidInputException("chunkText", "is only allowed on attachment chunks, not on a "
                        + target.kind().wireName());
            }
            Check.anyText("chunkText", chunkText, Limits.CHUNK_TEXT_MAX);
        }
        double norm = VectorMath.norm(v);
        byte[] stored = VectorMath.encode(v);
        Instant now = ctx.now();
        return ctx.write("store an embedding", h -> {
            Owner owner = owner(h, target).orElseThrow(() -> new NotFoundException("No " + describe(target)));
            h.createUpdate(ctx.sql(Sql.ADD_MODEL))
                    .bind("userId", userId)
                    .bind("model", model)
                    .bind("dimension", v.length)
                    .bind("now", now)
                    .execute();
            requireDimension(dimension(h, model).orElseThrow(), model, v.length);
            h.createUpdate(ctx.sql(Sql.UPSERT))
                    .bind("userId", userId)
                    .bind("model", model)
                    .bind("kind", target.kind().wireName())
                    .bind("targetId", target.id())
                    .bind("chunkIndex", target.chunkIndex())
                    .bind("messageId", target.kind() == EmbeddingKind.MESSAGE ? target.id() : null)
                    .bind("factId", target.kind() == EmbeddingKind.FACT ? target.id() : null)
                    .bind("attachmentId", target.kind() == EmbeddingKind.ATTACHMENT_CHUNK ? target.id() : null)
                    .bind("conversationId", owner.conversationId())
                    .bind("role", owner.role())
                    .bind("targetCreatedAt", owner.createdAt())
                    .bind("dimension", v.length)
                    .bind("norm", norm)
                    .bind("now", now)
                    .bind("vector", stored)
                    .bind("chunkText", chunkText)
                    .execute();
            return find(h, target, model).orElseThrow();
        });
    }

    private Optional<Owner> owner(Handle h, EmbeddingTarget target) {
        Sql statement = switch (target.kind()) {
            case MESSAGE -> Sql.MESSAGE_TARGET;
            case FACT -> Sql.FACT_TARGET;
            case ATTACHMENT_CHUNK -> Sql.ATTACHMENT_TARGET;
        };
        return h.createQuery(ctx.sql(statement))
                .bind("id", target.id())
                .bind("userId", userId)
                .map((rs, c) -> new Owner(rs.getString("conversation_id"), rs.getString("role"),
                        ctx.dialect.readInstant(rs, "created_at")))
                .findOne();
    }

    private Optional<Integer> dimension(Handle h, String model) {
        return h.createQuery(ctx.sql(Sql.MODEL_DIMENSION))
                .bind("userId", userId)
                .bind("model", model)
                .mapTo(Integer.class)
                .findOne();
    }

    private static void requireDimension(int dimension, String model, int given) {
        if (dimension != given) {
            throw new InvalidInputException("vector", "has dimension " + given + ", but the vectors of model \""
                    + model + "\" have dimension " + dimension);
        }
    }

    @Override
    public Optional<Embedding> get(EmbeddingTarget target, String model) {
        Check.notNull("target", target);
        Check.text("model", model, Limits.MODEL_NAME_MAX);
        return ctx.read("read an embedding", h -> find(h, target, model));
    }

    private Optional<Embedding> find(Handle h, EmbeddingTarget target, String model) {
        return bindTarget(h.createQuery(ctx.sql(Sql.BY_TARGET)), target, model)
                .map((rs, c) -> new Embedding(target, model, VectorMath.decode(rs.getBytes("vector")),
                        rs.getString("conversation_id"), rs.getString("chunk_text"),
                        ctx.dialect.readInstant(rs, "created_at"), ctx.dialect.readInstant(rs, "updated_at")))
                .findOne();
    }

    @Override
    public boolean delete(EmbeddingTarget target, String model) {
        Check.notNull("target", target);
        Check.text("model", model, Limits.MODEL_NAME_MAX);
        return ctx.write("delete an embedding", h -> h.createUpdate(ctx.sql(Sql.DELETE))
                .bind("userId", userId)
                .bind("model", model)
                .bind("kind", target.kind().wireName())
                .bind("targetId", target.id())
                .bind("chunkIndex", target.chunkIndex())
                .execute() > 0);
    }

    private Query bindTarget(Query q, EmbeddingTarget target, String model) {
        return q.bind("userId", userId)
                .bind("model", model)
                .bind("kind", target.kind().wireName())
                .bind("targetId", target.id())
                .bind("chunkIndex", target.chunkIndex());
    }

    @Override
    public List<VectorHit> nearest(VectorQuery query) {
        Check.notNull("query", query);
        float[] q = query.vector();
        double queryNorm = VectorMath.norm(q);
        return ctx.read("search embeddings", h -> {
            Optional<Integer> dimension = dimension(h, query.model());
            if (dimension.isEmpty()) {
                return List.of();
            }
            requireDimension(dimension.get(), query.model(), q.length);
            PriorityQueue<Hit> best = new PriorityQueue<>(query.k() + 1, RANK.reversed());
            Set<EmbeddingKind> kinds = query.kinds();
            Set<Role> roles = query.roles();
            h.createQuery(ctx.sql(Sql.CANDIDATES))
                    .bind("userId", userId)
                    .bind("model", query.model())
                    .bind("messages", kinds.isEmpty() || kinds.contains(EmbeddingKind.MESSAGE))
                    .bind("facts", kinds.isEmpty() || kinds.contains(EmbeddingKind.FACT))
                    .bind("chunks", kinds.isEmpty() || kinds.contains(EmbeddingKind.ATTACHMENT_CHUNK))
                    .bind("system", roles.isEmpty() || roles.contains(Role.SYSTEM))
                    .bind("user", roles.isEmpty() || roles.contains(Role.USER))
                    .bind("assistant", roles.isEmpty() || roles.contains(Role.ASSISTANT))
                    .bind("tool", roles.isEmpty() || roles.contains(Role.TOOL))
                    .bind("from", query.from() == null ? EARLIEST : query.from())
                    .bind("to", query.to() == null ? LATEST : query.to())
                    .bind("conversationId", query.conversationId())
                    .bind("includeArchived", query.includeArchived())
                    .setFetchSize(FETCH_SIZE)
                    .scanResultSet((rows, c) -> {
                        score(rows.get(), q, queryNorm, query.k(), best);
                        return null;
                    });
            List<Hit> ranked = new ArrayList<>(best);
            ranked.sort(RANK);
            return ranked.stream().map(hit -> new VectorHit(new EmbeddingTarget(EmbeddingKind.parse(hit.kind()),
                    hit.targetId(), hit.chunkIndex()), hit.conversationId(), hit.score())).toList();
        });
    }

    /**
     * Scores every row, keeping the best {@code k} in {@code best} (worst at its head). A row whose
     * score is below the worst kept is dropped before its other columns are read.
     */
    private static void score(ResultSet rs, float[] q, double queryNorm, int k, PriorityQueue<Hit> best)
            throws SQLException {
        float[] v = new float[q.length];
        while (rs.next()) {
            double norm = rs.getDouble(1);
            VectorMath.decode(rs.getBytes(2), v);
            double score = VectorMath.cosine(VectorMath.dot(q, v), queryNorm, norm);
            if (best.size() == k && score < best.peek().score()) {
                continue;
            }
            Hit hit = new Hit(score, rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6));
            if (best.size() < k) {
                best.add(hit);
            } else if (RANK.compare(hit, best.peek()) < 0) {
                best.poll();
                best.add(hit);
            }
        }
    }

    private static String describe(EmbeddingTarget target) {
        return switch (target.kind()) {
            case MESSAGE -> "message " + target.id();
            case FACT -> "memory fact " + target.id();
            case ATTACHMENT_CHUNK -> "attachment " + target.id();
        };
    }
}

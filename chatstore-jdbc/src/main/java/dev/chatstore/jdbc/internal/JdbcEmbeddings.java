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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * One user's embeddings and the nearest-neighbour search over them. Exact: every candidate of the
 * model is scored in Java ({@link VectorMath}), keeping the best k in a bounded heap. The candidates
 * come from the store's {@link VectorCache} when the model's vectors fit in it, checked against the
 * model's version in the search's own transaction (and loaded into it when they are not current);
 * otherwise they are streamed from the database, filtered there. Both ways filter alike and score
 * with the same code. Approximate: the candidates come from the user's {@link ApproximateIndex} of
 * the model, brought to the search's version first, and are read from the database in the search's
 * transaction, filtered and scored as in an exact search. Thread-safe.
 */
final class JdbcEmbeddings implements Embeddings {
    enum Sql implements SqlStatement {
        MESSAGE_TARGET, FACT_TARGET, ATTACHMENT_TARGET, ADD_MODEL, MODEL_DIMENSION, MODEL_STATE, COUNT_VECTORS, ALL_VECTORS,
        ARCHIVED_CONVERSATIONS, LINKED_ATTACHMENTS, UPSERT, BY_TARGET, DELETE, CANDIDATES, CHANGED_VECTORS,
        VECTORS_BY_KEY;

        @Override
        public String catalog() {
            return "embedding";
        }
    }

    /** Rows fetched per round trip while scoring: bounded memory however many vectors the user has. */
    private static final int FETCH_SIZE = 1000;
    /**
     * Candidates an approximate search takes from the index (the HNSW search's beam): at least this many,
     * and at least {@value #CANDIDATES_PER_HIT} per hit asked for.
     */
    private static final int MIN_CANDIDATES = 100;
    private static final int CANDIDATES_PER_HIT = 4;
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
        return ctx.writeFor(userId, "store an embedding", h -> {
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
        return ctx.readFor(userId, "read an embedding", h -> find(h, target, model));
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
        return ctx.writeFor(userId, "delete an embedding", h -> h.createUpdate(ctx.sql(Sql.DELETE))
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

    /** The model's dimension and version (see {@link VectorCache}). */
    private record ModelState(int dimension, long version) {
    }

    @Override
    public List<VectorHit> nearest(VectorQuery query) {
        Check.notNull("query", query);
        float[] q = query.vector();
        double queryNorm = VectorMath.norm(q);
        return ctx.readFor(userId, "search embeddings", h -> {
            Optional<ModelState> state = modelState(h, query.model());
            if (state.isEmpty()) {
                return List.of();
            }
            requireDimension(state.get().dimension(), query.model(), q.length);
            if (!query.exact() && query.conversationId() == null) {
                List<VectorHit> approximate = approximate(h, query, state.get(), q, queryNorm);
                if (approximate != null) {
                    return approximate;
                }
            }
            PriorityQueue<Hit> best = new PriorityQueue<>(query.k() + 1, RANK.reversed());
            VectorCache.Snapshot cached = cached(h, query.model(), state.get());
            if (cached != null) {
                scoreCached(h, cached, query, q, queryNorm, best);
            } else {
                stream(h, query, q, queryNorm, best);
            }
            return ranked(best);
        });
    }

    private static List<VectorHit> ranked(PriorityQueue<Hit> best) {
        List<Hit> ranked = new ArrayList<>(best);
        ranked.sort(RANK);
        return ranked.stream().map(hit -> new VectorHit(new EmbeddingTarget(EmbeddingKind.parse(hit.kind()),
                hit.targetId(), hit.chunkIndex()), hit.conversationId(), hit.score())).toList();
    }

    private Optional<ModelState> modelState(Handle h, String model) {
        return h.createQuery(ctx.sql(Sql.MODEL_STATE))
                .bind("userId", userId)
                .bind("model", model)
                .map((rs, c) -> new ModelState(rs.getInt(1), rs.getLong(2)))
                .findOne();
    }

    private long count(Handle h, String model) {
        return h.createQuery(ctx.sql(Sql.COUNT_VECTORS))
                .bind("userId", userId)
                .bind("model", model)
                .mapTo(Long.class)
                .one();
    }

    @Override
    public boolean buildApproximateIndex(String model) {
        Check.text("model", model, Limits.MODEL_NAME_MAX);
        if (!ctx.indexes.enabled()) {
            return false;
        }
        ApproximateIndex index = ctx.readFor(userId, "build an approximate vector index", h -> buildIndex(h, model, 1));
        if (index == null) {
            return false;
        }
        ctx.indexes.put(userId, model, index);
        return ctx.indexes.get(userId, model) == index;
    }

    /**
     * An index of the model's vectors as of this transaction; null if the user has fewer than {@code minVectors}
     * of them, or an index of them would not fit in the memory allowed.
     */
    private ApproximateIndex buildIndex(Handle h, String model, int minVectors) {
        Optional<ModelState> state = modelState(h, model);
        if (state.isEmpty()) {
            return null;
        }
        long rows = count(h, model);
        if (rows < minVectors || !ctx.indexes.fits(rows, state.get().dimension())) {
            ctx.indexes.notIndexable(userId, model, state.get().version());
            return null;
        }
        return ApproximateIndex.build(state.get().dimension(), state.get().version(), add ->
                scanAllVectors(h, model, rs -> {
                    while (rs.next()) {
                        add.accept(new ApproximateIndex.Entry(ApproximateIndex.key(rs.getString(5), rs.getInt(4),
                                rs.getString(3)), VectorMath.decode(rs.getBytes(2))));
                    }
                }));
    }

    /** Rows of a result set, read in one pass. */
    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Streams every vector of the model ({@code allVectors}), read in this transaction, to {@code reader}. */
    private void scanAllVectors(Handle h, String model, RowReader reader) {
        h.createQuery(ctx.sql(Sql.ALL_VECTORS))
                .bind("userId", userId)
                .bind("model", model)
                .setFetchSize(FETCH_SIZE)
                .scanResultSet((result, c) -> {
                    reader.read(result.get());
                    return null;
                });
    }

    /**
     * The approximate search: null when it cannot answer and the exact search must (no index held, yet; or the
     * filters left fewer than k of the index's candidates). Without an index, has one built in the background if
     * the model has enough vectors.
     */
    private List<VectorHit> approximate(Handle h, VectorQuery query, ModelState state, float[] q, double queryNorm) {
        String model = query.model();
        ApproximateIndex index = ctx.indexes.get(userId, model);
        if (index == null || index.dimension != state.dimension()) {
            if (ctx.indexes.enabled() && state.dimension() <= ApproximateIndex.MAX_DIMENSION
                    && !ctx.indexes.knownNotIndexable(userId, model, state.version())) {
                ctx.indexes.buildInBackground(userId, model, () -> ctx.readFor(userId, "build an approximate vector index",
                        build -> buildIndex(build, model, ctx.indexes.minVectors)));
            }
            return null;
        }
        if (index.version() < state.version()) {
            // One search reads what changed; the others wait for it rather than read it again.
            synchronized (index) {
                if (index.version() < state.version()) {
                    index.advance(state.version(), changedSince(h, model, index.version()));
                }
            }
        }
        if (index.worn()) {
            ctx.indexes.buildInBackground(userId, model, () -> ctx.readFor(userId, "rebuild an approximate vector index",
                    build -> buildIndex(build, model, 1)));
        }
        int n = Math.max(MIN_CANDIDATES, CANDIDATES_PER_HIT * query.k());
        List<String> keys = index.candidates(q, n);
        if (keys == null) {
            return null;
        }
        List<List<Object>> keyRows = new ArrayList<>(keys.size());
        for (String key : keys) {
            String[] parts = key.split(" ", 3);
            keyRows.add(List.of(parts[0], parts[2], Integer.parseInt(parts[1])));
        }
        Set<String> missing = new HashSet<>(keys);
        PriorityQueue<Hit> best = new PriorityQueue<>(query.k() + 1, RANK.reversed());
        int[] passing = {0};
        bindFilters(h.createQuery(ctx.sql(Sql.VECTORS_BY_KEY)), query)
                .bind("keys", Json.canonical(keyRows))
                .scanResultSet((result, c) -> {
                    ResultSet rs = result.get();
                    float[] v = new float[q.length];
                    while (rs.next()) {
                        missing.remove(ApproximateIndex.key(rs.getString(5), rs.getInt(4), rs.getString(3)));
                        if (rs.getInt(7) == 0) {
                            continue;
                        }
                        passing[0]++;
                        VectorMath.decode(rs.getBytes(2), v);
                        offer(best, query.k(), new Hit(VectorMath.cosine(VectorMath.dot(q, v), queryNorm, rs.getDouble(1)),
                                rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)));
                    }
                    return null;
                });
        index.remove(state.version(), missing);
        if (passing[0] < query.k() && keys.size() == n) {
            // The filters left too few: the nearest that pass may lie beyond the candidates.
            return null;
        }
        return ranked(best);
    }

    /** The model's vectors written since {@code version}, read in this transaction. */
    private List<ApproximateIndex.Entry> changedSince(Handle h, String model, long version) {
        return h.createQuery(ctx.sql(Sql.CHANGED_VECTORS))
                .bind("userId", userId)
                .bind("model", model)
                .bind("since", version)
                .setFetchSize(FETCH_SIZE)
                .map((rs, c) -> new ApproximateIndex.Entry(ApproximateIndex.key(rs.getString(2), rs.getInt(4),
                        rs.getString(3)), VectorMath.decode(rs.getBytes(1))))
                .list();
    }

    /** Keeps {@code hit} in {@code best} if it is among the best {@code k} so far (worst at the head). */
    private static void offer(PriorityQueue<Hit> best, int k, Hit hit) {
        if (best.size() < k) {
            best.add(hit);
        } else if (RANK.compare(hit, best.peek()) < 0) {
            best.poll();
            best.add(hit);
        }
    }

    /**
     * The model's vectors as of {@code state}'s version: the cached snapshot if it is of that version, else
     * loaded in this transaction (which read the version) and cached; null if they do not fit in the cache.
     */
    private VectorCache.Snapshot cached(Handle h, String model, ModelState state) {
        VectorCache.Snapshot hit = ctx.vectors.get(userId, model, state.version());
        if (hit != null) {
            return hit;
        }
        long rows = count(h, model);
        if (!ctx.vectors.fits(rows, state.dimension())) {
            return null;
        }
        // The count and the rows are of this transaction's snapshot: the same rows.
        VectorCache.Snapshot s = new VectorCache.Snapshot(state.version(), Math.toIntExact(rows));
        scanAllVectors(h, model, rs -> {
            for (int i = 0; rs.next(); i++) {
                s.norms[i] = rs.getDouble(1);
                s.vectors[i] = VectorMath.decode(rs.getBytes(2));
                s.targetIds[i] = rs.getString(3);
                s.chunkIndexes[i] = rs.getInt(4);
                s.kinds[i] = rs.getString(5).intern();
                s.conversationIds[i] = rs.getString(6);
                String role = rs.getString(7);
                s.roles[i] = role == null ? null : role.intern();
                s.createdAtMillis[i] = ctx.dialect.readInstant(rs, "target_created_at").toEpochMilli();
            }
        });
        ctx.vectors.put(userId, model, s);
        return s;
    }

    /**
     * Scores the cached vectors that pass the query's filters: the same conditions as the candidate
     * statement, on the snapshot's columns, with the archived conversations and the conversation's
     * attachment links read in this transaction when the query needs them.
     */
    private void scoreCached(Handle h, VectorCache.Snapshot s, VectorQuery query, float[] q, double queryNorm,
                             PriorityQueue<Hit> best) {
        Set<EmbeddingKind> kinds = query.kinds();
        Set<String> kindNames = new HashSet<>();
        for (EmbeddingKind kind : EmbeddingKind.values()) {
            if (kinds.isEmpty() || kinds.contains(kind)) {
                kindNames.add(kind.wireName());
            }
        }
        Set<String> roleNames = new HashSet<>();
        for (Role role : query.roles()) {
            roleNames.add(role.wireName());
        }
        String conversationId = query.conversationId();
        Set<String> linked = conversationId == null || !kindNames.contains(EmbeddingKind.ATTACHMENT_CHUNK.wireName())
                ? Set.of()
                : new HashSet<>(h.createQuery(ctx.sql(Sql.LINKED_ATTACHMENTS))
                        .bind("userId", userId)
                        .bind("conversationId", conversationId)
                        .mapTo(String.class)
                        .list());
        Set<String> archived = query.includeArchived() ? Set.of()
                : new HashSet<>(h.createQuery(ctx.sql(Sql.ARCHIVED_CONVERSATIONS))
                        .bind("userId", userId)
                        .mapTo(String.class)
                        .list());
        // Stored times are whole milliseconds: compared with the exact bounds.
        Instant from = query.from();
        Instant to = query.to();
        String chunk = EmbeddingKind.ATTACHMENT_CHUNK.wireName();
        int k = query.k();
        for (int i = 0; i < s.size; i++) {
            if (!kindNames.contains(s.kinds[i])) {
                continue;
            }
            String role = s.roles[i];
            if (role != null && !roleNames.isEmpty() && !roleNames.contains(role)) {
                continue;
            }
            if (from != null || to != null) {
                Instant created = Instant.ofEpochMilli(s.createdAtMillis[i]);
                if ((from != null && created.isBefore(from)) || (to != null && !created.isBefore(to))) {
                    continue;
                }
            }
            String conversation = s.conversationIds[i];
            if (conversationId != null && !conversationId.equals(conversation)
                    && !(s.kinds[i].equals(chunk) && linked.contains(s.targetIds[i]))) {
                continue;
            }
            if (conversation != null && archived.contains(conversation)) {
                continue;
            }
            double score = VectorMath.cosine(VectorMath.dot(q, s.vectors[i]), queryNorm, s.norms[i]);
            if (best.size() == k && score < best.peek().score()) {
                continue;
            }
            offer(best, k, new Hit(score, s.targetIds[i], s.chunkIndexes[i], s.kinds[i], conversation));
        }
    }

    /** Streams the candidates the database filters, for a model whose vectors do not fit in the cache. */
    private void stream(Handle h, VectorQuery query, float[] q, double queryNorm, PriorityQueue<Hit> best) {
        bindFilters(h.createQuery(ctx.sql(Sql.CANDIDATES)), query)
                .setFetchSize(FETCH_SIZE)
                .scanResultSet((rows, c) -> {
                    score(rows.get(), q, queryNorm, query.k(), best);
                    return null;
                });
    }

    /** Binds the user, the model and the query's filters ({@code embeddingFilter} in columns.sql). */
    private Query bindFilters(Query statement, VectorQuery query) {
        Set<EmbeddingKind> kinds = query.kinds();
        Set<Role> roles = query.roles();
        return statement
                .bind("userId", userId)
                .bind("model", query.model())
                .bind("messages", kinds.isEmpty() || kinds.contains(EmbeddingKind.MESSAGE))
                .bind("facts", kinds.isEmpty() || kinds.contains(EmbeddingKind.FACT))
                .bind("chunks", kinds.isEmpty() || kinds.contains(EmbeddingKind.ATTACHMENT_CHUNK))
                .bind("system", roles.isEmpty() || roles.contains(Role.SYSTEM))
                .bind("user", roles.isEmpty() || roles.contains(Role.USER))
                .bind("assistant", roles.isEmpty() || roles.contains(Role.ASSISTANT))
                .bind("tool", roles.isEmpty() || roles.contains(Role.TOOL))
                .bind("from", query.from() == null ? EARLIEST : wholeMillisAtOrAfter(query.from()))
                .bind("to", query.to() == null ? LATEST : wholeMillisAtOrAfter(query.to()))
                .bind("conversationId", query.conversationId())
                .bind("includeArchived", query.includeArchived());
    }

    /**
     * The first whole millisecond at or after {@code t}. Stored times are whole milliseconds, so
     * comparing them with it is comparing them with {@code t}, on a backend that binds instants as
     * milliseconds as on one that keeps microseconds.
     */
    private static Instant wholeMillisAtOrAfter(Instant t) {
        Instant truncated = t.truncatedTo(ChronoUnit.MILLIS);
        return truncated.equals(t) ? t : truncated.plusMillis(1);
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
            offer(best, k, new Hit(score, rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)));
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

package dev.chatstore.bench;

import dev.chatstore.Attachment;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.Embeddings;
import dev.chatstore.NewAttachment;
import dev.chatstore.UserChats;
import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.sqlite.Synchronous;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * One user with {@value #VECTORS} vectors of {@value #DIMENSION} dimensions (chunks of attachments)
 * stored through chatstore in a SQLite file, and {@value #QUERIES} query vectors. The vectors lie in
 * {@value #CLUSTERS} Gaussian clusters, as embeddings of real text do (uniform noise in 768
 * dimensions has no near neighbours to find); each query is a stored vector moved by noise. The
 * store keeps every vector in memory for the exact search ({@code vectorCacheBytes} large enough), so
 * the approximate search is compared with the fastest exact one; its index is built before the
 * measurements. Built once per JVM.
 */
final class AnnFixture implements AutoCloseable {
    static final int VECTORS = 100_000;
    static final int DIMENSION = 768;
    static final int CLUSTERS = 1_000;
    static final int QUERIES = 100;
    static final int K = 10;
    static final int CHUNKS_PER_FILE = 1_000;
    static final String MODEL = "bench-ann-768";

    final SqliteChatStore store;
    final Embeddings embeddings;
    final float[][] queries = new float[QUERIES][];
    /** Seconds to build the index of the {@value #VECTORS} vectors. */
    final double buildSeconds;

    private AnnFixture(SqliteChatStore store, Embeddings embeddings, double buildSeconds) {
        this.store = store;
        this.embeddings = embeddings;
        this.buildSeconds = buildSeconds;
    }

    static AnnFixture build(Path dir) {
        Path file = dir.resolve("ann.db");
        Sqlite.delete(file);
        SqliteChatStore store = SqliteChatStore.builder(file).synchronous(Synchronous.NORMAL).vectorCacheBytes(1L << 30).build();
        UserChats user = store.forUser("ann-user");
        Random random = new Random(100_000);
        float[][] centres = new float[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            centres[c] = gaussian(random, 1.0, null);
        }
        float[][] stored = new float[VECTORS][];
        Attachment file1 = null;
        for (int i = 0; i < VECTORS; i++) {
            if (i % CHUNKS_PER_FILE == 0) {
                file1 = user.attachments().create(NewAttachment.stored("corpus-" + i + ".pdf", "application/pdf", 1, null,
                        "s3://bench/" + i));
            }
            stored[i] = gaussian(random, 0.6, centres[random.nextInt(CLUSTERS)]);
            user.embeddings().put(EmbeddingTarget.attachmentChunk(file1.id(), i % CHUNKS_PER_FILE), MODEL, stored[i]);
        }
        long t = System.nanoTime();
        if (!user.embeddings().buildApproximateIndex(MODEL)) {
            throw new IllegalStateException("The approximate index was not built");
        }
        AnnFixture f = new AnnFixture(store, user.embeddings(), (System.nanoTime() - t) / 1e9);
        for (int q = 0; q < QUERIES; q++) {
            f.queries[q] = gaussian(random, 0.3, stored[random.nextInt(VECTORS)]);
        }
        return f;
    }

    private static float[] gaussian(Random random, double sigma, float[] around) {
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) ((around == null ? 0 : around[d]) + sigma * random.nextGaussian());
        }
        return v;
    }

    /** The mean share of the exact top {@value #K} that the approximate top {@value #K} holds, over every query. */
    double recallAt10() {
        long found = 0;
        for (float[] q : queries) {
            VectorQuery exact = VectorQuery.of(MODEL, q, K);
            Set<EmbeddingTarget> wanted = new HashSet<>(targets(embeddings.nearest(exact)));
            found += targets(embeddings.nearest(exact.approximate())).stream().filter(wanted::contains).count();
        }
        return found / (double) (QUERIES * K);
    }

    private static List<EmbeddingTarget> targets(List<VectorHit> hits) {
        return hits.stream().map(VectorHit::target).toList();
    }

    @Override
    public void close() {
        store.close();
    }
}

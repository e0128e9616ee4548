package dev.chatstore.bench;

import dev.chatstore.Conversation;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.Embeddings;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One user with {@value #VECTORS} messages over {@value #CONVERSATIONS} conversations, each with a
 * {@value #DIMENSION}-dimensional vector of model {@value #MODEL} stored through chatstore (a SQLite
 * file), and the same vectors in memory (with their norms) for the plain Java scan; plus
 * {@value #QUERIES} query vectors the benchmark cycles through. Built once per JVM.
 */
final class VectorFixture implements AutoCloseable {
    static final int VECTORS = 10_000;
    static final int DIMENSION = 768;
    static final int CONVERSATIONS = 20;
    static final int QUERIES = 16;
    static final int K = 10;
    static final String MODEL = "bench-embedder-768";

    final SqliteChatStore store;
    final Embeddings embeddings;
    final String[] ids = new String[VECTORS];
    final float[][] vectors = new float[VECTORS][];
    final double[] norms = new double[VECTORS];
    final float[][] queries = new float[QUERIES][];

    private VectorFixture(SqliteChatStore store, UserChats user) {
        this.store = store;
        this.embeddings = user.embeddings();
    }

    static VectorFixture build(Path dir) {
        Path file = dir.resolve("vectors.db");
        Sqlite.delete(file);
        SqliteChatStore store = Sqlite.openStore(file);
        UserChats user = store.forUser("vector-user");
        VectorFixture f = new VectorFixture(store, user);
        Random random = new Random(768);
        List<NewMessage> batch = new ArrayList<>();
        int perConversation = VECTORS / CONVERSATIONS;
        for (int c = 0; c < CONVERSATIONS; c++) {
            Conversation conversation = user.conversations().create(NewConversation.titled("topic " + c));
            batch.clear();
            for (int i = 0; i < perConversation; i++) {
                batch.add(i % 2 == 0 ? NewMessage.user("question " + i) : NewMessage.assistant("answer " + i));
            }
            List<Message> stored = user.messages().appendAll(conversation.id(), batch).stream().map(a -> a.message()).toList();
            for (int i = 0; i < perConversation; i++) {
                int n = c * perConversation + i;
                float[] v = new float[DIMENSION];
                double sum = 0;
                for (int d = 0; d < DIMENSION; d++) {
                    v[d] = (float) random.nextGaussian();
                    sum += (double) v[d] * v[d];
                }
                f.ids[n] = stored.get(i).id();
                f.vectors[n] = v;
                f.norms[n] = Math.sqrt(sum);
                f.embeddings.put(EmbeddingTarget.message(f.ids[n]), MODEL, v);
            }
        }
        for (int q = 0; q < QUERIES; q++) {
            float[] v = f.vectors[random.nextInt(VECTORS)].clone();
            for (int d = 0; d < DIMENSION; d++) {
                v[d] += (float) (0.5 * random.nextGaussian());
            }
            f.queries[q] = v;
        }
        return f;
    }

    @Override
    public void close() {
        store.close();
    }
}

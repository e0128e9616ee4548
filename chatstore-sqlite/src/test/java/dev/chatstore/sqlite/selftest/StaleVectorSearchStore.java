package dev.chatstore.sqlite.selftest;

import dev.chatstore.ChatStore;
import dev.chatstore.Embedding;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.Embeddings;
import dev.chatstore.UserChats;
import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Broken on purpose: keeps the hits of each vector search and returns them again for an equal
 * query, never noticing the puts, deletes and cascades since, as a result cache keyed by the query
 * alone would.
 */
final class StaleVectorSearchStore extends ForwardingChatStore {
    private final Map<String, List<VectorHit>> hits = new ConcurrentHashMap<>();

    StaleVectorSearchStore(ChatStore delegate) {
        super(delegate);
    }

    @Override
    protected UserChats view(UserChats real) {
        Embeddings embeddings = real.embeddings();
        return View.of(real).withEmbeddings(new Embeddings() {
            @Override
            public Embedding put(EmbeddingTarget target, String model, float[] vector, String chunkText) {
                return embeddings.put(target, model, vector, chunkText);
            }

            @Override
            public Optional<Embedding> get(EmbeddingTarget target, String model) {
                return embeddings.get(target, model);
            }

            @Override
            public boolean delete(EmbeddingTarget target, String model) {
                return embeddings.delete(target, model);
            }

            @Override
            public List<VectorHit> nearest(VectorQuery query) {
                return query == null ? embeddings.nearest(null)
                        : hits.computeIfAbsent(real.userId() + "\u0000" + query, k -> embeddings.nearest(query));
            }

            @Override
            public boolean buildApproximateIndex(String model) {
                return embeddings.buildApproximateIndex(model);
            }
        });
    }
}

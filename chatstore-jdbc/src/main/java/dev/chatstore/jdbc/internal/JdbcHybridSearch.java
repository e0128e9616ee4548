package dev.chatstore.jdbc.internal;

import dev.chatstore.EmbeddingKind;
import dev.chatstore.Embeddings;
import dev.chatstore.HybridHit;
import dev.chatstore.HybridQuery;
import dev.chatstore.PageRequest;
import dev.chatstore.Search;
import dev.chatstore.SearchHit;
import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import dev.chatstore.internal.Check;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One user's hybrid search: the full-text side ({@link Search#text}) and the vector side
 * ({@link Embeddings#nearest}) each run as they would alone, and their ranked lists are fused by
 * reciprocal rank fusion. Stateless apart from its collaborators; thread-safe.
 *
 * <p>A hit's identity across the two lists is its id: a message's (or a fact's) text hit and its
 * vector hit are one result whatever kind the text side calls it, so a text kind added later needs
 * nothing here. An attachment chunk is its attachment's id and its chunk index, which no text hit
 * has; a conversation title's id is a conversation's, which no vector hit has.
 */
final class JdbcHybridSearch {
    /** Best first: fused score descending, then id and chunk index ascending (text-only hits before chunks). */
    private static final Comparator<Fused> ORDER = Comparator.comparingDouble(Fused::score).reversed()
            .thenComparing(Fused::id).thenComparingInt(Fused::chunkIndex);

    private final Search text;
    private final Embeddings vectors;

    JdbcHybridSearch(Search text, Embeddings vectors) {
        this.text = text;
        this.vectors = vectors;
    }

    /** One result being fused: what each side found, and the ranks, from 1 (0: not found). */
    private static final class Fused {
        final String id;
        final int chunkIndex;
        SearchHit textHit;
        int textRank;
        VectorHit vectorHit;
        int vectorRank;
        double score;

        Fused(String id, int chunkIndex) {
            this.id = id;
            this.chunkIndex = chunkIndex;
        }

        String id() {
            return id;
        }

        int chunkIndex() {
            return chunkIndex;
        }

        double score() {
            return score;
        }
    }

    List<HybridHit> search(HybridQuery query) {
        Check.notNull("query", query);
        VectorQuery v = query.vector();
        VectorQuery side = new VectorQuery(v.model(), v.vector(), query.candidates(), v.conversationId(), v.kinds(),
                v.roles(), v.from(), v.to(), v.includeArchived(), v.exact());
        // The vector side first: a query of the wrong dimension fails before the text search runs.
        List<VectorHit> vectorHits = vectors.nearest(side);
        List<SearchHit> textHits = text.text(query.text(), PageRequest.first(query.candidates())).items();

        Map<String, Fused> byKey = new LinkedHashMap<>();
        for (int i = 0; i < textHits.size(); i++) {
            SearchHit hit = textHits.get(i);
            Fused f = byKey.computeIfAbsent(hit.id(), id -> new Fused(id, -1));
            if (f.textHit == null) {
                f.textHit = hit;
                f.textRank = i + 1;
            }
        }
        for (int i = 0; i < vectorHits.size(); i++) {
            VectorHit hit = vectorHits.get(i);
            boolean chunk = hit.target().kind() == EmbeddingKind.ATTACHMENT_CHUNK;
            String key = chunk ? hit.target().id() + '#' + hit.target().chunkIndex() : hit.target().id();
            Fused f = byKey.computeIfAbsent(key, k -> new Fused(hit.target().id(), hit.target().chunkIndex()));
            if (f.vectorHit == null) {
                f.vectorHit = hit;
                f.vectorRank = i + 1;
            }
        }
        List<Fused> fused = new ArrayList<>(byKey.values());
        for (Fused f : fused) {
            // Always text then vector: the same additions in the same order give the same double everywhere.
            double score = 0;
            if (f.textRank > 0) {
                score += 1.0 / (query.rankConstant() + f.textRank);
            }
            if (f.vectorRank > 0) {
                score += 1.0 / (query.rankConstant() + f.vectorRank);
            }
            f.score = score;
        }
        fused.sort(ORDER);
        return fused.stream().limit(query.limit()).map(f -> new HybridHit(f.id, conversationOf(f), f.score,
                f.textHit, f.textRank, f.vectorHit, f.vectorRank)).toList();
    }

    private static String conversationOf(Fused f) {
        return f.textHit != null ? f.textHit.conversationId() : f.vectorHit.conversationId();
    }
}

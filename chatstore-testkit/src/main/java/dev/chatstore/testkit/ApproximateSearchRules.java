package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.EmbeddingKind;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.UserChats;
import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Approximate semantic search ({@link VectorQuery#approximate()}) with an index built
 * ({@link dev.chatstore.Embeddings#buildApproximateIndex}): it finds the nearest vectors of clustered
 * data, scores and orders them exactly, applies every filter, and sees every write made after the
 * index was built: new, replaced and deleted vectors, by every delete path. Over a handful of
 * vectors it returns what the exact search returns.
 */
public interface ApproximateSearchRules extends StoreFixture {
    String ANN_MODEL = "approximate-embedder";
    int CLUSTERED_DIMENSION = 24;

    private static List<EmbeddingTarget> targets(List<VectorHit> hits) {
        return hits.stream().map(VectorHit::target).toList();
    }

    /** Gaussian clusters around random centres: the shape of real embeddings, unlike uniform noise. */
    private static List<float[]> clustered(Random random, int count, int clusters) {
        List<float[]> centres = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            centres.add(gaussian(random, 1.0f, null));
        }
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vectors.add(gaussian(random, 0.35f, centres.get(random.nextInt(clusters))));
        }
        return vectors;
    }

    private static float[] gaussian(Random random, float sigma, float[] around) {
        float[] v = new float[CLUSTERED_DIMENSION];
        for (int d = 0; d < v.length; d++) {
            v[d] = (around == null ? 0 : around[d]) + sigma * (float) random.nextGaussian();
        }
        return v;
    }

    /**
     * 400 clustered vectors (attachment chunks), an index built: for 30 queries, the approximate top 10 holds at
     * least 9 of the exact top 10 on average, and every hit has the exact search's score for its vector, in the
     * exact order. Look at the candidates the index is asked for and at how they are scored.
     */
    @Test
    default void anApproximateSearchFindsTheNearestOfClusteredVectorsWithExactScores() {
        Random random = new Random(11);
        Attachment file = storedFile(alice(), "corpus.pdf");
        List<float[]> vectors = clustered(random, 400, 12);
        for (int i = 0; i < vectors.size(); i++) {
            alice().embeddings().put(EmbeddingTarget.attachmentChunk(file.id(), i), ANN_MODEL, vectors.get(i));
        }
        assertThat(alice().embeddings().buildApproximateIndex(ANN_MODEL)).as("an index is held").isTrue();
        int found = 0;
        for (int i = 0; i < 30; i++) {
            VectorQuery exact = VectorQuery.of(ANN_MODEL, gaussian(random, 1.0f, vectors.get(random.nextInt(400))), 10);
            List<VectorHit> expected = alice().embeddings().nearest(exact);
            List<VectorHit> approximate = alice().embeddings().nearest(exact.approximate());
            assertThat(approximate).as("query %d: ten hits", i).hasSize(10);
            List<VectorHit> all = alice().embeddings().nearest(VectorQuery.of(ANN_MODEL, exact.vector(), 400));
            for (VectorHit hit : approximate) {
                assertThat(all).as("query %d: the exact score of %s", i, hit.target()).contains(hit);
            }
            assertThat(approximate).as("query %d: in the exact order", i).isSortedAccordingTo((a, b) -> a.score() != b.score()
                    ? Double.compare(b.score(), a.score())
                    : a.target().id().equals(b.target().id()) ? Integer.compare(a.target().chunkIndex(), b.target().chunkIndex())
                    : a.target().id().compareTo(b.target().id()));
            Set<EmbeddingTarget> wanted = new HashSet<>(targets(expected));
            found += (int) approximate.stream().filter(h -> wanted.contains(h.target())).count();
        }
        assertThat(found).as("recall at 10 over 30 queries, of 300").isGreaterThanOrEqualTo(270);
    }

    /**
     * With an index built, every later write is seen by the next approximate search: a new vector, a replaced one
     * (scored as replaced), and the vectors deleted by each path (the vector, its message, its conversation, the
     * user's erase) are never returned. Look at how an index held in memory learns what changed since it was built.
     */
    @Test
    default void anApproximateSearchSeesEveryWriteAfterTheIndexWasBuilt() {
        Conversation c = newConversation(alice());
        Conversation doomed = newConversation(alice());
        List<Message> messages = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 30; i++) {
            Message m = say(alice(), (i % 3 == 0 ? doomed : c).id(), "m" + i);
            messages.add(m);
            alice().embeddings().put(EmbeddingTarget.message(m.id()), ANN_MODEL, gaussian(random, 1.0f, null));
        }
        assertThat(alice().embeddings().buildApproximateIndex(ANN_MODEL)).isTrue();
        float[] probe = gaussian(random, 1.0f, null);
        VectorQuery query = VectorQuery.of(ANN_MODEL, probe, 5).approximate();
        alice().embeddings().nearest(query);

        Message added = say(alice(), c.id(), "added");
        alice().embeddings().put(EmbeddingTarget.message(added.id()), ANN_MODEL, probe);
        assertThat(alice().embeddings().nearest(query).get(0)).as("a vector put after the build")
                .satisfies(h -> {
                    assertThat(h.target()).isEqualTo(EmbeddingTarget.message(added.id()));
                    assertThat(h.score()).isEqualTo(1.0);
                });

        EmbeddingTarget replaced = EmbeddingTarget.message(messages.get(1).id());
        float[] opposite = probe.clone();
        for (int d = 0; d < opposite.length; d++) {
            opposite[d] = -opposite[d];
        }
        alice().embeddings().put(replaced, ANN_MODEL, opposite);
        alice().embeddings().put(EmbeddingTarget.message(added.id()), ANN_MODEL, opposite);
        assertThat(targets(alice().embeddings().nearest(query))).as("replaced vectors, opposite to the query")
                .doesNotContain(replaced, EmbeddingTarget.message(added.id()));
        assertThat(alice().embeddings().nearest(VectorQuery.of(ANN_MODEL, opposite, 2).approximate()))
                .as("found by their new value").extracting(VectorHit::target)
                .containsExactlyInAnyOrder(replaced, EmbeddingTarget.message(added.id()));

        List<EmbeddingTarget> everything = targets(alice().embeddings().nearest(VectorQuery.of(ANN_MODEL, probe, 100)));
        EmbeddingTarget vectorDeleted = everything.get(0);
        alice().embeddings().delete(vectorDeleted, ANN_MODEL);
        EmbeddingTarget messageDeleted = everything.get(1);
        alice().messages().delete(messageDeleted.id());
        alice().conversations().delete(doomed.id());
        Set<String> inDoomed = new HashSet<>();
        for (int i = 0; i < messages.size(); i += 3) {
            inDoomed.add(messages.get(i).id());
        }
        List<EmbeddingTarget> after = targets(alice().embeddings().nearest(VectorQuery.of(ANN_MODEL, probe, 100).approximate()));
        assertThat(after).as("after deleting a vector, a message and a conversation")
                .doesNotContain(vectorDeleted, messageDeleted)
                .noneMatch(t -> inDoomed.contains(t.id()))
                .containsExactlyInAnyOrderElementsOf(targets(alice().embeddings().nearest(VectorQuery.of(ANN_MODEL, probe, 100))));

        alice().erase();
        assertThat(alice().embeddings().nearest(query)).as("after erase").isEmpty();
        Message again = say(alice(), newConversation(alice()).id(), "again");
        alice().embeddings().put(EmbeddingTarget.message(again.id()), ANN_MODEL, probe);
        assertThat(targets(alice().embeddings().nearest(query))).as("one put after erase")
                .containsExactly(EmbeddingTarget.message(again.id()));
    }

    /**
     * Over fewer vectors than an approximate search's candidates, with an index built, every filter (kinds, roles,
     * time, archived) gives what the exact search gives, hit for hit; a search in one conversation too.
     */
    @Test
    default void overAFewVectorsAnApproximateSearchReturnsWhatTheExactOneReturnsForEveryFilter() {
        Random random = new Random(3);
        Conversation open = newConversation(alice());
        Conversation archived = newConversation(alice());
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Conversation c = i % 4 == 0 ? archived : open;
            Message m = i % 2 == 0 ? say(alice(), c.id(), "u" + i) : append(alice(), c.id(), NewMessage.assistant("a" + i));
            messages.add(m);
            alice().embeddings().put(EmbeddingTarget.message(m.id()), ANN_MODEL, gaussian(random, 1.0f, null));
        }
        Attachment file = storedFile(alice(), "f.pdf");
        for (int i = 0; i < 6; i++) {
            alice().embeddings().put(EmbeddingTarget.attachmentChunk(file.id(), i), ANN_MODEL, gaussian(random, 1.0f, null));
        }
        alice().conversations().setArchived(archived.id(), true);
        assertThat(alice().embeddings().buildApproximateIndex(ANN_MODEL)).isTrue();
        VectorQuery base = VectorQuery.of(ANN_MODEL, gaussian(random, 1.0f, null), 8);
        List<VectorQuery> queries = List.of(base, base.kinds(EmbeddingKind.MESSAGE), base.kinds(EmbeddingKind.ATTACHMENT_CHUNK),
                base.roles(Role.ASSISTANT), base.excludeArchived(),
                base.createdBetween(messages.get(5).createdAt(), messages.get(17).createdAt()),
                base.inConversation(archived.id()), base.roles(Role.SYSTEM));
        for (VectorQuery q : queries) {
            assertThat(alice().embeddings().nearest(q.approximate())).as("%s", q).isEqualTo(alice().embeddings().nearest(q));
        }
        assertThat(bob().embeddings().nearest(base.approximate())).as("bob's search of the same model").isEmpty();
    }

    /**
     * Without an index (none built, and far fewer vectors than a store indexes on its own), an approximate search is
     * the exact one. Building one for an unknown model holds nothing; a null or blank model is refused.
     */
    @Test
    default void withoutAnIndexAnApproximateSearchIsExactAndBuildingOneChecksItsModel() {
        Random random = new Random(9);
        Attachment file = storedFile(alice(), "f.pdf");
        for (int i = 0; i < 10; i++) {
            alice().embeddings().put(EmbeddingTarget.attachmentChunk(file.id(), i), ANN_MODEL, gaussian(random, 1.0f, null));
        }
        VectorQuery q = VectorQuery.of(ANN_MODEL, gaussian(random, 1.0f, null), 4);
        assertThat(alice().embeddings().nearest(q.approximate())).isEqualTo(alice().embeddings().nearest(q));
        assertThat(alice().embeddings().buildApproximateIndex("no-such-model")).isFalse();
        assertThat(bob().embeddings().buildApproximateIndex(ANN_MODEL)).as("bob has no vector of it").isFalse();
        assertThatThrownBy(() -> alice().embeddings().buildApproximateIndex(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> alice().embeddings().buildApproximateIndex(" ")).isInstanceOf(InvalidInputException.class);
        assertThat(q.approximate()).as("a copy that differs only in exactness").isNotEqualTo(q)
                .satisfies(a -> assertThat(a.exact()).isFalse());
    }
}

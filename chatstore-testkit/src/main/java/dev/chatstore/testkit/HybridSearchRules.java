package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.ConversationFilter;
import dev.chatstore.EmbeddingKind;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.FactCategory;
import dev.chatstore.HybridHit;
import dev.chatstore.HybridQuery;
import dev.chatstore.Limits;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.SearchHit;
import dev.chatstore.TextQuery;
import dev.chatstore.UserChats;
import dev.chatstore.VectorQuery;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hybrid search: the full-text and the vector results fused by reciprocal rank fusion in one call, a
 * message found by both sides once, ranked by the sum of 1 / (k + rank) with ties by id, the same on
 * every backend, scoped to the user. The cases are built so that each side's ranks are unambiguous on
 * every backend: equal text scores (identical texts) fall back to the id order, and vector scores are
 * exact cosines.
 */
public interface HybridSearchRules extends StoreFixture {
    String HYBRID_MODEL = "hybrid-embedder";

    private static List<String> ids(List<HybridHit> hits) {
        return hits.stream().map(HybridHit::id).toList();
    }

    private static void putVector(UserChats user, Message m, float[] v) {
        user.embeddings().put(EmbeddingTarget.message(m.id()), HYBRID_MODEL, v);
    }

    /**
     * A message that is the best match of both sides comes first, once, with both hits and rank 1 on both sides,
     * scoring 2 / (60 + 1); messages found by one side follow. Look at the identity of a text hit and a vector
     * hit (the message id) and the fused score.
     */
    @Test
    default void aMessageStrongOnBothSidesRanksFirst() {
        String c = newConversation(alice()).id();
        Message strong = say(alice(), c, "Fado in Alfama tonight: fado, fado and more fado");
        Message wordy = say(alice(), c, "Somebody once mentioned fado to me in passing, during a very long dinner about other things");
        Message unrelated = say(alice(), c, "The tram to Belem leaves at nine");
        putVector(alice(), strong, new float[] {1, 0, 0});
        putVector(alice(), wordy, new float[] {0, 0, 1});
        putVector(alice(), unrelated, new float[] {1, 1, 0});
        List<HybridHit> hits = alice().search().hybrid(HybridQuery.of(TextQuery.of("fado"),
                VectorQuery.of(HYBRID_MODEL, new float[] {1, 0, 0}, 1)));

        assertThat(ids(hits)).as("every message once: found by text, by vector or by both")
                .hasSize(3).doesNotHaveDuplicates().containsExactlyInAnyOrder(strong.id(), wordy.id(), unrelated.id());
        HybridHit first = hits.get(0);
        assertThat(first.id()).as("the message best on both sides is first").isEqualTo(strong.id());
        assertThat(first.textRank()).as("its text rank").isEqualTo(1);
        assertThat(first.vectorRank()).as("its vector rank").isEqualTo(1);
        assertThat(first.score()).as("fused score 1/61 + 1/61").isEqualTo(1.0 / 61 + 1.0 / 61);
        assertThat(first.text().kind()).as("its text hit").isEqualTo(SearchHit.Kind.MESSAGE);
        assertThat(first.text().id()).as("its text hit's id").isEqualTo(strong.id());
        assertThat(first.vector().target()).as("its vector hit").isEqualTo(EmbeddingTarget.message(strong.id()));
        assertThat(first.vector().score()).as("its cosine").isEqualTo(1.0);
        assertThat(first.conversationId()).as("its conversation").isEqualTo(c);
        assertThat(hits).extracting(HybridHit::score).as("best first").isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(hits.get(1).id()).as("second: text rank 2 and vector rank 3 beat vector rank 2 alone")
                .isEqualTo(wordy.id());
        assertThat(hits.get(2)).as("third: the tram message, found by its vector only").satisfies(h -> {
            assertThat(h.id()).isEqualTo(unrelated.id());
            assertThat(h.text()).as("no text hit").isNull();
            assertThat(h.textRank()).as("no text rank").isZero();
            assertThat(h.vectorRank()).as("vector rank").isEqualTo(2);
            assertThat(h.score()).as("1/62").isEqualTo(1.0 / 62);
        });
    }

    /**
     * The text query's conversation filter restricts the text side only: a message outside the filtered
     * conversations is no text hit, yet still a vector hit. Look at how the text query reaches the text side.
     */
    @Test
    default void aConversationFilterRestrictsTheTextSideOnly() {
        Conversation red = alice().conversations().create(NewConversation.untitled().withMetadata(Map.of("team", "red")));
        Conversation blue = alice().conversations().create(NewConversation.untitled().withMetadata(Map.of("team", "blue")));
        Message inRed = say(alice(), red.id(), "fado night");
        Message inBlue = say(alice(), blue.id(), "fado night");
        putVector(alice(), inBlue, new float[] {1, 0, 0});
        List<HybridHit> hits = alice().search().hybrid(HybridQuery.of(
                TextQuery.of("fado").inConversations(ConversationFilter.metadataEquals("team", "red")),
                VectorQuery.of(HYBRID_MODEL, new float[] {1, 0, 0}, 1)));
        assertThat(hits).extracting(HybridHit::id).containsExactlyInAnyOrder(inRed.id(), inBlue.id());
        assertThat(hits).filteredOn(h -> h.id().equals(inRed.id())).singleElement().satisfies(h -> {
            assertThat(h.textRank()).as("the red message: text rank").isEqualTo(1);
            assertThat(h.vector()).as("no vector").isNull();
        });
        assertThat(hits).filteredOn(h -> h.id().equals(inBlue.id())).singleElement().satisfies(h -> {
            assertThat(h.text()).as("the blue message: no text hit, the filter leaves it out").isNull();
            assertThat(h.vectorRank()).as("its vector rank").isEqualTo(1);
        });
    }

    /**
     * A hit of one side only still appears: a conversation title and a message found by text only, a fact and an
     * attachment chunk found by vector only; a model without vectors leaves the text side alone, and words nothing
     * contains leave the vector side alone. Look at how each side's hits enter the fusion.
     */
    @Test
    default void aHitOfOneSideOnlyStillAppears() {
        Conversation c = alice().conversations().create(NewConversation.titled("Quokka island trip"));
        Message textOnly = say(alice(), c.id(), "We saw a quokka near the ferry");
        MemoryFact fact = alice().facts().add(NewFact.of(FactCategory.PREFERENCE, "likes small marsupials", 0.9));
        Attachment file = storedFile(alice(), "guide.pdf");
        alice().embeddings().put(EmbeddingTarget.fact(fact.id()), HYBRID_MODEL, new float[] {1, 0});
        alice().embeddings().put(EmbeddingTarget.attachmentChunk(file.id(), 2), HYBRID_MODEL, new float[] {1, 1}, "chunk");
        List<HybridHit> hits = alice().search().hybrid(HybridQuery.of(TextQuery.of("quokka"),
                VectorQuery.of(HYBRID_MODEL, new float[] {1, 0}, 1)));

        assertThat(hits).as("two text hits and two vector hits, none on both sides").hasSize(4);
        assertThat(hits).filteredOn(h -> h.text() != null).as("the text hits")
                .extracting(h -> h.text().kind(), HybridHit::id, HybridHit::vector)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SearchHit.Kind.CONVERSATION_TITLE, c.id(), null),
                        org.assertj.core.groups.Tuple.tuple(SearchHit.Kind.MESSAGE, textOnly.id(), null));
        assertThat(hits).filteredOn(h -> h.vector() != null).as("the vector hits, best first")
                .extracting(h -> h.vector().target())
                .containsExactly(EmbeddingTarget.fact(fact.id()), EmbeddingTarget.attachmentChunk(file.id(), 2));
        HybridHit chunk = hits.stream().filter(h -> h.vector() != null
                && h.vector().target().kind() == EmbeddingKind.ATTACHMENT_CHUNK).findFirst().orElseThrow();
        assertThat(chunk.id()).as("a chunk's id is its attachment's").isEqualTo(file.id());
        assertThat(chunk.conversationId()).as("a chunk has no conversation").isNull();
        assertThat(chunk.score()).as("vector rank 2: 1/62").isEqualTo(1.0 / 62);

        assertThat(alice().search().hybrid(HybridQuery.of(TextQuery.of("quokka"),
                VectorQuery.of("no-such-model", new float[] {1, 0}, 1))))
                .as("a model without vectors: the text hits only").hasSize(2).allSatisfy(h -> {
                    assertThat(h.vector()).isNull();
                    assertThat(h.vectorRank()).isZero();
                });
        assertThat(alice().search().hybrid(HybridQuery.of(TextQuery.of("wombat"),
                VectorQuery.of(HYBRID_MODEL, new float[] {1, 0}, 1))))
                .as("words nothing contains: the vector hits only").extracting(HybridHit::id)
                .containsExactly(fact.id(), file.id());
    }

    /**
     * The fusion on ranks known in advance: three identical texts (text ranks by id) and vectors ranking a fourth
     * message first, then the texts' last two in reverse. Scores are exactly 1/(k + rank) summed; equal scores are
     * ordered by id; the constant k, the limit and the candidates change the result as RRF says. Look at the
     * fused score's arithmetic and the tie-break.
     */
    @Test
    default void fusionFollowsTheRanksOnAConstructedExample() {
        String c = newConversation(alice()).id();
        List<Message> texts = Stream.of(say(alice(), c, "capybara"), say(alice(), c, "capybara"), say(alice(), c, "capybara"))
                .sorted(Comparator.comparing(Message::id)).toList();
        Message vectorFirst = say(alice(), c, "a rodent of another name");
        Message t1 = texts.get(0);
        Message t2 = texts.get(1);
        Message t3 = texts.get(2);
        putVector(alice(), vectorFirst, new float[] {1, 0});
        putVector(alice(), t3, new float[] {1, 1});
        putVector(alice(), t2, new float[] {0, 1});
        putVector(alice(), t1, new float[] {-1, 0});
        TextQuery words = TextQuery.of("capybara");
        VectorQuery vector = VectorQuery.of(HYBRID_MODEL, new float[] {1, 0}, 1);
        // Text ranks: t1 1, t2 2, t3 3. Vector ranks: vectorFirst 1, t3 2, t2 3, t1 4.
        List<HybridHit> hits = alice().search().hybrid(HybridQuery.of(words, vector));
        assertThat(hits).as("ranks on each side").extracting(HybridHit::id, HybridHit::textRank, HybridHit::vectorRank)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(t1.id(), 1, 4),
                        org.assertj.core.groups.Tuple.tuple(t2.id(), 2, 3),
                        org.assertj.core.groups.Tuple.tuple(t3.id(), 3, 2),
                        org.assertj.core.groups.Tuple.tuple(vectorFirst.id(), 0, 1));
        // t1: 1/61 + 1/64; t2: 1/62 + 1/63 = t3: 1/63 + 1/62; vectorFirst: 1/61.
        assertThat(ids(hits)).as("k = 60: t1, then t2 and t3 tied (by id), then the vector-only message")
                .containsExactly(t1.id(), t2.id(), t3.id(), vectorFirst.id());
        assertThat(hits).extracting(HybridHit::score).as("k = 60 scores")
                .containsExactly(1.0 / 61 + 1.0 / 64, 1.0 / 62 + 1.0 / 63, 1.0 / 63 + 1.0 / 62, 1.0 / 61);

        List<HybridHit> sharp = alice().search().hybrid(HybridQuery.of(words, vector).rankConstant(0));
        // k = 0: t1 1 + 1/4 = 1.25; vectorFirst 1; t2 = t3 = 1/2 + 1/3.
        assertThat(ids(sharp)).as("k = 0: the top ranks weigh more").containsExactly(t1.id(), vectorFirst.id(), t2.id(), t3.id());
        assertThat(sharp).extracting(HybridHit::score).as("k = 0 scores")
                .containsExactly(1.0 + 1.0 / 4, 1.0, 1.0 / 2 + 1.0 / 3, 1.0 / 3 + 1.0 / 2);

        assertThat(ids(alice().search().hybrid(HybridQuery.of(words, vector).limit(2)))).as("limit 2: the first two")
                .containsExactly(t1.id(), t2.id());
        List<HybridHit> one = alice().search().hybrid(HybridQuery.of(words, vector).candidates(1));
        assertThat(one).as("one candidate a side: t1 by text, vectorFirst by vector, tied at 1/61, by id")
                .extracting(HybridHit::id, HybridHit::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(t1.id(), 1.0 / 61),
                        org.assertj.core.groups.Tuple.tuple(vectorFirst.id(), 1.0 / 61));
        assertThat(t1.id()).as("the tie-break needs the text message to have the smaller id").isLessThan(vectorFirst.id());
        assertThat(alice().search().hybrid(HybridQuery.of(words.onlyRoles(dev.chatstore.Role.ASSISTANT), vector
                .kinds(EmbeddingKind.FACT)))).as("each side's own filters apply").isEmpty();
    }

    /**
     * Bob's hybrid search, with alice's words and vector and the same model, finds only his own messages and
     * vectors: look at the user scope of both sides.
     */
    @Test
    default void hybridSearchSeesOnlyTheUsersOwnData() {
        String hers = newConversation(alice()).id();
        Message aliceMessage = say(alice(), hers, "okapi sighting");
        putVector(alice(), aliceMessage, new float[] {1, 0});
        HybridQuery query = HybridQuery.of(TextQuery.of("okapi"), VectorQuery.of(HYBRID_MODEL, new float[] {1, 0}, 1));
        assertThat(bob().search().hybrid(query)).as("bob has nothing").isEmpty();
        Message bobsText = say(bob(), newConversation(bob()).id(), "an okapi, said bob");
        Message bobsVector = say(bob(), newConversation(bob()).id(), "something else");
        putVector(bob(), bobsVector, new float[] {1, 0});
        assertThat(ids(bob().search().hybrid(query))).as("bob finds only his own")
                .containsExactlyInAnyOrder(bobsText.id(), bobsVector.id());
        assertThat(ids(store().forUser("ALICE").search().hybrid(query))).as("ALICE is not alice").isEmpty();
        assertThat(alice().search().hybrid(query)).as("alice finds hers, on both sides").singleElement()
                .satisfies(h -> {
                    assertThat(h.id()).isEqualTo(aliceMessage.id());
                    assertThat(h.textRank()).isEqualTo(1);
                    assertThat(h.vectorRank()).isEqualTo(1);
                });
    }

    /** The query's defaults are the documented ones: look at HybridQuery.of. */
    @Test
    default void hybridQueryDefaults() {
        HybridQuery q = HybridQuery.of(TextQuery.of("x"), VectorQuery.of(HYBRID_MODEL, new float[] {1}, 7));
        assertThat(q.limit()).as("limit").isEqualTo(Limits.HYBRID_LIMIT_DEFAULT);
        assertThat(q.candidates()).as("candidates").isEqualTo(Limits.HYBRID_CANDIDATES_DEFAULT);
        assertThat(q.rankConstant()).as("the RRF constant").isEqualTo(60).isEqualTo(Limits.RRF_CONSTANT_DEFAULT);
    }
}

package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.Embedding;
import dev.chatstore.EmbeddingKind;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.FactCategory;
import dev.chatstore.Limits;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.UserChats;
import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Embeddings and exact semantic search: vectors stored bit for bit per target and model, replaced,
 * ranked by cosine with ties by target id, filtered by conversation, kind, role, time and archived
 * state; models and dimensions never mix; vectors go with their message, conversation, fact,
 * attachment and user.
 */
public interface EmbeddingRules extends StoreFixture {
    String MODEL = "test-embedder";

    private static List<EmbeddingTarget> targets(List<VectorHit> hits) {
        return hits.stream().map(VectorHit::target).toList();
    }

    private List<EmbeddingTarget> nearest(UserChats user, VectorQuery query) {
        return targets(user.embeddings().nearest(query));
    }

    private static EmbeddingTarget of(Message m) {
        return EmbeddingTarget.message(m.id());
    }

    /**
     * put stores the float32 components bit for bit (negative zero, the smallest subnormal, the largest float,
     * values with no short decimal form) with clock times and the message's conversation, and get returns exactly
     * what put returned: look at the little-endian encoding and the BLOB/bytea column.
     */
    @Test
    default void putStoresTheVectorBitForBit() {
        Conversation c = newConversation(alice());
        Message m = say(alice(), c.id(), "hello");
        float[] v = {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1f / 3, (float) Math.PI, -1e-30f,
                Float.MIN_NORMAL, 0.1f, 123456.79f};
        Embedding stored = alice().embeddings().put(of(m), MODEL, v);
        assertThat(stored.target()).as("target").isEqualTo(of(m));
        assertThat(stored.model()).as("model").isEqualTo(MODEL);
        assertThat(stored.dimension()).as("dimension").isEqualTo(v.length);
        for (int i = 0; i < v.length; i++) {
            assertThat(Float.floatToRawIntBits(stored.vector()[i])).as("bits of component %d", i)
                    .isEqualTo(Float.floatToRawIntBits(v[i]));
        }
        assertThat(stored.conversationId()).as("the message's conversation").isEqualTo(c.id());
        assertThat(stored.chunkText()).as("no chunk text").isNull();
        assertThat(stored.createdAt()).as("createdAt from the clock").isEqualTo(clock().now());
        assertThat(stored.updatedAt()).as("updatedAt from the clock").isEqualTo(clock().now());
        assertThat(alice().embeddings().get(of(m), MODEL)).as("get returns what put returned").contains(stored);
        v[0] = 42;
        assertThat(alice().embeddings().get(of(m), MODEL).orElseThrow().vector()[0]).as("the caller's array is copied")
                .isEqualTo(-0.0f);
    }

    /** The largest dimension round-trips exactly: look at the column size and the row storage. */
    @Test
    default void theLargestDimensionRoundTrips() {
        Message m = say(alice(), newConversation(alice()).id(), "long");
        float[] v = new float[Limits.EMBEDDING_DIMENSION_MAX];
        Random random = new Random(7);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        alice().embeddings().put(of(m), MODEL, v);
        assertThat(alice().embeddings().get(of(m), MODEL).orElseThrow().vector()).as("every component").isEqualTo(v);
        assertThat(alice().embeddings().nearest(VectorQuery.of(MODEL, v, 1)).get(0).score()).as("cosine with itself")
                .isCloseTo(1.0, within(1e-12));
    }

    /**
     * put on a target and model already stored replaces the vector (and chunk text) and keeps the creation time;
     * another model of the same target is a separate vector: look at the upsert's conflict target.
     */
    @Test
    default void putReplacesTheVectorOfTheSameTargetAndModel() {
        Attachment file = storedFile(alice(), "a.pdf");
        EmbeddingTarget chunk = EmbeddingTarget.attachmentChunk(file.id(), 3);
        Embedding first = alice().embeddings().put(chunk, MODEL, new float[] {1, 0}, "first text");
        Instant created = clock().now();
        clock().advance(Duration.ofSeconds(5));
        alice().embeddings().put(chunk, "other-model", new float[] {0, 0, 1});
        Embedding second = alice().embeddings().put(chunk, MODEL, new float[] {0, 1}, "second text");
        assertThat(first.chunkText()).as("chunk text kept").isEqualTo("first text");
        assertThat(second.vector()).as("the new vector").isEqualTo(new float[] {0, 1});
        assertThat(second.chunkText()).as("the new chunk text").isEqualTo("second text");
        assertThat(second.createdAt()).as("creation time kept").isEqualTo(created);
        assertThat(second.updatedAt()).as("replacement time").isEqualTo(clock().now());
        assertThat(alice().embeddings().get(chunk, MODEL)).as("get").contains(second);
        assertThat(alice().embeddings().get(chunk, "other-model").orElseThrow().vector()).as("the other model's vector")
                .isEqualTo(new float[] {0, 0, 1});
        assertThat(alice().embeddings().nearest(VectorQuery.of(MODEL, new float[] {1, 0}, 10))).as("one vector per target")
                .singleElement().satisfies(h -> assertThat(h.score()).as("scored against the new vector").isEqualTo(0.0));
        assertThat(alice().embeddings().delete(chunk, MODEL)).as("delete").isTrue();
        assertThat(alice().embeddings().delete(chunk, MODEL)).as("a second delete").isFalse();
        assertThat(alice().embeddings().get(chunk, MODEL)).as("gone").isEmpty();
        assertThat(alice().embeddings().get(chunk, "other-model")).as("the other model's vector stays").isPresent();
    }

    /**
     * nearest ranks by cosine, highest first, scale-invariant, with equal scores ordered by target id whatever the
     * order they were stored in, and returns at most k: look at the scorer and the tie-break.
     */
    @Test
    default void nearestRanksByCosineWithTiesByTargetId() {
        List<Message> ms = fill(alice(), newConversation(alice()).id(), 6);
        float[][] vectors = {{0, 1, 0}, {1, 1, 0}, {-1, 0, 0}, {2, 0, 0}, {0.5f, 0, 0}, {1, 0, 0}};
        for (int i = ms.size() - 1; i >= 0; i--) {
            alice().embeddings().put(of(ms.get(i)), MODEL, vectors[i]);
        }
        List<String> parallel = new ArrayList<>(List.of(ms.get(3).id(), ms.get(4).id(), ms.get(5).id()));
        parallel.sort(Comparator.naturalOrder());
        List<VectorHit> hits = alice().embeddings().nearest(VectorQuery.of(MODEL, new float[] {3, 0, 0}, 10));
        assertThat(hits).as("every vector").hasSize(6);
        assertThat(hits.subList(0, 3)).as("the three parallel vectors score exactly 1, ordered by id")
                .extracting(h -> h.target().id()).containsExactlyElementsOf(parallel);
        assertThat(hits.subList(0, 3)).extracting(VectorHit::score).as("scores of parallel vectors").containsOnly(1.0);
        assertThat(hits.subList(3, 6)).extracting(VectorHit::target).as("then 45°, 90° and 180°")
                .containsExactly(of(ms.get(1)), of(ms.get(0)), of(ms.get(2)));
        assertThat(hits.get(3).score()).as("cos 45°").isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(hits.get(4).score()).as("cos 90°").isEqualTo(0.0);
        assertThat(hits.get(5).score()).as("cos 180°").isEqualTo(-1.0);
        assertThat(hits).extracting(VectorHit::conversationId).as("each hit's conversation").containsOnly(ms.get(0).conversationId());
        assertThat(nearest(alice(), VectorQuery.of(MODEL, new float[] {3, 0, 0}, 2))).as("k = 2: the first two")
                .containsExactly(EmbeddingTarget.message(parallel.get(0)), EmbeddingTarget.message(parallel.get(1)));
        String firstOfTheOrthogonal = ms.subList(2, 6).stream().map(Message::id).min(Comparator.naturalOrder()).orElseThrow();
        assertThat(nearest(alice(), VectorQuery.of(MODEL, new float[] {0, -1, 0}, 1)))
                .as("k = 1 nearest to -y: of the four orthogonal vectors (score 0), the one with the smallest id")
                .containsExactly(EmbeddingTarget.message(firstOfTheOrthogonal));
    }

    /** Scores are the cosine similarity, to double precision, for arbitrary vectors: look at the scorer's arithmetic. */
    @Test
    default void scoresAreTheCosineSimilarity() {
        List<Message> ms = fill(alice(), newConversation(alice()).id(), 20);
        Random random = new Random(11);
        float[][] vectors = new float[ms.size()][];
        for (int i = 0; i < ms.size(); i++) {
            vectors[i] = new float[17];
            for (int j = 0; j < 17; j++) {
                vectors[i][j] = (float) random.nextGaussian();
            }
            alice().embeddings().put(of(ms.get(i)), MODEL, vectors[i]);
        }
        float[] q = vectors[0].clone();
        q[3] += 0.5f;
        List<VectorHit> hits = alice().embeddings().nearest(VectorQuery.of(MODEL, q, 20));
        assertThat(hits).as("all 20").hasSize(20);
        for (VectorHit hit : hits) {
            int i = ms.stream().map(Message::id).toList().indexOf(hit.target().id());
            assertThat(hit.score()).as("score of vector %d", i).isCloseTo(cosine(q, vectors[i]), within(1e-9));
        }
        assertThat(hits).extracting(VectorHit::score).as("highest first").isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(hits.get(0).target()).as("the perturbed vector is nearest").isEqualTo(of(ms.get(0)));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na) / Math.sqrt(nb);
    }

    /**
     * The filters: a conversation (its messages, the facts learned in it, the chunks of files linked to it), kinds,
     * roles (message vectors only), a creation time range [from, to) and archived conversations. Look at the
     * candidate statement's conditions.
     */
    @Test
    default void nearestFiltersByConversationKindRoleTimeAndArchived() {
        Conversation c1 = newConversation(alice());
        Conversation c2 = newConversation(alice());
        Instant start = clock().now();
        Message user1 = say(alice(), c1.id(), "u1");
        clock().advance(Duration.ofSeconds(10));
        Instant middle = clock().now();
        Message assistant1 = append(alice(), c1.id(), NewMessage.assistant("a1"));
        Message user2 = say(alice(), c2.id(), "u2");
        MemoryFact learned = alice().facts().add(NewFact.of(FactCategory.FACT, "learned in c1", 0.5).learnedIn(c1.id()));
        MemoryFact plain = alice().facts().add(NewFact.of(FactCategory.FACT, "plain", 0.5));
        Attachment linked = storedFile(alice(), "linked.pdf");
        alice().attachments().linkToConversation(linked.id(), c1.id());
        Attachment loose = storedFile(alice(), "loose.pdf");
        float[] v = {1, 0};
        List<EmbeddingTarget> all = List.of(of(user1), of(assistant1), of(user2), EmbeddingTarget.fact(learned.id()),
                EmbeddingTarget.fact(plain.id()), EmbeddingTarget.attachmentChunk(linked.id(), 0),
                EmbeddingTarget.attachmentChunk(loose.id(), 0));
        all.forEach(t -> alice().embeddings().put(t, MODEL, v));
        VectorQuery q = VectorQuery.of(MODEL, v, 100);

        assertThat(nearest(alice(), q)).as("no filter").containsExactlyInAnyOrderElementsOf(all);
        assertThat(nearest(alice(), q.inConversation(c1.id()))).as("conversation c1")
                .containsExactlyInAnyOrder(of(user1), of(assistant1), EmbeddingTarget.fact(learned.id()),
                        EmbeddingTarget.attachmentChunk(linked.id(), 0));
        assertThat(nearest(alice(), q.inConversation(c2.id()))).as("conversation c2").containsExactly(of(user2));
        assertThat(nearest(alice(), q.inConversation(unknownId()))).as("an unknown conversation").isEmpty();
        assertThat(nearest(alice(), q.kinds(EmbeddingKind.FACT))).as("facts only")
                .containsExactlyInAnyOrder(EmbeddingTarget.fact(learned.id()), EmbeddingTarget.fact(plain.id()));
        assertThat(nearest(alice(), q.kinds(EmbeddingKind.MESSAGE, EmbeddingKind.ATTACHMENT_CHUNK)))
                .as("messages and chunks").hasSize(5).doesNotContain(EmbeddingTarget.fact(plain.id()));
        assertThat(nearest(alice(), q.kinds(EmbeddingKind.MESSAGE).roles(Role.USER))).as("user messages")
                .containsExactlyInAnyOrder(of(user1), of(user2));
        assertThat(nearest(alice(), q.roles(Role.ASSISTANT))).as("assistant messages, facts and chunks unfiltered by role")
                .hasSize(5).contains(of(assistant1)).doesNotContain(of(user1), of(user2));
        assertThat(nearest(alice(), q.roles(Role.SYSTEM, Role.TOOL).kinds(EmbeddingKind.MESSAGE))).as("no such roles").isEmpty();
        assertThat(nearest(alice(), q.createdBetween(start, middle))).as("created in [start, middle)")
                .containsExactly(of(user1));
        assertThat(nearest(alice(), q.createdBetween(middle, null))).as("created from middle on")
                .hasSize(6).doesNotContain(of(user1));
        assertThat(nearest(alice(), q.createdBetween(null, start))).as("created before start").isEmpty();

        alice().conversations().setArchived(c1.id(), true);
        assertThat(nearest(alice(), q)).as("archived conversations are searched by default").hasSize(7);
        assertThat(nearest(alice(), q.excludeArchived())).as("without archived conversations")
                .containsExactlyInAnyOrder(of(user2), EmbeddingTarget.fact(plain.id()),
                        EmbeddingTarget.attachmentChunk(linked.id(), 0), EmbeddingTarget.attachmentChunk(loose.id(), 0));
    }

    /**
     * Vectors of different models never mix, even on one target, and a model's dimension is fixed by its first
     * vector: another dimension is rejected for put and query and changes nothing, while another user may use the
     * same model name with another dimension. Look at the model condition and the embedding_model check.
     */
    @Test
    default void modelsAndDimensionsNeverMix() {
        List<Message> ms = fill(alice(), newConversation(alice()).id(), 2);
        alice().embeddings().put(of(ms.get(0)), "model-a", new float[] {1, 0, 0});
        alice().embeddings().put(of(ms.get(0)), "model-b", new float[] {1, 0});
        alice().embeddings().put(of(ms.get(1)), "model-b", new float[] {0, 1});
        assertThat(nearest(alice(), VectorQuery.of("model-a", new float[] {1, 0, 0}, 10))).as("model-a only")
                .containsExactly(of(ms.get(0)));
        assertThat(nearest(alice(), VectorQuery.of("model-b", new float[] {0, 1}, 10))).as("model-b only")
                .containsExactly(of(ms.get(1)), of(ms.get(0)));
        assertThat(nearest(alice(), VectorQuery.of("Model-A", new float[] {1, 0, 0}, 10))).as("model names are exact")
                .isEmpty();
        assertThat(nearest(alice(), VectorQuery.of("never-used", new float[] {1}, 10))).as("an unknown model").isEmpty();
        expectInvalid("vector", () -> alice().embeddings().put(of(ms.get(1)), "model-a", new float[] {1, 0}));
        expectInvalid("vector", () -> alice().embeddings().put(of(ms.get(0)), "model-a", new float[] {1, 0, 0, 0}));
        expectInvalid("vector", () -> alice().embeddings().nearest(VectorQuery.of("model-a", new float[] {1, 0}, 10)));
        assertThat(alice().embeddings().get(of(ms.get(1)), "model-a")).as("the rejected put stored nothing").isEmpty();
        assertThat(alice().embeddings().get(of(ms.get(0)), "model-a").orElseThrow().vector()).as("and replaced nothing")
                .isEqualTo(new float[] {1, 0, 0});
        alice().embeddings().delete(of(ms.get(0)), "model-a");
        expectInvalid("vector", () -> alice().embeddings().put(of(ms.get(0)), "model-a", new float[] {1, 0}));
        Message bobs = say(bob(), newConversation(bob()).id(), "b");
        bob().embeddings().put(of(bobs), "model-a", new float[] {1, 0, 0, 0, 0});
        assertThat(nearest(bob(), VectorQuery.of("model-a", new float[] {0, 0, 0, 0, 1}, 10))).as("bob's own dimension")
                .containsExactly(of(bobs));
    }

    /** A vector goes with its message: look at the embedding's foreign key to the message (ON DELETE CASCADE). */
    @Test
    default void deletingAMessageDeletesItsVectors() {
        List<Message> ms = fill(alice(), newConversation(alice()).id(), 2);
        ms.forEach(m -> alice().embeddings().put(of(m), MODEL, new float[] {1, 1}));
        alice().embeddings().put(of(ms.get(0)), "second-model", new float[] {1});
        assertThat(alice().messages().delete(ms.get(0).id())).as("delete the message").isTrue();
        assertThat(alice().embeddings().get(of(ms.get(0)), MODEL)).as("its vector").isEmpty();
        assertThat(alice().embeddings().get(of(ms.get(0)), "second-model")).as("its other model's vector").isEmpty();
        assertThat(nearest(alice(), VectorQuery.of(MODEL, new float[] {1, 1}, 10))).as("search")
                .containsExactly(of(ms.get(1)));
    }

    /**
     * Deleting a conversation deletes its messages' vectors; a fact learned in it keeps its vector, no longer in a
     * conversation: look at the cascades from message and conversation.
     */
    @Test
    default void deletingAConversationDeletesItsMessageVectors() {
        Conversation c = newConversation(alice());
        Message m = say(alice(), c.id(), "x");
        Message other = say(alice(), newConversation(alice()).id(), "y");
        MemoryFact f = alice().facts().add(NewFact.of(FactCategory.GOAL, "g", 1).learnedFrom(c.id(), m.id()));
        alice().embeddings().put(of(m), MODEL, new float[] {1, 0});
        alice().embeddings().put(of(other), MODEL, new float[] {1, 0});
        alice().embeddings().put(EmbeddingTarget.fact(f.id()), MODEL, new float[] {1, 0});
        assertThat(alice().embeddings().get(EmbeddingTarget.fact(f.id()), MODEL).orElseThrow().conversationId())
                .as("the fact's vector is in its source conversation").isEqualTo(c.id());
        assertThat(alice().conversations().delete(c.id())).as("delete the conversation").isTrue();
        assertThat(alice().embeddings().get(of(m), MODEL)).as("the message's vector").isEmpty();
        assertThat(alice().embeddings().get(EmbeddingTarget.fact(f.id()), MODEL).orElseThrow().conversationId())
                .as("the fact's vector stays, without a conversation").isNull();
        assertThat(alice().embeddings().nearest(VectorQuery.of(MODEL, new float[] {1, 0}, 10)))
                .as("search: the other message and the fact").extracting(VectorHit::target)
                .containsExactlyInAnyOrder(of(other), EmbeddingTarget.fact(f.id()));
    }

    /** Vectors go with their fact and with their attachment: look at those foreign keys (ON DELETE CASCADE). */
    @Test
    default void deletingAFactOrAnAttachmentDeletesItsVectors() {
        MemoryFact f = alice().facts().add(NewFact.of(FactCategory.FACT, "f", 0.5));
        MemoryFact kept = alice().facts().add(NewFact.of(FactCategory.FACT, "kept", 0.5));
        Attachment file = storedFile(alice(), "doc.pdf");
        Attachment keptFile = storedFile(alice(), "kept.pdf");
        for (int chunk = 0; chunk < 3; chunk++) {
            alice().embeddings().put(EmbeddingTarget.attachmentChunk(file.id(), chunk), MODEL, new float[] {1, chunk}, "c" + chunk);
        }
        alice().embeddings().put(EmbeddingTarget.attachmentChunk(keptFile.id(), 0), MODEL, new float[] {1, 0});
        alice().embeddings().put(EmbeddingTarget.fact(f.id()), MODEL, new float[] {1, 0});
        alice().embeddings().put(EmbeddingTarget.fact(kept.id()), MODEL, new float[] {1, 0});
        assertThat(alice().facts().delete(f.id())).as("delete the fact").isTrue();
        assertThat(alice().attachments().delete(file.id())).as("delete the attachment").isTrue();
        assertThat(alice().embeddings().get(EmbeddingTarget.fact(f.id()), MODEL)).as("the fact's vector").isEmpty();
        assertThat(alice().embeddings().get(EmbeddingTarget.attachmentChunk(file.id(), 1), MODEL)).as("a chunk's vector").isEmpty();
        assertThat(nearest(alice(), VectorQuery.of(MODEL, new float[] {1, 0}, 10))).as("search")
                .containsExactlyInAnyOrder(EmbeddingTarget.fact(kept.id()), EmbeddingTarget.attachmentChunk(keptFile.id(), 0));
    }

    /**
     * erase deletes every vector of the user and frees the model's dimension; another user's vectors stay: look at
     * the erase statements for embedding and embedding_model.
     */
    @Test
    default void eraseDeletesTheUsersVectors() {
        SeededUser a = seed(alice());
        SeededUser b = seed(bob());
        for (SeededUser s : List.of(a, b)) {
            s.user().embeddings().put(of(s.request()), MODEL, new float[] {1, 0});
            s.user().embeddings().put(EmbeddingTarget.fact(s.plainFact().id()), MODEL, new float[] {0, 1});
            s.user().embeddings().put(EmbeddingTarget.attachmentChunk(s.orphanFile().id(), 0), MODEL, new float[] {1, 1});
        }
        alice().erase();
        assertThat(nearest(alice(), VectorQuery.of(MODEL, new float[] {1, 0}, 10))).as("alice's vectors").isEmpty();
        assertThat(alice().embeddings().get(of(a.request()), MODEL)).as("alice's message vector").isEmpty();
        assertThat(nearest(bob(), VectorQuery.of(MODEL, new float[] {1, 0}, 10))).as("bob's vectors").hasSize(3);
        Message again = say(alice(), newConversation(alice()).id(), "again");
        alice().embeddings().put(of(again), MODEL, new float[] {1, 2, 3});
        assertThat(nearest(alice(), VectorQuery.of(MODEL, new float[] {1, 2, 3}, 10))).as("the model's dimension was freed")
                .containsExactly(of(again));
    }

    /** put on an unknown target is NotFoundException and stores nothing; get and delete find nothing. */
    @Test
    default void unknownTargetsAreNotFound() {
        for (EmbeddingTarget t : List.of(EmbeddingTarget.message(unknownId()), EmbeddingTarget.fact(unknownId()),
                EmbeddingTarget.attachmentChunk(unknownId(), 0))) {
            expectNotFound("put on an unknown " + t.kind(), () -> alice().embeddings().put(t, MODEL, new float[] {1}));
            assertThat(alice().embeddings().get(t, MODEL)).as("get of an unknown %s", t.kind()).isEmpty();
            assertThat(alice().embeddings().delete(t, MODEL)).as("delete of an unknown %s", t.kind()).isFalse();
        }
        assertThat(nearest(alice(), VectorQuery.of(MODEL, new float[] {1}, 10))).as("nothing stored").isEmpty();
        Message m = say(alice(), newConversation(alice()).id(), "x");
        alice().embeddings().put(of(m), MODEL, new float[] {1, 2});
        assertThat(nearest(alice(), VectorQuery.of(MODEL, new float[] {1, 2}, 10))).as("the failed puts fixed no dimension")
                .containsExactly(of(m));
    }
}

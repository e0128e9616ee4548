package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.FactCategory;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.NewFact;
import dev.chatstore.UserChats;
import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Semantic search is exact right after every write, also when an implementation serves it from
 * memory: each rule searches first (so whatever a store keeps is warm), then writes, then searches
 * again. Vectors deleted by any path (the vector itself, its message, its conversation, its fact,
 * its attachment, the user's erase) are never returned; a replaced vector is scored as replaced; a
 * new one is found; archiving and linking change what the filters pass.
 */
public interface EmbeddingFreshnessRules extends StoreFixture {
    String FRESH_MODEL = "freshness-embedder";

    private static List<EmbeddingTarget> nearest(UserChats user, VectorQuery query) {
        return user.embeddings().nearest(query).stream().map(VectorHit::target).toList();
    }

    private static VectorQuery all() {
        return VectorQuery.of(FRESH_MODEL, new float[] {1, 0}, 100);
    }

    /**
     * After a search, each delete path in turn (the vector, a message, a conversation, a fact, an attachment) and
     * the next search no longer returns what it deleted, and a fact learned in the deleted conversation is no longer
     * in it. Look at what tells a kept copy of the vectors that they changed: every path must, cascades included.
     */
    @Test
    default void aSearchAfterEveryDeletePathNeverReturnsTheDeletedVectors() {
        Conversation kept = newConversation(alice());
        Conversation doomed = newConversation(alice());
        Message vectorDeleted = say(alice(), kept.id(), "vector deleted");
        Message messageDeleted = say(alice(), kept.id(), "message deleted");
        Message survivor = say(alice(), kept.id(), "survivor");
        Message inDoomed = say(alice(), doomed.id(), "in the doomed conversation");
        MemoryFact learnedInDoomed = alice().facts().add(NewFact.of(FactCategory.FACT, "learned", 0.5).learnedIn(doomed.id()));
        MemoryFact factDeleted = alice().facts().add(NewFact.of(FactCategory.FACT, "deleted", 0.5));
        Attachment fileDeleted = storedFile(alice(), "deleted.pdf");
        List<EmbeddingTarget> targets = List.of(EmbeddingTarget.message(vectorDeleted.id()),
                EmbeddingTarget.message(messageDeleted.id()), EmbeddingTarget.message(survivor.id()),
                EmbeddingTarget.message(inDoomed.id()), EmbeddingTarget.fact(learnedInDoomed.id()),
                EmbeddingTarget.fact(factDeleted.id()), EmbeddingTarget.attachmentChunk(fileDeleted.id(), 0),
                EmbeddingTarget.attachmentChunk(fileDeleted.id(), 1));
        for (int i = 0; i < targets.size(); i++) {
            alice().embeddings().put(targets.get(i), FRESH_MODEL, new float[] {1, i});
        }
        assertThat(nearest(alice(), all())).as("every vector before the deletes").hasSize(8);

        alice().embeddings().delete(targets.get(0), FRESH_MODEL);
        assertThat(nearest(alice(), all())).as("after deleting a vector").hasSize(7).doesNotContain(targets.get(0));

        alice().messages().delete(messageDeleted.id());
        assertThat(nearest(alice(), all())).as("after deleting a message").hasSize(6).doesNotContain(targets.get(1));

        assertThat(nearest(alice(), all().inConversation(doomed.id()))).as("the doomed conversation before its delete")
                .containsExactlyInAnyOrder(targets.get(3), targets.get(4));
        alice().conversations().delete(doomed.id());
        assertThat(nearest(alice(), all())).as("after deleting a conversation: its message's vector is gone")
                .hasSize(5).doesNotContain(targets.get(3));
        assertThat(nearest(alice(), all().inConversation(doomed.id())))
                .as("the fact learned in it is no longer in it").isEmpty();
        assertThat(alice().embeddings().nearest(all()).stream().filter(h -> h.target().equals(targets.get(4))))
                .as("the fact's vector, without a conversation").singleElement()
                .satisfies(h -> assertThat(h.conversationId()).isNull());

        alice().facts().delete(factDeleted.id());
        assertThat(nearest(alice(), all())).as("after deleting a fact").hasSize(4).doesNotContain(targets.get(5));

        alice().attachments().delete(fileDeleted.id());
        assertThat(nearest(alice(), all())).as("after deleting an attachment: its chunks are gone")
                .containsExactlyInAnyOrder(targets.get(2), targets.get(4));

        alice().erase();
        assertThat(nearest(alice(), all())).as("after erase").isEmpty();
    }

    /**
     * Erase, then as many writes as before: the model's vectors differ although as many writes made them. Look at
     * whether what identifies a state of the vectors can repeat after erase (it must not).
     */
    @Test
    default void aSearchAfterEraseAndTheSameNumberOfWritesSeesTheNewVectors() {
        Message before = say(alice(), newConversation(alice()).id(), "before");
        alice().embeddings().put(EmbeddingTarget.message(before.id()), FRESH_MODEL, new float[] {1, 0});
        assertThat(nearest(alice(), all())).as("before erase").containsExactly(EmbeddingTarget.message(before.id()));
        alice().erase();
        Message after = say(alice(), newConversation(alice()).id(), "after");
        alice().embeddings().put(EmbeddingTarget.message(after.id()), FRESH_MODEL, new float[] {1, 0});
        assertThat(nearest(alice(), all())).as("after erase and one put").containsExactly(EmbeddingTarget.message(after.id()));
    }

    /**
     * After a search, a replaced vector is scored as replaced, a new vector is found, archiving a conversation and
     * linking an attachment change what the filters pass, and another user's writes change nothing for alice.
     */
    @Test
    default void aSearchAfterPutsArchivingAndLinkingSeesThem() {
        Conversation c = newConversation(alice());
        Message m = say(alice(), c.id(), "m");
        Attachment file = storedFile(alice(), "f.pdf");
        EmbeddingTarget chunk = EmbeddingTarget.attachmentChunk(file.id(), 0);
        alice().embeddings().put(EmbeddingTarget.message(m.id()), FRESH_MODEL, new float[] {1, 0});
        alice().embeddings().put(chunk, FRESH_MODEL, new float[] {0, 1});
        assertThat(alice().embeddings().nearest(all()).get(0).score()).as("before the replacement").isEqualTo(1.0);

        alice().embeddings().put(EmbeddingTarget.message(m.id()), FRESH_MODEL, new float[] {-1, 0});
        assertThat(alice().embeddings().nearest(all())).as("after replacing the message's vector")
                .extracting(VectorHit::target, VectorHit::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(chunk, 0.0),
                        org.assertj.core.groups.Tuple.tuple(EmbeddingTarget.message(m.id()), -1.0));

        Message added = say(alice(), c.id(), "added");
        alice().embeddings().put(EmbeddingTarget.message(added.id()), FRESH_MODEL, new float[] {2, 0});
        assertThat(nearest(alice(), all())).as("after a new vector").first().isEqualTo(EmbeddingTarget.message(added.id()));

        assertThat(nearest(alice(), all().excludeArchived())).as("not archived yet").hasSize(3);
        alice().conversations().setArchived(c.id(), true);
        assertThat(nearest(alice(), all().excludeArchived())).as("after archiving the conversation").containsExactly(chunk);
        alice().conversations().setArchived(c.id(), false);
        assertThat(nearest(alice(), all().excludeArchived())).as("after unarchiving").hasSize(3);

        assertThat(nearest(alice(), all().inConversation(c.id()))).as("the chunk is not linked yet").hasSize(2)
                .doesNotContain(chunk);
        alice().attachments().linkToConversation(file.id(), c.id());
        assertThat(nearest(alice(), all().inConversation(c.id()))).as("after linking the attachment").hasSize(3)
                .contains(chunk);

        Message his = say(bob(), newConversation(bob()).id(), "bob's");
        bob().embeddings().put(EmbeddingTarget.message(his.id()), FRESH_MODEL, new float[] {1, 0});
        assertThat(nearest(alice(), all())).as("bob's vector is not alice's").hasSize(3)
                .doesNotContain(EmbeddingTarget.message(his.id()));
        assertThat(nearest(bob(), all())).as("bob's own").containsExactly(EmbeddingTarget.message(his.id()));
    }
}

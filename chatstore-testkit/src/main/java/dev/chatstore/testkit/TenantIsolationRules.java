package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.Conversation;
import dev.chatstore.ConversationFilter;
import dev.chatstore.Embedding;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.FactCategory;
import dev.chatstore.FactQuery;
import dev.chatstore.FactUpdate;
import dev.chatstore.Feedback;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.PageRequest;
import dev.chatstore.ProfileSpec;
import dev.chatstore.SearchHit;
import dev.chatstore.TextQuery;
import dev.chatstore.UserChats;
import dev.chatstore.VectorHit;
import dev.chatstore.VectorQuery;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation (DESIGN principle 7): through forUser(bob), alice's conversations, messages,
 * files and facts are indistinguishable from ones that do not exist — reads are empty, writes are
 * NotFoundException or false — and nothing of alice's changes. Look at the user_id condition of the
 * failing statement.
 */
public interface TenantIsolationRules extends StoreFixture {

    /** Bob cannot see alice's conversations: look at the user_id condition of get and list. */
    @Test
    default void otherUserCannotSeeConversations() {
        SeededUser a = seed(alice());
        assertThat(bob().conversations().get(a.conversation().id())).as("bob's get of alice's conversation").isEmpty();
        assertThat(bob().conversations().list(PageRequest.first()).items()).as("bob's list").isEmpty();
    }

    /**
     * Filtered listings are per user: bob's filters with alice's metadata find only bob's conversations, on list,
     * listArchived and sidebar, and alice's filtered cursor is refused to bob. Look at the user_id condition of the
     * filtered statements (the metadata index spans every user) and at the cursor scope.
     */
    @Test
    default void otherUserCannotSeeConversationsThroughFilters() {
        Map<String, Object> tagged = Map.of("tags", List.of("secret"), "team", "red");
        for (int i = 0; i < 3; i++) {
            alice().conversations().create(NewConversation.untitled().withMetadata(tagged));
        }
        Conversation archived = alice().conversations().create(NewConversation.untitled().withMetadata(tagged));
        alice().conversations().setArchived(archived.id(), true);
        Conversation bobs = bob().conversations().create(NewConversation.untitled().withMetadata(Map.of("team", "red")));
        Map<ConversationFilter, List<String>> expected = Map.of(
                ConversationFilter.metadataContains("tags", "secret"), List.of(),
                ConversationFilter.metadataEquals("team", "red"), List.of(bobs.id()),
                ConversationFilter.metadataEquals("team", "red").withPinned(false), List.of(bobs.id()));
        expected.forEach((filter, ids) -> {
            assertThat(bob().conversations().list(PageRequest.first(), filter).items())
                    .as("bob's list with %s: his own conversations only", filter)
                    .extracting(Conversation::id).containsExactlyElementsOf(ids);
            assertThat(bob().conversations().listArchived(PageRequest.first(), filter).items())
                    .as("bob's archived list with %s", filter).isEmpty();
            assertThat(bob().conversations().sidebar(PageRequest.first(), filter).items())
                    .as("bob's sidebar with %s", filter).extracting(s -> s.id()).containsExactlyElementsOf(ids);
        });
        ConversationFilter red = ConversationFilter.metadataEquals("team", "red");
        String alices = alice().conversations().list(PageRequest.first(1), red).nextCursor();
        assertThat(alices).as("alice's filtered listing has a second page").isNotNull();
        expectInvalid("cursor", () -> bob().conversations().list(PageRequest.at(alices, 1), red));
    }

    /**
     * A search's conversation filter finds bob's own data only, whatever alice's metadata holds, and alice's filtered
     * search cursor is refused to bob. Look at the user_id conditions of search's conversation subquery (the
     * metadata index spans every user) and at the search cursor's scope.
     */
    @Test
    default void otherUserCannotFindTextThroughConversationFilters() {
        Map<String, Object> red = Map.of("team", "red", "tags", List.of("secret"));
        Conversation alices = alice().conversations().create(NewConversation.titled("secret harbour").withMetadata(red));
        alice().messages().append(alices.id(), NewMessage.user("secret harbour plans"));
        alice().facts().add(NewFact.of(FactCategory.FACT, "Knows the secret harbour", 0.5).learnedIn(alices.id()));
        String file = storedFile(alice(), "map.txt").id();
        alice().attachments().markProcessing(file);
        alice().attachments().markReady(file, "secret harbour map", 3);
        alice().attachments().linkToConversation(file, alices.id());
        Conversation bobs = bob().conversations().create(NewConversation.untitled().withMetadata(Map.of("team", "red")));
        Message bobsMessage = bob().messages().append(bobs.id(), NewMessage.user("the secret harbour of bob")).message();
        Map<ConversationFilter, List<String>> expected = Map.of(
                ConversationFilter.metadataEquals("team", "red"), List.of(bobsMessage.id()),
                ConversationFilter.metadataContains("tags", "secret"), List.of(),
                ConversationFilter.pinned(false), List.of(bobsMessage.id()));
        expected.forEach((filter, ids) -> assertThat(bob().search().text(
                TextQuery.of("secret harbour").inConversations(filter), PageRequest.first(50)).items())
                .as("bob's search with %s: his own message only", filter)
                .extracting(SearchHit::id).containsExactlyElementsOf(ids));
        ConversationFilter isRed = ConversationFilter.metadataEquals("team", "red");
        String alicesCursor = alice().search().text(TextQuery.of("secret").inConversations(isRed), PageRequest.first(1))
                .nextCursor();
        assertThat(alicesCursor).as("alice's filtered search has a second page").isNotNull();
        expectInvalid("cursor", () -> bob().search().text(TextQuery.of("secret").inConversations(isRed),
                PageRequest.at(alicesCursor, 1)));
    }

    /** Bob cannot rename, re-tag or delete alice's conversations: look at the user_id condition of the UPDATEs and DELETE. */
    @Test
    default void otherUserCannotChangeOrDeleteConversations() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = a.conversation().id();
        expectNotFound("bob renames alice's conversation", () -> bob().conversations().rename(id, "hacked"));
        expectNotFound("bob re-tags alice's conversation", () -> bob().conversations().replaceMetadata(id, Map.of("x", 1)));
        assertThat(bob().conversations().delete(id)).as("bob's delete of alice's conversation").isFalse();
        assertThat(a.snapshot()).as("alice's data is unchanged").isEqualTo(before);
    }

    /** Personas are per user: look at the unique index, it must be (user, persona), and at getOrCreateForPersona's lookup. */
    @Test
    default void personasAreScopedPerUser() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        Conversation bobs = bob().conversations().getOrCreateForPersona(NewConversation.withPersona(SeededUser.PERSONA));
        assertThat(bobs.id()).as("bob gets a conversation of his own").isNotEqualTo(a.conversation().id());
        assertThat(bobs.userId()).as("owned by bob").isEqualTo(BOB);
        assertThat(bobs.messageCount()).as("with none of alice's messages").isZero();
        Conversation again = bob().conversations().create(NewConversation.withPersona("another persona"));
        assertThat(again.userId()).as("bob can create other personas too").isEqualTo(BOB);
        assertThat(a.snapshot()).as("alice's data is unchanged").isEqualTo(before);
    }

    /** Bob cannot append to alice's conversation: look at the user_id condition of append's conversation lookup. */
    @Test
    default void otherUserCannotAppendToConversations() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = a.conversation().id();
        expectNotFound("bob appends to alice's conversation", () -> bob().messages().append(id, NewMessage.user("x")));
        expectNotFound("bob replays alice's client message id", () -> bob().messages().append(id,
                NewMessage.user("What is a monad?").clientMessageId(SeededUser.CLIENT_MESSAGE_ID)));
        expectNotFound("bob appends a batch to alice's conversation",
                () -> bob().messages().appendAll(id, List.of(NewMessage.user("x"))));
        assertThat(a.snapshot()).as("alice's data is unchanged").isEqualTo(before);
    }

    /** Bob cannot read alice's messages: look at the user_id condition of every message read. */
    @Test
    default void otherUserCannotReadMessages() {
        SeededUser a = seed(alice());
        String conv = a.conversation().id();
        assertThat(bob().messages().get(a.request().id())).as("get").isEmpty();
        assertThat(bob().messages().findReply(a.request().id())).as("replyTo").isEmpty();
        assertThat(bob().messages().byClientMessageId(conv, SeededUser.CLIENT_MESSAGE_ID)).as("byClientMessageId").isEmpty();
        expectNotFound("newestFirst of alice's conversation", () -> bob().messages().newestFirst(conv, PageRequest.first()));
        expectNotFound("oldestFirst of alice's conversation", () -> bob().messages().oldestFirst(conv, PageRequest.first()));
        expectNotFound("latest of alice's conversation", () -> bob().messages().latest(conv, 10));
        AtomicReference<List<Message>> after = new AtomicReference<>(List.of());
        Throwable thrown = catchThrowable(() -> after.set(bob().messages().after(conv, 0, 10).items()));
        assertThat(thrown).as("after() of alice's conversation is empty or NotFoundException (the API leaves it open)")
                .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(NotFoundException.class));
        assertThat(after.get()).as("after() of alice's conversation lists nothing").isEmpty();
    }

    /** Bob cannot delete alice's messages: look at the user_id condition of the message DELETE. */
    @Test
    default void otherUserCannotDeleteMessages() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        assertThat(bob().messages().delete(a.request().id())).as("bob's delete of alice's message").isFalse();
        assertThat(bob().messages().delete(a.reply().id())).as("bob's delete of alice's reply").isFalse();
        assertThat(a.snapshot()).as("alice's data is unchanged").isEqualTo(before);
    }

    /** Bob cannot reply to alice's message: look at the user_id condition of the reply-to check. */
    @Test
    default void otherUserCannotReplyToAnotherUsersMessage() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        Conversation bobs = newConversation(bob());
        expectNotFound("reply-to alice's message", () -> bob().messages().append(bobs.id(),
                NewMessage.assistant("x").replyTo(a.request().id())));
        assertThat(reload(bob(), bobs.id()).messageCount()).as("nothing stored for bob").isZero();
        assertThat(alice().messages().findReply(a.request().id()).map(Message::id)).as("alice's request keeps its own reply")
                .contains(a.reply().id());
        assertThat(a.snapshot()).as("alice's data is unchanged").isEqualTo(before);
    }

    /** Bob cannot see alice's files: look at the user_id condition of every attachment read. */
    @Test
    default void otherUserCannotSeeAttachments() {
        SeededUser a = seed(alice());
        assertThat(bob().attachments().get(a.linkedFile().id())).as("get").isEmpty();
        assertThat(bob().attachments().get(a.orphanFile().id())).as("get of the orphan").isEmpty();
        assertThat(bob().attachments().inlineData(a.orphanFile().id())).as("inlineData").isEmpty();
        assertThat(bob().attachments().listForMessage(a.reply().id())).as("listForMessage").isEmpty();
        assertThat(bob().attachments().listForConversation(a.conversation().id())).as("listForConversation").isEmpty();
        assertThat(bob().attachments().orphans(Limits.ATTACHMENTS_LIST_MAX)).as("bob's orphans").isEmpty();
    }

    /** Bob cannot change, link or delete alice's files: look at the user_id condition of every attachment write and link. */
    @Test
    default void otherUserCannotChangeAttachments() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String uploading = a.orphanFile().id();
        String processing = a.linkedFile().id();
        Conversation bobs = newConversation(bob());
        expectNotFound("markProcessing", () -> bob().attachments().markProcessing(uploading));
        expectNotFound("markReady", () -> bob().attachments().markReady(processing, "x", 1));
        expectNotFound("markError", () -> bob().attachments().markError(processing, "x"));
        expectNotFound("link alice's file to bob's conversation", () -> bob().attachments().linkToConversation(uploading, bobs.id()));
        String bobsFile = storedFile(bob(), "bobs.pdf").id();
        expectNotFound("link bob's file to alice's conversation",
                () -> bob().attachments().linkToConversation(bobsFile, a.conversation().id()));
        expectNotFound("attach alice's file to bob's message",
                () -> bob().messages().append(bobs.id(), NewMessage.user("x").attachments(uploading)));
        assertThat(bob().attachments().delete(uploading)).as("delete").isFalse();
        assertThat(reload(bob(), bobs.id()).messageCount()).as("nothing stored for bob").isZero();
        assertThat(bob().attachments().listForConversation(bobs.id())).as("no link for bob").isEmpty();
        assertThat(a.snapshot()).as("alice's data is unchanged").isEqualTo(before);
    }

    /** Bob cannot see alice's facts: look at the user_id condition of get and list. */
    @Test
    default void otherUserCannotSeeFacts() {
        SeededUser a = seed(alice());
        assertThat(bob().facts().get(a.sourcedFact().id())).as("get").isEmpty();
        assertThat(bob().facts().list(FactQuery.all(), PageRequest.first()).items()).as("list").isEmpty();
    }

    /** Bob cannot update, deactivate or delete alice's facts: look at the user_id condition of the fact writes. */
    @Test
    default void otherUserCannotChangeFacts() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = a.plainFact().id();
        expectNotFound("update", () -> bob().facts().update(id, FactUpdate.content("hacked")));
        expectNotFound("deactivate", () -> bob().facts().deactivate(id));
        assertThat(bob().facts().delete(id)).as("delete").isFalse();
        assertThat(a.snapshot()).as("alice's data is unchanged").isEqualTo(before);
    }

    /**
     * Bob cannot cite alice's conversation or message as a fact's source: look at the user_id condition of the source
     * checks.
     */
    @Test
    default void otherUserCannotSourceFactsFromAnotherUsersConversation() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        Conversation bobs = newConversation(bob());
        expectNotFound("source conversation of alice", () -> bob().facts().add(
                NewFact.of(FactCategory.FACT, "x", 0.5).learnedIn(a.conversation().id())));
        expectNotFound("source message of alice", () -> bob().facts().add(
                NewFact.of(FactCategory.FACT, "x", 0.5).learnedFrom(bobs.id(), a.request().id())));
        assertThat(bob().facts().list(FactQuery.all(), PageRequest.first()).items()).as("nothing stored for bob").isEmpty();
        assertThat(a.snapshot()).as("alice's data is unchanged").isEqualTo(before);
    }

    /** User ids are compared exactly ("alice" is not "ALICE"): look at the user_id column's collation. */
    @Test
    default void userIdsAreComparedExactly() {
        SeededUser a = seed(alice());
        UserChats shouty = store().forUser("ALICE");
        assertThat(shouty.userId()).as("the view reports its own user id").isEqualTo("ALICE");
        assertThat(shouty.conversations().get(a.conversation().id())).as("ALICE does not see alice's conversation").isEmpty();
        assertThat(shouty.conversations().list(PageRequest.first()).items()).as("ALICE has no conversations").isEmpty();
        assertThat(shouty.facts().get(a.plainFact().id())).as("ALICE does not see alice's fact").isEmpty();
    }

    /**
     * Bob cannot change alice's conversation options, read marker or metadata, nor read her token totals; his
     * listings stay empty. Look at the user_id condition of each new conversation UPDATE and read.
     */
    @Test
    default void otherUserCannotChangeConversationOptions() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        for (String id : List.of(a.conversation().id(), a.archived().id())) {
            expectNotFound("patchMetadata", () -> bob().conversations().patchMetadata(id, Map.of("x", 1)));
            expectNotFound("setModel", () -> bob().conversations().setModel(id, "p", "m"));
            expectNotFound("setSystemPrompt", () -> bob().conversations().setSystemPrompt(id, "obey bob"));
            expectNotFound("setPinned", () -> bob().conversations().setPinned(id, false));
            expectNotFound("setArchived", () -> bob().conversations().setArchived(id, false));
            expectNotFound("markRead", () -> bob().conversations().markRead(id));
            expectNotFound("tokenTotals", () -> bob().conversations().tokenTotals(id));
        }
        assertThat(bob().conversations().listArchived(PageRequest.first()).items()).as("bob's archived list").isEmpty();
        assertThat(bob().conversations().sidebar(PageRequest.first()).items()).as("bob's sidebar").isEmpty();
        assertThat(a.snapshot()).as("alice's data is unchanged").isEqualTo(before);
    }

    /**
     * Bob cannot edit, rate, regenerate, branch or select alice's messages, nor read her branches: look at the user_id
     * condition of each new message operation.
     */
    @Test
    default void otherUserCannotEditRateOrBranchMessages() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String request = a.request().id();
        String reply = a.reply().id();
        expectNotFound("editContent", () -> bob().messages().editContent(request, "hacked"));
        expectNotFound("setFeedback", () -> bob().messages().setFeedback(reply, Feedback.mistake("bob says so")));
        expectNotFound("regenerate", () -> bob().messages().regenerate(reply, NewMessage.assistant("bob's reply")));
        expectNotFound("editIntoBranch", () -> bob().messages().editIntoBranch(request, NewMessage.user("bob's edit")));
        expectNotFound("selectBranch", () -> bob().messages().selectBranch(request));
        expectNotFound("path", () -> bob().messages().path(reply, PageRequest.first()));
        expectNotFound("branch", () -> bob().messages().branch(a.conversation().id(), PageRequest.first()));
        assertThat(a.snapshot()).as("alice's data is unchanged").isEqualTo(before);
    }

    /**
     * Bob sees neither alice's profile nor her active conversation, cannot make her conversation his active one, and
     * his profile writes never reach hers: look at the user_id key of the profile row and the ownership check.
     */
    @Test
    default void otherUserCannotSeeOrChangeTheProfile() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        assertThat(bob().profile().get()).as("bob has no profile").isEmpty();
        assertThat(bob().profile().activeConversation()).as("bob has no active conversation").isEmpty();
        expectNotFound("bob activates alice's conversation",
                () -> bob().profile().setActiveConversation(a.conversation().id()));
        bob().profile().mergePreferences(Map.of("theme", "light"));
        bob().profile().replacePreferences(Map.of("only", "bob"));
        bob().profile().touch();
        bob().profile().upsert(ProfileSpec.named("Bob"));
        assertThat(bob().profile().get().orElseThrow().activeConversationId()).as("bob's active conversation").isNull();
        assertThat(a.snapshot()).as("alice's data, profile included, is unchanged").isEqualTo(before);
    }

    /**
     * Bob can neither store a vector on alice's message, fact or file, nor read, delete or find hers, even with her
     * model and a query equal to her vectors; his own search finds only his: look at the user_id condition of the
     * target lookups, the embedding statements and the candidate scan.
     */
    @Test
    default void otherUserCannotSeeOrChangeEmbeddings() {
        SeededUser a = seed(alice());
        SeededUser b = seed(bob());
        String model = "shared-model";
        float[] v = {1, 2, 3};
        List<EmbeddingTarget> hers = List.of(EmbeddingTarget.message(a.request().id()),
                EmbeddingTarget.fact(a.sourcedFact().id()), EmbeddingTarget.attachmentChunk(a.readyFile().id(), 0));
        List<Embedding> stored = hers.stream().map(t -> alice().embeddings().put(t, model, v)).toList();
        for (EmbeddingTarget t : hers) {
            expectNotFound("bob puts a vector on alice's " + t.kind(), () -> bob().embeddings().put(t, model, v));
            expectNotFound("bob puts a vector of another dimension on alice's " + t.kind(),
                    () -> bob().embeddings().put(t, model, new float[] {1}));
            assertThat(bob().embeddings().get(t, model)).as("bob's get of alice's %s vector", t.kind()).isEmpty();
            assertThat(bob().embeddings().delete(t, model)).as("bob's delete of alice's %s vector", t.kind()).isFalse();
        }
        assertThat(bob().embeddings().nearest(VectorQuery.of(model, v, 10))).as("bob's search before he has vectors").isEmpty();
        EmbeddingTarget his = EmbeddingTarget.message(b.request().id());
        bob().embeddings().put(his, model, v);
        assertThat(bob().embeddings().nearest(VectorQuery.of(model, v, 10))).as("bob's search finds only his vector")
                .extracting(VectorHit::target).containsExactly(his);
        assertThat(bob().embeddings().nearest(VectorQuery.of(model, v, 10).inConversation(a.conversation().id())))
                .as("bob's search in alice's conversation").isEmpty();
        assertThat(store().forUser("ALICE").embeddings().nearest(VectorQuery.of(model, v, 10)))
                .as("ALICE is not alice").isEmpty();
        for (int i = 0; i < hers.size(); i++) {
            assertThat(alice().embeddings().get(hers.get(i), model)).as("alice's %s vector is unchanged", hers.get(i).kind())
                    .contains(stored.get(i));
        }
        assertThat(alice().embeddings().nearest(VectorQuery.of(model, v, 10))).as("alice's search finds only hers")
                .extracting(VectorHit::target).containsExactlyInAnyOrderElementsOf(hers);
        // Approximate searches through indexes each user has built: one index per user, never shared.
        assertThat(alice().embeddings().buildApproximateIndex(model)).isTrue();
        assertThat(bob().embeddings().buildApproximateIndex(model)).isTrue();
        assertThat(bob().embeddings().nearest(VectorQuery.of(model, v, 10).approximate()))
                .as("bob's approximate search finds only his vector").extracting(VectorHit::target).containsExactly(his);
        assertThat(alice().embeddings().nearest(VectorQuery.of(model, v, 10).approximate()))
                .as("alice's approximate search finds only hers").extracting(VectorHit::target)
                .containsExactlyInAnyOrderElementsOf(hers);
        assertThat(store().forUser("ALICE").embeddings().buildApproximateIndex(model)).as("ALICE has no vectors").isFalse();
    }
}

package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One conversation: creating it (title, persona, provider, model, system prompt), reading it,
 * get-or-create by persona, renaming, changing its model and system prompt, and deleting it with
 * everything that hangs on it.
 */
public interface ConversationRules extends StoreFixture {

    /** Look at how create fills the record: owner, given fields, zero counters, times from the injected clock. */
    @Test
    default void createReturnsTheConversationWithItsFieldsAndClockTimes() {
        Conversation created = alice().conversations().create(
                new NewConversation("Trip plans", "guide", Map.of("lang", "en")));
        Instant now = clock().now();
        assertThat(created.id()).as("id is a lowercase UUID").matches(Samples.ID_PATTERN);
        assertThat(created.userId()).as("userId is the owner").isEqualTo(ALICE);
        assertThat(created.title()).as("title as given").isEqualTo("Trip plans");
        assertThat(created.personaName()).as("personaName as given").isEqualTo("guide");
        assertThat(created.metadata()).as("metadata as given").isEqualTo(Map.of("lang", "en"));
        assertThat(created.messageCount()).as("a new conversation has no messages").isZero();
        assertThat(created.lastMessageAt()).as("a new conversation has no last message time").isNull();
        assertThat(created.createdAt()).as("createdAt comes from the injected clock").isEqualTo(now);
        assertThat(created.updatedAt()).as("updatedAt comes from the injected clock").isEqualTo(now);
    }

    /** Look at the defaults of an untitled conversation: null title and persona, empty (never null) metadata. */
    @Test
    default void untitledConversationHasNullTitleAndPersonaAndEmptyMetadata() {
        Conversation created = newConversation(alice());
        Conversation read = reload(alice(), created.id());
        assertThat(read.title()).as("no title was given").isNull();
        assertThat(read.personaName()).as("no persona was given").isNull();
        assertThat(read.metadata()).as("metadata is empty, never null").isNotNull().isEmpty();
    }

    /** get must return exactly what create returned: look at the row mapper and the timestamp precision. */
    @Test
    default void getReturnsTheConversationExactlyAsCreated() {
        Conversation created = alice().conversations().create(
                new NewConversation("Title", "persona-1", Samples.richMetadata()));
        assertThat(alice().conversations().get(created.id())).as("get returns what create returned")
                .contains(created);
    }

    /**
     * Titles and persona ids are stored exactly: no trimming, no case folding, no Unicode
     * normalization. Look at column collations and any "clean-up" of input.
     */
    @Test
    default void titlesAndPersonaIdsAreStoredExactly() {
        String composed = "Caf\u00e9";
        String decomposed = "Cafe\u0301";
        Conversation a = alice().conversations().create(new NewConversation("  " + decomposed + "  ", composed, Map.of()));
        Conversation b = alice().conversations().create(NewConversation.withPersona(decomposed));
        Conversation c = alice().conversations().create(NewConversation.withPersona("CAF\u00c9"));
        Conversation d = alice().conversations().create(NewConversation.withPersona(composed + " "));
        assertThat(reload(alice(), a.id()).title()).as("title kept untrimmed and decomposed").isEqualTo("  " + decomposed + "  ");
        assertThat(List.of(reload(alice(), a.id()).personaName(), reload(alice(), b.id()).personaName(),
                reload(alice(), c.id()).personaName(), reload(alice(), d.id()).personaName()))
                .as("four distinct personas: composed, decomposed, upper case, trailing space")
                .containsExactly(composed, decomposed, "CAF\u00c9", composed + " ");
    }

    /**
     * A second conversation with the user's persona is AlreadyExistsException: look at the unique (user, persona)
     * index and how its violation is translated.
     */
    @Test
    default void createWithAPersonaTheUserAlreadyHasFailsWithAlreadyExists() {
        UserChats alice = alice();
        Conversation first = alice.conversations().create(NewConversation.withPersona("guide"));
        assertThatThrownBy(() -> alice.conversations().create(NewConversation.withPersona("guide").withTitle("again")))
                .as("a second conversation with the same persona is rejected")
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(Samples.conversationIds(alice.conversations().list(PageRequest.first()).items()))
                .as("only the first conversation exists").containsExactly(first.id());
    }

    /**
     * getOrCreateByExternalKey creates the conversation with the key once, then returns it unchanged whatever
     * the template; findByExternalKey finds it; keys are per user and case-sensitive. Look at the external key
     * column, its unique (user, key) index and the lookup before the insert.
     */
    @Test
    default void anExternalKeyNamesOneConversationOfTheUser() {
        Conversation created = alice().conversations().getOrCreateByExternalKey("memory-42",
                NewConversation.titled("Spring AI memory").withMetadata(Map.of("source", "spring-ai")));
        assertThat(created.externalKey()).isEqualTo("memory-42");
        assertThat(created.title()).isEqualTo("Spring AI memory");
        assertThat(created.metadata()).isEqualTo(Map.of("source", "spring-ai"));

        Conversation again = alice().conversations().getOrCreateByExternalKey("memory-42", NewConversation.titled("other"));
        assertThat(again).as("the same conversation, unchanged").isEqualTo(reload(alice(), created.id()));
        assertThat(alice().conversations().findByExternalKey("memory-42")).map(Conversation::id).contains(created.id());
        assertThat(alice().conversations().findByExternalKey("MEMORY-42")).as("keys are case-sensitive").isEmpty();
        assertThat(bob().conversations().findByExternalKey("memory-42")).as("keys are per user").isEmpty();
        Conversation bobs = bob().conversations().getOrCreateByExternalKey("memory-42", NewConversation.untitled());
        assertThat(bobs.id()).as("bob's own conversation for the same key").isNotEqualTo(created.id());
        assertThat(newConversation(alice()).externalKey()).as("a conversation created otherwise has none").isNull();
        assertThat(alice().conversations().list(PageRequest.first()).items()).hasSize(2);
    }

    /**
     * getOrCreateByExternalKey with a persona the user already has another conversation with is
     * AlreadyExistsException and creates nothing; with a greeting, the new conversation starts with it.
     */
    @Test
    default void anExternalKeyConversationFollowsThePersonaRules() {
        store().personas().upsert(Samples.persona("guide", dev.chatstore.PersonaStatus.ACTIVE));
        Conversation greeted = alice().conversations().getOrCreateByExternalKey("k1",
                NewConversation.withPersona("guide").withGreeting());
        assertThat(greeted.messageCount()).as("the greeting is message 1").isEqualTo(1);
        Throwable thrown = catchThrowable(() -> alice().conversations().getOrCreateByExternalKey("k2",
                NewConversation.withPersona("guide")));
        assertThat(thrown).isInstanceOf(AlreadyExistsException.class);
        assertThat(alice().conversations().findByExternalKey("k2")).isEmpty();
    }

    /** getOrCreateForPersona creates the conversation from its argument when missing: look at the create branch. */
    @Test
    default void getOrCreateForPersonaCreatesTheConversationWhenMissing() {
        Conversation got = alice().conversations().getOrCreateForPersona(
                NewConversation.withPersona("guide").withTitle("Guide chat"));
        assertThat(got.personaName()).as("created with the persona").isEqualTo("guide");
        assertThat(got.title()).as("created with the given title").isEqualTo("Guide chat");
        assertThat(alice().conversations().get(got.id())).as("it is stored").contains(got);
    }

    /**
     * getOrCreateForPersona returns the existing conversation unchanged: look at the lookup branch, it must not
     * overwrite fields.
     */
    @Test
    default void getOrCreateForPersonaReturnsTheExistingConversationUnchanged() {
        Conversation existing = alice().conversations().create(NewConversation.withPersona("guide").withTitle("First"));
        say(alice(), existing.id(), "hello");
        clock().advance(Duration.ofMinutes(1));
        Conversation got = alice().conversations().getOrCreateForPersona(
                NewConversation.withPersona("guide").withTitle("Second"));
        assertThat(got).as("the existing conversation, unchanged").isEqualTo(reload(alice(), existing.id()));
        assertThat(got.title()).as("the title is not overwritten").isEqualTo("First");
        assertThat(alice().conversations().list(PageRequest.first()).items()).as("no second conversation").hasSize(1);
    }

    /**
     * getOrCreateForPersona without a persona is InvalidInputException and creates nothing. The API
     * does not say whether argument() names the parameter ("conversation") or its missing field
     * ("personaName"); either is accepted.
     */
    @Test
    default void getOrCreateForPersonaWithoutAPersonaIsInvalidInputAndCreatesNothing() {
        Throwable thrown = catchThrowable(() -> alice().conversations().getOrCreateForPersona(NewConversation.titled("x")));
        assertThat(thrown).as("a conversation without persona is rejected").isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) thrown).argument()).as("argument() names the conversation or its persona")
                .isIn("conversation", "personaName");
        assertThat(alice().conversations().list(PageRequest.first()).items()).as("nothing was created").isEmpty();
    }

    /** rename stores the title and stamps updatedAt from the clock, keeping createdAt: look at the rename UPDATE. */
    @Test
    default void renameSetsTheTitleAndStampsUpdatedAt() {
        Conversation created = alice().conversations().create(NewConversation.titled("Old"));
        Instant later = clock().advance(Duration.ofMinutes(5));
        Conversation renamed = alice().conversations().rename(created.id(), "New");
        assertThat(renamed.title()).as("the returned conversation has the new title").isEqualTo("New");
        assertThat(renamed.updatedAt()).as("updatedAt is the clock at the rename").isEqualTo(later);
        assertThat(renamed.createdAt()).as("createdAt is unchanged").isEqualTo(created.createdAt());
        assertThat(reload(alice(), created.id())).as("get returns the renamed conversation").isEqualTo(renamed);
    }

    /** rename(id, null) clears the title: look at null binding (NULL, not "null" or ""). */
    @Test
    default void renameWithNullClearsTheTitle() {
        Conversation created = alice().conversations().create(NewConversation.titled("Old"));
        assertThat(alice().conversations().rename(created.id(), null).title()).as("returned title is cleared").isNull();
        assertThat(reload(alice(), created.id()).title()).as("stored title is cleared").isNull();
    }

    /**
     * Provider, model and system prompt are stored as given, and a new conversation is unpinned, unarchived, unread,
     * with no preview or tip: look at create's INSERT and the row mapper.
     */
    @Test
    default void createStoresProviderModelAndSystemPromptWithPlainDefaults() {
        Conversation created = alice().conversations().create(NewConversation.titled("Chat")
                .withModel("openai", "gpt-4o-2024-08-06").withSystemPrompt("You are terse.\n" + Samples.UNICODE));
        assertThat(created).extracting(Conversation::provider, Conversation::model, Conversation::systemPrompt)
                .as("as given").containsExactly("openai", "gpt-4o-2024-08-06", "You are terse.\n" + Samples.UNICODE);
        assertThat(created).extracting(Conversation::pinned, Conversation::archived, Conversation::lastMessagePreview,
                        Conversation::unreadCount, Conversation::activeTipId)
                .as("unpinned, unarchived, no preview, nothing unread, no tip").containsExactly(false, false, null, 0L, null);
        assertThat(alice().conversations().get(created.id())).as("get returns what create returned").contains(created);
        Conversation plain = newConversation(alice());
        assertThat(plain).extracting(Conversation::provider, Conversation::model, Conversation::systemPrompt)
                .as("null when not given").containsOnlyNulls();
    }

    /** setModel sets and (with nulls) clears provider and model, stamping updatedAt: look at its UPDATE. */
    @Test
    default void setModelSetsAndClearsProviderAndModel() {
        Conversation c = newConversation(alice());
        Instant later = clock().advance(Duration.ofMinutes(1));
        Conversation set = alice().conversations().setModel(c.id(), "anthropic", "claude-3-5-sonnet");
        assertThat(set).extracting(Conversation::provider, Conversation::model, Conversation::updatedAt)
                .as("set, stamped").containsExactly("anthropic", "claude-3-5-sonnet", later);
        assertThat(reload(alice(), c.id())).as("stored").isEqualTo(set);
        Conversation modelOnly = alice().conversations().setModel(c.id(), null, "local-llama");
        assertThat(modelOnly).extracting(Conversation::provider, Conversation::model)
                .as("each is set on its own").containsExactly(null, "local-llama");
        Conversation cleared = alice().conversations().setModel(c.id(), null, null);
        assertThat(cleared).extracting(Conversation::provider, Conversation::model).as("cleared").containsOnlyNulls();
        assertThat(reload(alice(), c.id())).as("stored cleared").isEqualTo(cleared);
    }

    /** setSystemPrompt sets and (with null) clears the prompt, keeping the rest: look at its UPDATE. */
    @Test
    default void setSystemPromptSetsAndClearsThePrompt() {
        Conversation c = alice().conversations().create(NewConversation.titled("Keep me").withModel("openai", "gpt-4o"));
        String prompt = "Answer in French. " + Samples.UNICODE;
        Conversation set = alice().conversations().setSystemPrompt(c.id(), prompt);
        assertThat(set.systemPrompt()).as("set").isEqualTo(prompt);
        assertThat(set).extracting(Conversation::title, Conversation::provider, Conversation::model)
                .as("the rest is kept").containsExactly("Keep me", "openai", "gpt-4o");
        assertThat(reload(alice(), c.id())).as("stored").isEqualTo(set);
        assertThat(alice().conversations().setSystemPrompt(c.id(), null).systemPrompt()).as("null clears it").isNull();
        assertThat(reload(alice(), c.id()).systemPrompt()).as("stored cleared").isNull();
    }

    /**
     * Title, persona, provider, model and system prompt at their maximum lengths, in multi-byte text ending in a
     * surrogate pair, round-trip, and so does a rename to a title of emoji only: look at the column sizes, and
     * whether they count chars or bytes.
     */
    @Test
    default void conversationTextAtItsMaximumLengthsRoundTrips() {
        Conversation c = alice().conversations().create(
                new NewConversation(Samples.wide(Limits.TITLE_MAX), Samples.wide(Limits.PERSONA_NAME_MAX), Map.of())
                        .withModel(Samples.wide(Limits.PROVIDER_MAX), Samples.wide(Limits.MODEL_NAME_MAX))
                        .withSystemPrompt(Samples.wide(Limits.SYSTEM_PROMPT_MAX)));
        assertThat(reload(alice(), c.id())).as("read back as created").isEqualTo(c);
        assertThat(c).extracting(Conversation::title, Conversation::personaName, Conversation::provider,
                        Conversation::model, Conversation::systemPrompt)
                .as("title, persona, provider, model and system prompt at their maximums")
                .containsExactly(Samples.wide(Limits.TITLE_MAX), Samples.wide(Limits.PERSONA_NAME_MAX),
                        Samples.wide(Limits.PROVIDER_MAX), Samples.wide(Limits.MODEL_NAME_MAX),
                        Samples.wide(Limits.SYSTEM_PROMPT_MAX));
        String emoji = "🌍".repeat(Limits.TITLE_MAX / 2);
        assertThat(alice().conversations().rename(c.id(), emoji).title()).as("rename at the maximum").isEqualTo(emoji);
        assertThat(reload(alice(), c.id()).title()).as("the maximal title stored").isEqualTo(emoji);
    }

    /** Deleting a conversation must delete its messages in the same transaction: look at the cascade. */
    @Test
    default void deleteRemovesTheConversationAndAllItsMessages() {
        UserChats alice = alice();
        Conversation doomed = newConversation(alice);
        Conversation kept = newConversation(alice);
        Message m1 = append(alice, doomed.id(), NewMessage.user("one").clientMessageId("c1"));
        Message m2 = say(alice, doomed.id(), "two");
        Message other = say(alice, kept.id(), "kept");
        assertThat(alice.conversations().delete(doomed.id())).as("delete reports it deleted something").isTrue();
        assertThat(alice.conversations().get(doomed.id())).as("the conversation is gone").isEmpty();
        assertThat(alice.messages().get(m1.id())).as("its first message is gone").isEmpty();
        assertThat(alice.messages().get(m2.id())).as("its second message is gone").isEmpty();
        assertThat(alice.messages().byClientMessageId(doomed.id(), "c1")).as("its client message id is gone").isEmpty();
        assertThat(alice.messages().get(other.id())).as("another conversation's message stays").isPresent();
        assertThat(reload(alice, kept.id()).messageCount()).as("another conversation's count stays").isEqualTo(1);
    }

    /**
     * Deleting a conversation drops its attachment links, not the attachments: look at the cascades from conversation
     * and message to the link tables.
     */
    @Test
    default void deleteKeepsAttachmentsAndLeavesTheUnlinkedOnesOrphaned() {
        UserChats alice = alice();
        Conversation doomed = newConversation(alice);
        Conversation kept = newConversation(alice);
        Attachment viaMessage = storedFile(alice, "a.pdf");
        Attachment direct = storedFile(alice, "b.pdf");
        Attachment shared = storedFile(alice, "c.pdf");
        append(alice, doomed.id(), NewMessage.user("see files").attachments(viaMessage.id(), shared.id()));
        alice.attachments().linkToConversation(direct.id(), doomed.id());
        alice.attachments().linkToConversation(shared.id(), kept.id());

        assertThat(alice.conversations().delete(doomed.id())).as("delete reports it deleted something").isTrue();

        assertThat(alice.attachments().get(viaMessage.id())).as("attachment linked through a message still exists").isPresent();
        assertThat(alice.attachments().get(direct.id())).as("attachment linked directly still exists").isPresent();
        assertThat(Samples.attachmentIds(alice.attachments().orphans(100)))
                .as("attachments linked only to the deleted conversation are orphans; the shared one is not")
                .containsExactlyInAnyOrder(viaMessage.id(), direct.id());
        assertThat(Samples.attachmentIds(alice.attachments().listForConversation(kept.id())))
                .as("the link to the other conversation stays").containsExactly(shared.id());
    }

    /** After deleting the persona's conversation, the persona is free: look at the unique index and the cascade. */
    @Test
    default void deleteFreesThePersonaForANewConversation() {
        Conversation first = alice().conversations().create(NewConversation.withPersona("guide"));
        alice().conversations().delete(first.id());
        Conversation second = alice().conversations().create(NewConversation.withPersona("guide"));
        assertThat(second.id()).as("a new conversation with a new id").isNotEqualTo(first.id());
        assertThat(alice().conversations().getOrCreateForPersona(NewConversation.withPersona("guide")).id())
                .as("getOrCreateForPersona finds the new one").isEqualTo(second.id());
    }

    /** delete reports whether it deleted: look at the affected-row count it returns. */
    @Test
    default void deleteReturnsFalseWhenAlreadyDeleted() {
        Conversation c = newConversation(alice());
        assertThat(alice().conversations().delete(c.id())).as("first delete").isTrue();
        assertThat(alice().conversations().delete(c.id())).as("second delete finds nothing").isFalse();
    }

    /**
     * A well-formed id that names no conversation: get is empty, delete is false, and every change (rename,
     * metadata, model, system prompt, pin, archive, read marker) and tokenTotals is NotFoundException that creates
     * nothing on the way. Look at how each Conversations method reports a missing row.
     */
    @Test
    default void anUnknownConversationReadsEmptyAndEveryChangeIsNotFound() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String id = unknownId();
        assertThat(alice().conversations().get(id)).as("get").isEmpty();
        assertThat(alice().conversations().delete(id)).as("delete").isFalse();
        expectNotFound("rename", () -> alice().conversations().rename(id, "x"));
        expectNotFound("replaceMetadata", () -> alice().conversations().replaceMetadata(id, Map.of()));
        expectNotFound("patchMetadata", () -> alice().conversations().patchMetadata(id, Map.of("x", 1)));
        expectNotFound("setModel", () -> alice().conversations().setModel(id, "p", "m"));
        expectNotFound("setSystemPrompt", () -> alice().conversations().setSystemPrompt(id, "x"));
        expectNotFound("setPinned", () -> alice().conversations().setPinned(id, true));
        expectNotFound("setArchived", () -> alice().conversations().setArchived(id, true));
        expectNotFound("markRead", () -> alice().conversations().markRead(id));
        expectNotFound("tokenTotals", () -> alice().conversations().tokenTotals(id));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }
}

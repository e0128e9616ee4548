package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.AttachmentStatus;
import dev.chatstore.FactCategory;
import dev.chatstore.FactQuery;
import dev.chatstore.FactUpdate;
import dev.chatstore.Feedback;
import dev.chatstore.Limits;
import dev.chatstore.Media;
import dev.chatstore.MessageType;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.ProfileSpec;
import dev.chatstore.Rating;
import dev.chatstore.Role;
import dev.chatstore.TokenUsage;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear, typed error and changes nothing (DESIGN principle 6): an
 * InvalidInputException whose argument() names the parameter, thrown before anything is written.
 * Each rule seeds alice's data and checks it is unchanged afterwards.
 */
public interface BadInputRules extends StoreFixture {

    /** Ids that are not a chatstore id (a lowercase canonical UUID), null included. */
    private List<String> malformedIds(String realId) {
        return Arrays.asList(null, "", "   ", "not-an-id", realId.toUpperCase(Locale.ROOT), realId + " ",
                realId.substring(1), realId.replace('-', '_'), realId + "0", "x\0" + realId, "1234");
    }

    /**
     * Every method taking a conversation id rejects a malformed one as InvalidInputException("conversationId"): look
     * at the method's argument check.
     */
    @Test
    default void malformedConversationIdsAreInvalidInputEverywhere() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String file = a.orphanFile().id();
        for (String id : malformedIds(a.conversation().id())) {
            expectInvalid("conversationId", () -> alice().conversations().get(id));
            expectInvalid("conversationId", () -> alice().conversations().rename(id, "x"));
            expectInvalid("conversationId", () -> alice().conversations().replaceMetadata(id, Map.of()));
            expectInvalid("conversationId", () -> alice().conversations().delete(id));
            expectInvalid("conversationId", () -> alice().messages().append(id, NewMessage.user("x")));
            expectInvalid("conversationId", () -> alice().messages().appendAll(id, List.of(NewMessage.user("x"))));
            expectInvalid("conversationId", () -> alice().messages().byClientMessageId(id, SeededUser.CLIENT_MESSAGE_ID));
            expectInvalid("conversationId", () -> alice().messages().newestFirst(id, PageRequest.first()));
            expectInvalid("conversationId", () -> alice().messages().oldestFirst(id, PageRequest.first()));
            expectInvalid("conversationId", () -> alice().messages().after(id, 0, 10));
            expectInvalid("conversationId", () -> alice().attachments().linkToConversation(file, id));
            expectInvalid("conversationId", () -> alice().attachments().listForConversation(id));
        }
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * Every method taking a message id rejects a malformed one as InvalidInputException("messageId"): look at the
     * method's argument check.
     */
    @Test
    default void malformedMessageIdsAreInvalidInputEverywhere() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        for (String id : malformedIds(a.request().id())) {
            expectInvalid("messageId", () -> alice().messages().get(id));
            expectInvalid("messageId", () -> alice().messages().findReply(id));
            expectInvalid("messageId", () -> alice().messages().delete(id));
            expectInvalid("messageId", () -> alice().attachments().listForMessage(id));
        }
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * Every method taking an attachment id rejects a malformed one as InvalidInputException("attachmentId"): look at
     * the method's argument check.
     */
    @Test
    default void malformedAttachmentIdsAreInvalidInputEverywhere() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String conversation = a.conversation().id();
        for (String id : malformedIds(a.orphanFile().id())) {
            expectInvalid("attachmentId", () -> alice().attachments().get(id));
            expectInvalid("attachmentId", () -> alice().attachments().inlineData(id));
            expectInvalid("attachmentId", () -> alice().attachments().markProcessing(id));
            expectInvalid("attachmentId", () -> alice().attachments().markReady(id, null, null));
            expectInvalid("attachmentId", () -> alice().attachments().markError(id, "x"));
            expectInvalid("attachmentId", () -> alice().attachments().linkToConversation(id, conversation));
            expectInvalid("attachmentId", () -> alice().attachments().delete(id));
        }
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * Every method taking a fact id rejects a malformed one as InvalidInputException("factId"): look at the method's
     * argument check.
     */
    @Test
    default void malformedFactIdsAreInvalidInputEverywhere() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        for (String id : malformedIds(a.plainFact().id())) {
            expectInvalid("factId", () -> alice().facts().get(id));
            expectInvalid("factId", () -> alice().facts().update(id, FactUpdate.content("x")));
            expectInvalid("factId", () -> alice().facts().deactivate(id));
            expectInvalid("factId", () -> alice().facts().delete(id));
        }
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * A null argument is InvalidInputException naming the parameter, never a NullPointerException: look at the
     * method's null checks.
     */
    @Test
    default void nullArgumentsAreInvalidInputNamingTheParameter() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String c = a.conversation().id();
        String f = a.plainFact().id();
        expectInvalid("conversation", () -> alice().conversations().create(null));
        expectInvalid("conversation", () -> alice().conversations().getOrCreateForPersona(null));
        expectInvalid("page", () -> alice().conversations().list(null));
        expectInvalid("metadata", () -> alice().conversations().replaceMetadata(c, null));
        expectInvalid("message", () -> alice().messages().append(c, null));
        expectInvalid("messages", () -> alice().messages().appendAll(c, null));
        expectInvalid("clientMessageId", () -> alice().messages().byClientMessageId(c, null));
        expectInvalid("page", () -> alice().messages().newestFirst(c, null));
        expectInvalid("page", () -> alice().messages().oldestFirst(c, null));
        expectInvalid("attachment", () -> alice().attachments().create(null));
        expectInvalid("fact", () -> alice().facts().add(null));
        expectInvalid("query", () -> alice().facts().list(null, PageRequest.first()));
        expectInvalid("page", () -> alice().facts().list(FactQuery.all(), null));
        expectInvalid("update", () -> alice().facts().update(f, null));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * A null element in a batch is InvalidInputException("messages") before anything is written: look at appendAll's
     * element checks.
     */
    @Test
    default void appendAllWithANullElementIsInvalidAndStoresNothing() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        expectInvalid("messages", () -> alice().messages().appendAll(a.conversation().id(),
                Arrays.asList(NewMessage.user("valid"), null, NewMessage.user("also valid"))));
        assertThat(a.snapshot()).as("nothing of the batch is stored").isEqualTo(before);
    }

    /**
     * rename checks the title as NewConversation does (not blank, at most 500 chars, no NUL or lone surrogate): look
     * at rename's argument check.
     */
    @Test
    default void renameRejectsBlankTooLongAndUnstorableTitles() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String c = a.conversation().id();
        for (String title : List.of("", "   ", "x".repeat(Limits.TITLE_MAX + 1), "nul\0inside", "lone \uD800 high",
                "lone \uDC00 low", "ends high \uD83D")) {
            expectInvalid("title", () -> alice().conversations().rename(c, title));
        }
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * replaceMetadata checks the raw map (non-finite numbers, non-JSON values, bad keys, NUL, lone surrogates, depth,
     * size): look for a missing Check.metadata call.
     */
    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    default void replaceMetadataRejectsWhatJsonCannotHoldExactly() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String c = a.conversation().id();
        Map<Object, Object> nonStringKey = new HashMap<>();
        nonStringKey.put(1, "one");
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cursor = deep;
        for (int i = 0; i <= Limits.METADATA_DEPTH_MAX + 1; i++) {
            Map<String, Object> next = new HashMap<>();
            cursor.put("d", next);
            cursor = next;
        }
        List<Map<String, ?>> bad = List.<Map<String, ?>>of(
                Map.of("nan", Double.NaN),
                Map.of("inf", Double.POSITIVE_INFINITY),
                Map.of("negInf", Double.NEGATIVE_INFINITY),
                Map.of("floatNan", Float.NaN),
                Map.of("nested", Map.of("inList", List.of(1.0, Double.NaN))),
                Map.of("object", new Object()),
                Map.of("instant", TestClock.START),
                Map.of("nul", "a\0b"),
                Map.of("lone", "\uD800"),
                Map.of("key\0", "v"),
                Map.of("\uDC00key", "v"),
                Map.of("huge", "x".repeat(Limits.METADATA_MAX + 1)),
                (Map<String, ?>) (Map) nonStringKey,
                deep);
        for (Map<String, ?> metadata : bad) {
            expectInvalid("metadata", () -> alice().conversations().replaceMetadata(c, metadata));
        }
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /** markReady and markError check their texts and counts before the status: look at their argument checks. */
    @Test
    default void attachmentStatusChangesRejectUnstorableTextAndNegativeCounts() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String processing = a.linkedFile().id();
        expectInvalid("extractedText", () -> alice().attachments().markReady(processing, "nul\0", 1));
        expectInvalid("extractedText", () -> alice().attachments().markReady(processing, "lone \uD800", 1));
        expectInvalid("wordCount", () -> alice().attachments().markReady(processing, "ok", -1));
        expectInvalid("errorText", () -> alice().attachments().markError(processing, "nul\0"));
        expectInvalid("errorText", () -> alice().attachments().markError(processing, "lone \uDC00"));
        expectInvalid("errorText", () -> alice().attachments().markError(processing, "x".repeat(Limits.ERROR_TEXT_MAX + 1)));
        assertThat(a.snapshot()).as("nothing changed, the file is still processing").isEqualTo(before);
        assertThat(alice().attachments().get(processing).orElseThrow().status()).as("still processing")
                .isEqualTo(AttachmentStatus.PROCESSING);
    }

    /**
     * byClientMessageId checks the key as NewMessage does (not blank, at most 255 chars, storable): look at its
     * argument check.
     */
    @Test
    default void byClientMessageIdRejectsBlankTooLongAndUnstorableKeys() {
        SeededUser a = seed(alice());
        String c = a.conversation().id();
        for (String key : List.of("", "  ", "k".repeat(Limits.CLIENT_MESSAGE_ID_MAX + 1), "k\0", "k\uD800")) {
            expectInvalid("clientMessageId", () -> alice().messages().byClientMessageId(c, key));
        }
    }

    /**
     * A limit below 1 is InvalidInputException("limit") wherever a limit is taken; leaving the limit out gives the
     * default: look at the limit checks.
     */
    @Test
    default void limitsBelowOneAreInvalidInput() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String c = a.conversation().id();
        expectInvalid("limit", () -> PageRequest.first(-1));
        expectInvalid("limit", () -> PageRequest.first(0));
        expectInvalid("limit", () -> PageRequest.at("x", 0));
        expectInvalid("limit", () -> alice().messages().after(c, 0, -1));
        expectInvalid("limit", () -> alice().messages().after(c, 0, 0));
        expectInvalid("limit", () -> alice().messages().latest(c, -1));
        expectInvalid("limit", () -> alice().messages().latest(c, 0));
        expectInvalid("limit", () -> alice().attachments().orphans(-1));
        expectInvalid("limit", () -> alice().attachments().orphans(0));
        assertThat(alice().messages().newestFirst(c, PageRequest.first()).items()).as("no limit is the default")
                .hasSize(3);
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * A cursor the store did not issue is InvalidInputException("cursor") in every listing: look at cursor decoding
     * (integrity check, no lenient parse).
     */
    @Test
    default void garbledCursorsAreInvalidInput() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String c = a.conversation().id();
        for (String cursor : List.of("garbage", "%%%%", "eyJ4IjoxfQ", "AAAAAAAAAAAAAAAA", "////", "🙂", "-1", "null")) {
            expectInvalid("cursor", () -> alice().messages().newestFirst(c, PageRequest.at(cursor)));
            expectInvalid("cursor", () -> alice().messages().oldestFirst(c, PageRequest.at(cursor)));
            expectInvalid("cursor", () -> alice().conversations().list(PageRequest.at(cursor)));
            expectInvalid("cursor", () -> alice().facts().list(FactQuery.all(), PageRequest.at(cursor)));
        }
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * A cursor of one conversation used on another is InvalidInputException("cursor"): look at whether the cursor
     * carries and checks its scope.
     */
    @Test
    default void cursorFromAnotherConversationIsInvalidInput() {
        String c1 = newConversation(alice()).id();
        String c2 = newConversation(alice()).id();
        fill(alice(), c1, 5);
        fill(alice(), c2, 5);
        String newest = alice().messages().newestFirst(c1, PageRequest.first(2)).nextCursor();
        String oldest = alice().messages().oldestFirst(c1, PageRequest.first(2)).nextCursor();
        assertThat(newest).as("c1 has more messages, so a next cursor").isNotNull();
        expectInvalid("cursor", () -> alice().messages().newestFirst(c2, PageRequest.at(newest)));
        expectInvalid("cursor", () -> alice().messages().oldestFirst(c2, PageRequest.at(oldest)));
        String bobs = newConversation(bob()).id();
        fill(bob(), bobs, 5);
        expectInvalid("cursor", () -> bob().messages().newestFirst(bobs, PageRequest.at(newest)));
    }

    /**
     * A cursor of one listing (conversations, messages, facts) used on another is InvalidInputException("cursor"):
     * look at whether the cursor names its listing.
     */
    @Test
    default void cursorFromAnotherListingIsInvalidInput() {
        SeededUser a = seed(alice());
        String c = a.conversation().id();
        String conversationCursor = alice().conversations().list(PageRequest.first(1)).nextCursor();
        String messageCursor = alice().messages().oldestFirst(c, PageRequest.first(1)).nextCursor();
        String factCursor = alice().facts().list(FactQuery.all(), PageRequest.first(1)).nextCursor();
        assertThat(List.of(conversationCursor, messageCursor, factCursor)).as("each listing has a second page").doesNotContainNull();
        expectInvalid("cursor", () -> alice().messages().oldestFirst(c, PageRequest.at(conversationCursor)));
        expectInvalid("cursor", () -> alice().messages().oldestFirst(c, PageRequest.at(factCursor)));
        expectInvalid("cursor", () -> alice().conversations().list(PageRequest.at(messageCursor)));
        expectInvalid("cursor", () -> alice().facts().list(FactQuery.all(), PageRequest.at(conversationCursor)));
    }

    /**
     * Unknown wire values (and upper-case constant names) are InvalidInputException naming the field: look at the
     * enums' parse methods.
     */
    @Test
    default void unknownEnumWireValuesAreInvalidInput() {
        for (String value : Arrays.asList("admin", "USER", "User", "", " user", null)) {
            expectInvalid("role", () -> Role.parse(value));
        }
        expectInvalid("category", () -> FactCategory.parse("opinion"));
        expectInvalid("category", () -> FactCategory.parse("FACT"));
        expectInvalid("status", () -> AttachmentStatus.parse("done"));
        expectInvalid("status", () -> AttachmentStatus.parse(null));
    }

    /**
     * The value types reject bad fields when built, so stores never see them: look at the record constructors in
     * chatstore-api.
     */
    @Test
    default void valueTypesRejectOutOfRangeAndUnstorableFields() {
        expectInvalid("confidence", () -> NewFact.of(FactCategory.FACT, "x", 1.01));
        expectInvalid("confidence", () -> NewFact.of(FactCategory.FACT, "x", -0.01));
        expectInvalid("confidence", () -> NewFact.of(FactCategory.FACT, "x", Double.NaN));
        expectInvalid("content", () -> NewFact.of(FactCategory.FACT, "  ", 0.5));
        expectInvalid("sourceConversationId", () -> new NewFact(FactCategory.FACT, "x", 0.5, null, unknownId()));
        expectInvalid("minConfidence", () -> FactQuery.all().withMinConfidence(Double.POSITIVE_INFINITY));
        expectInvalid("confidence", () -> FactUpdate.confidence(2));
        expectInvalid("update", () -> new FactUpdate(null, null));
        expectInvalid("content", () -> NewMessage.user("nul\0"));
        expectInvalid("content", () -> NewMessage.user("x".repeat(Limits.CONTENT_MAX + 1)));
        expectInvalid("clientMessageId", () -> NewMessage.user("x").clientMessageId(" "));
        expectInvalid("replyTo", () -> NewMessage.user("x").replyTo("not-an-id"));
        expectInvalid("attachmentIds", () -> NewMessage.user("x").attachments("not-an-id"));
        expectInvalid("metadata", () -> NewMessage.user("x").metadata(Map.of("n", Double.NaN)));
        expectInvalid("title", () -> NewConversation.titled(" "));
        expectInvalid("personaName", () -> NewConversation.withPersona("p".repeat(Limits.PERSONA_NAME_MAX + 1)));
        expectInvalid("sizeBytes", () -> NewAttachment.stored("f", "text/plain", -1, null, "s3://x"));
        expectInvalid("sha256", () -> NewAttachment.stored("f", "text/plain", 1, "ABC", "s3://x"));
        expectInvalid("storageUri", () -> NewAttachment.stored("f", "text/plain", 1, null, " "));
        expectInvalid("name", () -> NewAttachment.inline("\uD800", "text/plain", new byte[1]));
    }

    /**
     * The new operations taking a conversation id reject a malformed one as InvalidInputException("conversationId"):
     * look at each method's argument check.
     */
    @Test
    default void malformedConversationIdsAreInvalidInputInTheNewOperations() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        for (String id : malformedIds(a.conversation().id())) {
            expectInvalid("conversationId", () -> alice().conversations().patchMetadata(id, Map.of("x", 1)));
            expectInvalid("conversationId", () -> alice().conversations().setModel(id, "p", "m"));
            expectInvalid("conversationId", () -> alice().conversations().setSystemPrompt(id, "x"));
            expectInvalid("conversationId", () -> alice().conversations().setPinned(id, true));
            expectInvalid("conversationId", () -> alice().conversations().setArchived(id, true));
            expectInvalid("conversationId", () -> alice().conversations().markRead(id));
            expectInvalid("conversationId", () -> alice().conversations().tokenTotals(id));
            expectInvalid("conversationId", () -> alice().messages().branch(id, PageRequest.first()));
            if (id != null) {
                expectInvalid("conversationId", () -> alice().profile().setActiveConversation(id));
            }
        }
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * The new operations taking a message id reject a malformed one as InvalidInputException naming the id parameter:
     * look at each method's argument check.
     */
    @Test
    default void malformedMessageIdsAreInvalidInputInTheNewOperations() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        for (String id : malformedIds(a.request().id())) {
            expectInvalid("messageId", () -> alice().messages().editContent(id, "x"));
            expectInvalid("messageId", () -> alice().messages().setFeedback(id, Feedback.NONE));
            expectInvalid("messageId", () -> alice().messages().selectBranch(id));
            expectInvalid("messageId", () -> alice().messages().path(id, PageRequest.first()));
            expectInvalid("assistantMessageId", () -> alice().messages().regenerate(id, NewMessage.assistant("x")));
            expectInvalid("userMessageId", () -> alice().messages().editIntoBranch(id, NewMessage.user("x")));
        }
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * A null argument of a new operation is InvalidInputException naming the parameter, never a
     * NullPointerException: look at each method's null checks.
     */
    @Test
    default void nullArgumentsOfTheNewOperationsAreInvalidInput() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String c = a.conversation().id();
        String m = a.reply().id();
        expectInvalid("page", () -> alice().conversations().listArchived(null));
        expectInvalid("page", () -> alice().conversations().sidebar(null));
        expectInvalid("patch", () -> alice().conversations().patchMetadata(c, null));
        expectInvalid("content", () -> alice().messages().editContent(m, null));
        expectInvalid("feedback", () -> alice().messages().setFeedback(m, null));
        expectInvalid("reply", () -> alice().messages().regenerate(m, null));
        expectInvalid("edited", () -> alice().messages().editIntoBranch(a.request().id(), null));
        expectInvalid("page", () -> alice().messages().branch(c, null));
        expectInvalid("page", () -> alice().messages().path(m, null));
        expectInvalid("profile", () -> alice().profile().upsert(null));
        expectInvalid("patch", () -> alice().profile().mergePreferences(null));
        expectInvalid("preferences", () -> alice().profile().replacePreferences(null));
        expectInvalid("out", () -> alice().exportTo(null));
        expectInvalid("persona", () -> store().personas().upsert(null));
        expectInvalid("name", () -> store().personas().get(null));
        expectInvalid("name", () -> store().personas().setStatus(null, PersonaStatus.ACTIVE));
        expectInvalid("status", () -> store().personas().setStatus("tutor", null));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
        assertThat(store().personas().list(null, null)).as("no persona was created").isEmpty();
    }

    /**
     * setModel and setSystemPrompt check their texts as NewConversation does (not blank, within the limit, storable):
     * look at their argument checks.
     */
    @Test
    default void conversationOptionSettersRejectBlankTooLongAndUnstorableText() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String c = a.conversation().id();
        for (String bad : List.of("", "  ", "nul\0", "lone \uD800")) {
            expectInvalid("provider", () -> alice().conversations().setModel(c, bad, "m"));
            expectInvalid("model", () -> alice().conversations().setModel(c, "p", bad));
            expectInvalid("systemPrompt", () -> alice().conversations().setSystemPrompt(c, bad));
        }
        expectInvalid("provider", () -> alice().conversations().setModel(c, "p".repeat(Limits.PROVIDER_MAX + 1), "m"));
        expectInvalid("model", () -> alice().conversations().setModel(c, "p", "m".repeat(Limits.MODEL_NAME_MAX + 1)));
        expectInvalid("systemPrompt", () -> alice().conversations().setSystemPrompt(c, "s".repeat(Limits.SYSTEM_PROMPT_MAX + 1)));
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * patchMetadata, mergePreferences and replacePreferences check the raw map like replaceMetadata: look for a
     * missing Check.metadata call.
     */
    @Test
    default void jsonPatchesAndPreferencesRejectWhatJsonCannotHold() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String c = a.conversation().id();
        List<Map<String, ?>> bad = List.<Map<String, ?>>of(
                Map.of("nan", Double.NaN),
                Map.of("nested", Map.of("inf", Double.POSITIVE_INFINITY)),
                Map.of("object", new Object()),
                Map.of("nul", "a\0b"),
                Map.of("lone\uD800", "v"),
                Map.of("huge", "x".repeat(Limits.METADATA_MAX + 1)));
        for (Map<String, ?> map : bad) {
            expectInvalid("patch", () -> alice().conversations().patchMetadata(c, map));
            expectInvalid("patch", () -> alice().profile().mergePreferences(map));
            expectInvalid("preferences", () -> alice().profile().replacePreferences(map));
        }
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * A cursor the store did not issue is InvalidInputException("cursor") in the new listings, and a branch cursor of
     * one conversation does not work on another: look at cursor decoding and scope.
     */
    @Test
    default void garbledAndForeignCursorsAreInvalidInTheNewListings() {
        SeededUser a = seed(alice());
        UserSnapshot before = a.snapshot();
        String c = a.conversation().id();
        String m = a.reply().id();
        for (String cursor : List.of("garbage", "eyJ4IjoxfQ", "AAAAAAAAAAAAAAAA", "🙂", "-1")) {
            expectInvalid("cursor", () -> alice().conversations().listArchived(PageRequest.at(cursor)));
            expectInvalid("cursor", () -> alice().conversations().sidebar(PageRequest.at(cursor)));
            expectInvalid("cursor", () -> alice().messages().branch(c, PageRequest.at(cursor)));
            expectInvalid("cursor", () -> alice().messages().path(m, PageRequest.at(cursor)));
        }
        String other = newConversation(alice()).id();
        fill(alice(), other, 5);
        String branchCursor = alice().messages().branch(other, PageRequest.first(2)).nextCursor();
        assertThat(branchCursor).as("a second branch page exists").isNotNull();
        expectInvalid("cursor", () -> alice().messages().branch(c, PageRequest.at(branchCursor)));
        String messageCursor = alice().messages().newestFirst(other, PageRequest.first(2)).nextCursor();
        expectInvalid("cursor", () -> alice().messages().branch(other, PageRequest.at(messageCursor)));
        expectInvalid("cursor", () -> alice().messages().newestFirst(other, PageRequest.at(branchCursor)));
        alice().conversations().delete(other);
        assertThat(a.snapshot()).as("nothing changed").isEqualTo(before);
    }

    /**
     * Page limits of the new listings: over the maximum is InvalidInputException("limit"), the maximum itself works.
     * Look at the limit checks of listArchived, sidebar (conversations: 100), branch and path (messages: 200).
     */
    @Test
    default void pageLimitsOfTheNewListingsAreChecked() {
        SeededUser a = seed(alice());
        String c = a.conversation().id();
        String m = a.reply().id();
        expectInvalid("limit", () -> alice().conversations().listArchived(PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX + 1)));
        expectInvalid("limit", () -> alice().conversations().sidebar(PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX + 1)));
        expectInvalid("limit", () -> alice().messages().branch(c, PageRequest.first(Limits.MESSAGES_PAGE_MAX + 1)));
        expectInvalid("limit", () -> alice().messages().path(m, PageRequest.first(Limits.MESSAGES_PAGE_MAX + 1)));
        assertThat(alice().conversations().listArchived(PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX)).items()).hasSize(1);
        assertThat(alice().conversations().sidebar(PageRequest.first(Limits.CONVERSATIONS_PAGE_MAX)).items()).hasSize(2);
        assertThat(alice().messages().branch(c, PageRequest.first(Limits.MESSAGES_PAGE_MAX)).items()).hasSize(2);
        assertThat(alice().messages().path(m, PageRequest.first(Limits.MESSAGES_PAGE_MAX)).items()).hasSize(2);
    }

    /**
     * The issue-3 value types reject bad fields when built: look at the record constructors and enum parsers in
     * chatstore-api.
     */
    @Test
    default void theNewValueTypesRejectBadFields() {
        expectInvalid("name", () -> PersonaSpec.of(" ", "D", "x"));
        expectInvalid("displayName", () -> PersonaSpec.of("n", "", "x"));
        expectInvalid("systemInstructions", () -> PersonaSpec.of("n", "D", null));
        expectInvalid("name", () -> PersonaSpec.of("n".repeat(Limits.PERSONA_NAME_MAX + 1), "D", "x"));
        expectInvalid("personalityTraits", () -> PersonaSpec.of("n", "D", "x")
                .withPersonalityTraits(Collections.nCopies(Limits.PERSONA_LIST_MAX + 1, "t")));
        expectInvalid("suggestedOpeners", () -> PersonaSpec.of("n", "D", "x").withSuggestedOpeners(List.of("ok", " ")));
        for (String email : Arrays.asList("no-at-sign", "@example.com", "alice@", " alice@example.com", "alice@example.com ",
                "", "e".repeat(Limits.EMAIL_MAX) + "@x")) {
            expectInvalid("email", () -> new ProfileSpec(email, "A", true));
        }
        expectInvalid("displayName", () -> new ProfileSpec(null, "  ", true));
        expectInvalid("audioDurationMs", () -> Media.audio("s3://a.ogg", -1));
        expectInvalid("audioDurationMs", () -> new Media(List.of(), null, 10L));
        expectInvalid("mediaRefs", () -> Media.refs("s3://ok", " "));
        expectInvalid("promptTokens", () -> new TokenUsage("m", -1, 0));
        expectInvalid("completionTokens", () -> new TokenUsage("m", 0, -1));
        expectInvalid("model", () -> new TokenUsage(" ", 1, 1));
        expectInvalid("mistakeNote", () -> new Feedback(Rating.THUMBS_UP, false, "a note without the flag"));
        expectInvalid("mistakeNote", () -> Feedback.mistake("x".repeat(Limits.ERROR_TEXT_MAX + 1)));
        expectInvalid("toolCallId", () -> new NewMessage(Role.ASSISTANT, "x", null, null, Map.of(), List.of(), null, null,
                null, "call-1"));
        expectInvalid("toolCallId", () -> NewMessage.tool(" ", "x"));
        expectInvalid("provider", () -> NewConversation.untitled().withModel(" ", "m"));
        expectInvalid("systemPrompt", () -> NewConversation.untitled().withSystemPrompt(""));
        expectInvalid("status", () -> PersonaStatus.parse("retired"));
        expectInvalid("status", () -> PersonaStatus.parse("COMING_SOON"));
        expectInvalid("rating", () -> Rating.parse("meh"));
        expectInvalid("type", () -> MessageType.parse("video"));
        assertThat(PersonaStatus.parse("coming_soon")).as("wire names parse").isEqualTo(PersonaStatus.COMING_SOON);
        assertThat(Rating.parse("thumbs_down")).as("wire names parse").isEqualTo(Rating.THUMBS_DOWN);
    }
}

package dev.chatstore.testkit;

import static dev.chatstore.testkit.HostileInput.describe;

import dev.chatstore.AlreadyExistsException;
import dev.chatstore.AppendOptions;
import dev.chatstore.ChatStore;
import dev.chatstore.ConcurrentUpdateException;
import dev.chatstore.ConversationFilter;
import dev.chatstore.EmbeddingKind;
import dev.chatstore.EmbeddingTarget;
import dev.chatstore.FactCategory;
import dev.chatstore.FactQuery;
import dev.chatstore.FactUpdate;
import dev.chatstore.Feedback;
import dev.chatstore.HybridQuery;
import dev.chatstore.IdempotencyConflictException;
import dev.chatstore.IllegalStateTransitionException;
import dev.chatstore.Limits;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.NotFoundException;
import dev.chatstore.PageRequest;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import dev.chatstore.PersonaUnavailableException;
import dev.chatstore.ProfileSpec;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.Rating;
import dev.chatstore.Role;
import dev.chatstore.Settings;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoredFileDeleter;
import dev.chatstore.TextQuery;
import dev.chatstore.VectorQuery;
import dev.chatstore.UserChats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The rows of the hostile input catalogue, operation by operation: for every public operation,
 * the hostile values of each argument (built by {@link HostileInputTable}) and the typed exception
 * each must give. Every call acts as {@code alice} of a store {@link HostileInputCatalogue} seeded.
 * Not API.
 */
final class HostileInputCases {
    private final ChatStore store;
    private final UserChats u;
    private final SeededUser s;
    private final SeededUser bob;
    private final UserChats pager;
    private final int maxInlineBytes;
    private final HostileInputTable t = new HostileInputTable();

    private HostileInputCases(ChatStore store, SeededUser alice, SeededUser bob, UserChats pager, int maxInlineBytes) {
        this.store = store;
        this.u = alice.user();
        this.s = alice;
        this.bob = bob;
        this.pager = pager;
        this.maxInlineBytes = maxInlineBytes;
    }

    /**
     * Every row, for calls as {@code alice}; {@code bob} and {@code pager} own the foreign cursors, and
     * {@code maxInlineBytes} is the store's inline attachment limit.
     */
    static List<HostileInput> all(ChatStore store, SeededUser alice, SeededUser bob, UserChats pager, int maxInlineBytes) {
        HostileInputCases cases = new HostileInputCases(store, alice, bob, pager, maxInlineBytes);
        cases.storeAndPersonas();
        cases.settings();
        cases.conversations();
        cases.messages();
        cases.branches();
        cases.attachments();
        cases.facts();
        cases.profile();
        cases.providers();
        cases.searchCacheUsageAndExport();
        cases.retention();
        cases.search();
        cases.embeddings();
        cases.hybrid();
        cases.foreignCursors();
        return cases.t.rows();
    }

    private void storeAndPersonas() {
        t.requiredText("store.forUser", "userId", Limits.USER_ID_MAX, v -> store.forUser(v));
        t.requiredText("personas.get", "name", Limits.PERSONA_NAME_MAX, v -> store.personas().get(v));
        t.requiredText("personas.setStatus", "name", Limits.PERSONA_NAME_MAX,
                v -> store.personas().setStatus(v, PersonaStatus.DISCONTINUED));
        t.add("personas.setStatus", "status null", "status", () -> store.personas().setStatus(HostileInputCatalogue.PERSONA, null));
        t.add("personas.upsert", "null", "persona", () -> store.personas().upsert(null));
        t.requiredText("personas.upsert", "name", Limits.PERSONA_NAME_MAX, v -> store.personas().upsert(PersonaSpec.of(v, "D", "x")));
        t.requiredText("personas.upsert", "displayName", Limits.DISPLAY_NAME_MAX,
                v -> store.personas().upsert(PersonaSpec.of(HostileInputCatalogue.PERSONA, v, "x")));
        t.requiredText("personas.upsert", "systemInstructions", Limits.PERSONA_TEXT_MAX,
                v -> store.personas().upsert(PersonaSpec.of(HostileInputCatalogue.PERSONA, "D", v)));
        t.optionalText("personas.upsert", "greeting", Limits.CONTENT_MAX,
                v -> store.personas().upsert(PersonaSpec.of(HostileInputCatalogue.PERSONA, "D", "x").withGreeting(v)));
        t.optionalText("personas.upsert", "avatarUrl", Limits.URL_MAX,
                v -> store.personas().upsert(PersonaSpec.of(HostileInputCatalogue.PERSONA, "D", "x").withAvatarUrl(v)));
        t.add("personas.upsert", (Limits.PERSONA_LIST_MAX + 1) + " suggested openers", "suggestedOpeners",
                () -> store.personas().upsert(PersonaSpec.of(HostileInputCatalogue.PERSONA, "D", "x")
                        .withSuggestedOpeners(Collections.nCopies(Limits.PERSONA_LIST_MAX + 1, "o"))));
        t.add("personas.upsert", "a blank trait", "personalityTraits", () -> store.personas().upsert(
                PersonaSpec.of(HostileInputCatalogue.PERSONA, "D", "x").withPersonalityTraits(List.of("ok", " "))));
        t.add("personas.upsert", "a null trait", "personalityTraits", () -> store.personas().upsert(
                PersonaSpec.of(HostileInputCatalogue.PERSONA, "D", "x").withPersonalityTraits(Arrays.asList("ok", null))));
        t.optionalText("personas.list", "category", Limits.DISPLAY_NAME_MAX, v -> store.personas().list(null, v));
        t.add("conversations.create", "a discontinued persona", PersonaUnavailableException.class,
                () -> u.conversations().create(NewConversation.withPersona(HostileInputCatalogue.RETIRED)));
        t.add("conversations.getOrCreateForPersona", "a discontinued persona", PersonaUnavailableException.class,
                () -> u.conversations().getOrCreateForPersona(NewConversation.withPersona(HostileInputCatalogue.RETIRED)));
        t.add("conversations.create", "a second conversation with the same persona", AlreadyExistsException.class,
                () -> u.conversations().create(NewConversation.withPersona(SeededUser.PERSONA)));
    }

    private void settings() {
        for (Map.Entry<String, Settings> settings : Map.of("store.settings", store.settings(),
                "user.settings", u.settings()).entrySet()) {
            String op = settings.getKey();
            Settings st = settings.getValue();
            t.requiredText(op + ".put", "key", Limits.SETTING_KEY_MAX, v -> st.put(v, 1));
            t.requiredText(op + ".get", "key", Limits.SETTING_KEY_MAX, v -> st.get(v));
            t.requiredText(op + ".remove", "key", Limits.SETTING_KEY_MAX, v -> st.remove(v));
            t.jsonValue(op + ".put", "value", v -> st.put(SeededUser.SETTING_KEY, v));
        }
    }

    private void conversations() {
        String conv = s.conversation().id();
        t.add("conversations.create", "null", "conversation", () -> u.conversations().create(null));
        t.add("conversations.getOrCreateForPersona", "null", "conversation", () -> u.conversations().getOrCreateForPersona(null));
        t.add("conversations.getOrCreateForPersona", "no persona", "conversation",
                () -> u.conversations().getOrCreateForPersona(NewConversation.titled("x")));
        t.requiredText("conversations.getOrCreateByExternalKey", "externalKey", Limits.EXTERNAL_KEY_MAX,
                v -> u.conversations().getOrCreateByExternalKey(v, NewConversation.untitled()));
        t.add("conversations.getOrCreateByExternalKey", "null conversation", "conversation",
                () -> u.conversations().getOrCreateByExternalKey("memory-1", null));
        t.requiredText("conversations.findByExternalKey", "externalKey", Limits.EXTERNAL_KEY_MAX,
                v -> u.conversations().findByExternalKey(v));
        t.optionalText("conversations.create", "title", Limits.TITLE_MAX,
                v -> u.conversations().create(new NewConversation(v, null, Map.of())));
        t.optionalText("conversations.create", "personaName", Limits.PERSONA_NAME_MAX,
                v -> u.conversations().create(new NewConversation(null, v, Map.of())));
        t.optionalText("conversations.create", "provider", Limits.PROVIDER_MAX,
                v -> u.conversations().create(new NewConversation(null, null, Map.of(), v, "m", null, false)));
        t.optionalText("conversations.create", "model", Limits.MODEL_NAME_MAX,
                v -> u.conversations().create(new NewConversation(null, null, Map.of(), "p", v, null, false)));
        t.optionalText("conversations.create", "systemPrompt", Limits.SYSTEM_PROMPT_MAX,
                v -> u.conversations().create(new NewConversation(null, null, Map.of(), null, null, v, false)));
        t.jsonMap("conversations.create", "metadata", m -> u.conversations().create(NewConversation.untitled().withMetadata(m)));
        t.malformedIds("conversations.get", "conversationId", conv, id -> u.conversations().get(id));
        t.malformedIds("conversations.rename", "conversationId", conv, id -> u.conversations().rename(id, "x"));
        t.optionalText("conversations.rename", "title", Limits.TITLE_MAX, v -> u.conversations().rename(conv, v));
        t.malformedIds("conversations.replaceMetadata", "conversationId", conv, id -> u.conversations().replaceMetadata(id, Map.of()));
        t.add("conversations.replaceMetadata", "null", "metadata", () -> u.conversations().replaceMetadata(conv, null));
        t.jsonMap("conversations.replaceMetadata", "metadata", m -> u.conversations().replaceMetadata(conv, m));
        t.malformedIds("conversations.patchMetadata", "conversationId", conv, id -> u.conversations().patchMetadata(id, Map.of()));
        t.add("conversations.patchMetadata", "null", "patch", () -> u.conversations().patchMetadata(conv, null));
        t.jsonMap("conversations.patchMetadata", "patch", m -> u.conversations().patchMetadata(conv, m));
        t.malformedIds("conversations.setModel", "conversationId", conv, id -> u.conversations().setModel(id, "p", "m"));
        t.optionalText("conversations.setModel", "provider", Limits.PROVIDER_MAX, v -> u.conversations().setModel(conv, v, "m"));
        t.optionalText("conversations.setModel", "model", Limits.MODEL_NAME_MAX, v -> u.conversations().setModel(conv, "p", v));
        t.malformedIds("conversations.setSystemPrompt", "conversationId", conv, id -> u.conversations().setSystemPrompt(id, "x"));
        t.optionalText("conversations.setSystemPrompt", "systemPrompt", Limits.SYSTEM_PROMPT_MAX,
                v -> u.conversations().setSystemPrompt(conv, v));
        t.malformedIds("conversations.setPinned", "conversationId", conv, id -> u.conversations().setPinned(id, false));
        t.malformedIds("conversations.setArchived", "conversationId", conv, id -> u.conversations().setArchived(id, true));
        t.malformedIds("conversations.markRead", "conversationId", conv, id -> u.conversations().markRead(id));
        t.malformedIds("conversations.tokenTotals", "conversationId", conv, id -> u.conversations().tokenTotals(id));
        t.malformedIds("conversations.delete", "conversationId", conv, id -> u.conversations().delete(id));
        t.listing("conversations.list", Limits.CONVERSATIONS_PAGE_MAX, "conversations", u.userId(), 3,
                p -> u.conversations().list(p));
        t.listing("conversations.listArchived", Limits.CONVERSATIONS_PAGE_MAX, "archived-conversations", u.userId(), 3,
                p -> u.conversations().listArchived(p));
        t.listing("conversations.sidebar", Limits.CONVERSATIONS_PAGE_MAX, "conversations", u.userId(), 3,
                p -> u.conversations().sidebar(p));
        conversationFilters();
    }

    /** Filtered listings: the filter itself (checked when built), a null filter, and the page request with a filter. */
    private void conversationFilters() {
        ConversationFilter tagged = ConversationFilter.metadataContains("tags", "t");
        t.add("conversations.list", "filter null", "filter", () -> u.conversations().list(PageRequest.first(), null));
        t.add("conversations.listArchived", "filter null", "filter",
                () -> u.conversations().listArchived(PageRequest.first(), null));
        t.add("conversations.sidebar", "filter null", "filter", () -> u.conversations().sidebar(PageRequest.first(), null));
        t.requiredText("ConversationFilter.metadataEquals", "key", Limits.FILTER_KEY_MAX,
                v -> u.conversations().list(PageRequest.first(), ConversationFilter.metadataEquals(v, 1)));
        t.requiredText("ConversationFilter.metadataContains", "key", Limits.FILTER_KEY_MAX,
                v -> u.conversations().sidebar(PageRequest.first(), ConversationFilter.metadataContains(v, "t")));
        Map<String, Object> notJson = new LinkedHashMap<>();
        notJson.put("NaN", Double.NaN);
        notJson.put("-Infinity", Double.NEGATIVE_INFINITY);
        notJson.put("BigDecimal -1e400", new BigDecimal("-1e400"));
        notJson.put("an Object", new Object());
        notJson.put("an Instant", Instant.EPOCH);
        notJson.put("a String with NUL", "a\0");
        notJson.put("a lone surrogate", "\uDBFF");
        notJson.put("a map with NaN", Map.of("n", Double.NaN));
        notJson.put("a list with an Object", List.of(new Object()));
        notJson.put("a String over the size limit", "x".repeat(Limits.METADATA_MAX + 1));
        notJson.put("an int[]", new int[] {1});
        notJson.put("2^53", Limits.FILTER_NUMBER_MAX + 1);
        notJson.put("-2^53", -Limits.FILTER_NUMBER_MAX - 1);
        notJson.put("Long.MAX_VALUE", Long.MAX_VALUE);
        notJson.put("a BigInteger of 30 digits", new BigInteger("123456789012345678901234567890"));
        notJson.put("1e300", 1e300);
        notJson.put("2^53 in a nested list", Map.of("l", List.of(1, 9_007_199_254_740_992.0)));
        for (Map.Entry<String, Object> e : notJson.entrySet()) {
            t.add("ConversationFilter.metadataEquals", "value " + e.getKey(), "value",
                    () -> u.conversations().list(PageRequest.first(), ConversationFilter.metadataEquals("k", e.getValue())));
            t.add("ConversationFilter.metadataContains", "value " + e.getKey(), "value",
                    () -> u.conversations().listArchived(PageRequest.first(),
                            ConversationFilter.metadataContains("k", e.getValue())));
        }
        t.add("ConversationFilter.and", (Limits.FILTER_CONDITIONS_MAX + 1) + " conditions", "filter", () -> {
            ConversationFilter filter = ConversationFilter.none();
            for (int i = 0; i <= Limits.FILTER_CONDITIONS_MAX; i++) {
                filter = filter.andMetadataEquals("k" + i, i);
            }
            u.conversations().list(PageRequest.first(), filter);
        });
        t.add("ConversationFilter.and", "a null condition", "condition", () -> ConversationFilter.none().and(null));
        t.add("ConversationFilter.MetadataCondition", "match null", "match",
                () -> new ConversationFilter.MetadataCondition("k", null, 1));
        t.listing("conversations.list (filtered)", Limits.CONVERSATIONS_PAGE_MAX, "conversations", u.userId(), 3,
                p -> u.conversations().list(p, tagged));
        t.listing("conversations.sidebar (filtered)", Limits.CONVERSATIONS_PAGE_MAX, "conversations", u.userId(), 3,
                p -> u.conversations().sidebar(p, tagged));
        t.listing("conversations.listArchived (filtered)", Limits.CONVERSATIONS_PAGE_MAX, "archived-conversations",
                u.userId(), 3, p -> u.conversations().listArchived(p, ConversationFilter.pinned(false)));
    }

    private void messages() {
        String conv = s.conversation().id();
        String msg = s.reply().id();
        t.malformedIds("messages.append", "conversationId", conv, id -> u.messages().append(id, NewMessage.user("x")));
        t.add("messages.append", "null message", "message", () -> u.messages().append(conv, null));
        t.newMessage("messages.append", nm -> u.messages().append(conv, nm));
        t.malformedIds("messages.appendAll", "conversationId", conv, id -> u.messages().appendAll(id, List.of(NewMessage.user("x"))));
        t.add("messages.appendAll", "null list", "messages", () -> u.messages().appendAll(conv, null));
        t.add("messages.appendAll", "a null element", "messages",
                () -> u.messages().appendAll(conv, Arrays.asList(NewMessage.user("ok"), null, NewMessage.user("ok too"))));
        t.add("messages.appendAll", (Limits.BATCH_MAX + 1) + " messages", "messages",
                () -> u.messages().appendAll(conv, Collections.nCopies(Limits.BATCH_MAX + 1, NewMessage.user("x"))));
        t.newMessage("messages.appendAll", nm -> u.messages().appendAll(conv, List.of(NewMessage.user("first"), nm)));
        t.add("messages.appendAll", "a reply to an unknown message last", NotFoundException.class,
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("stored?"), NewMessage.assistant("no")
                        .replyTo(UUID.randomUUID().toString()))));
        t.add("messages.appendAll", "an unknown attachment last", NotFoundException.class,
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("stored?"), NewMessage.user("no")
                        .attachments(UUID.randomUUID().toString()))));
        t.add("messages.appendAll", "a conflicting replay last", IdempotencyConflictException.class,
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("stored?").clientMessageId("new-key"),
                        NewMessage.user("not the request").clientMessageId(SeededUser.CLIENT_MESSAGE_ID))));
        t.add("messages.appendAll", "the same key twice with different payloads", IdempotencyConflictException.class,
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("one").clientMessageId("dup"),
                        NewMessage.user("two").clientMessageId("dup"))));
        t.malformedIds("messages.appendAll(options)", "conversationId", conv,
                id -> u.messages().appendAll(id, List.of(NewMessage.user("x")), AppendOptions.none()));
        t.add("messages.appendAll(options)", "null options", "options",
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("x")), null));
        t.add("messages.appendAll(options)", "null list", "messages",
                () -> u.messages().appendAll(conv, null, AppendOptions.none()));
        t.add("messages.appendAll(options)", "a negative revision", "revision",
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("x")), AppendOptions.none().ifRevision(-1)));
        t.add("messages.appendAll(options)", "a null patch", "patch",
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("x")), AppendOptions.none().patchMetadata(null)));
        t.newMessage("messages.appendAll(options)",
                nm -> u.messages().appendAll(conv, List.of(NewMessage.user("first"), nm), AppendOptions.none()
                        .patchMetadata(Map.of("stored", true))));
        t.add("messages.appendAll(options)", "a stale revision", ConcurrentUpdateException.class,
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("stored?")), AppendOptions.none()
                        .ifRevision(Long.MAX_VALUE).patchMetadata(Map.of("stored", true))));
        t.add("messages.appendAll(options)", "a reply to an unknown message last, with a patch", NotFoundException.class,
                () -> u.messages().appendAll(conv, List.of(NewMessage.user("stored?"), NewMessage.assistant("no")
                        .replyTo(UUID.randomUUID().toString())), AppendOptions.none().patchMetadata(Map.of("stored", true))));
        t.add("messages.append", "a conflicting replay", IdempotencyConflictException.class,
                () -> u.messages().append(conv, NewMessage.user("not the request").clientMessageId(SeededUser.CLIENT_MESSAGE_ID)));
        t.add("messages.append", "a reply to a message of another conversation", NotFoundException.class,
                () -> u.messages().append(s.otherConversation().id(), NewMessage.assistant("x").replyTo(s.request().id())));
        t.malformedIds("messages.get", "messageId", msg, id -> u.messages().get(id));
        t.malformedIds("messages.findReply", "messageId", msg, id -> u.messages().findReply(id));
        t.malformedIds("messages.delete", "messageId", msg, id -> u.messages().delete(id));
        t.malformedIds("messages.byClientMessageId", "conversationId", conv,
                id -> u.messages().byClientMessageId(id, SeededUser.CLIENT_MESSAGE_ID));
        t.requiredText("messages.byClientMessageId", "clientMessageId", Limits.CLIENT_MESSAGE_ID_MAX,
                v -> u.messages().byClientMessageId(conv, v));
        t.malformedIds("messages.newestFirst", "conversationId", conv, id -> u.messages().newestFirst(id, PageRequest.first()));
        t.malformedIds("messages.oldestFirst", "conversationId", conv, id -> u.messages().oldestFirst(id, PageRequest.first()));
        t.malformedIds("messages.after", "conversationId", conv, id -> u.messages().after(id, 0, 10));
        t.malformedIds("messages.latest", "conversationId", conv, id -> u.messages().latest(id, 10));
        t.listing("messages.newestFirst", Limits.MESSAGES_PAGE_MAX, "messages-newest-first", conv, 1,
                p -> u.messages().newestFirst(conv, p));
        t.listing("messages.oldestFirst", Limits.MESSAGES_PAGE_MAX, "messages-oldest-first", conv, 1,
                p -> u.messages().oldestFirst(conv, p));
        for (long seq : new long[] {-1, Long.MIN_VALUE}) {
            t.add("messages.after", "afterSeq " + seq, "afterSeq", () -> u.messages().after(conv, seq, 10));
        }
        for (int limit : new int[] {0, -1, Integer.MIN_VALUE, Limits.MESSAGES_PAGE_MAX + 1, Integer.MAX_VALUE}) {
            t.add("messages.after", "limit " + limit, "limit", () -> u.messages().after(conv, 0, limit));
            t.add("messages.latest", "limit " + limit, "limit", () -> u.messages().latest(conv, limit));
        }
        t.malformedIds("messages.editContent", "messageId", msg, id -> u.messages().editContent(id, "x"));
        t.anyText("messages.editContent", "content", Limits.CONTENT_MAX, v -> u.messages().editContent(msg, v));
        t.malformedIds("messages.setFeedback", "messageId", msg, id -> u.messages().setFeedback(id, Feedback.NONE));
        t.add("messages.setFeedback", "null", "feedback", () -> u.messages().setFeedback(msg, null));
        t.add("messages.setFeedback", "a note without the mistake flag", "mistakeNote",
                () -> u.messages().setFeedback(msg, new Feedback(Rating.THUMBS_UP, false, "note")));
        t.optionalText("messages.setFeedback", "mistakeNote", Limits.ERROR_TEXT_MAX,
                v -> u.messages().setFeedback(msg, Feedback.mistake(v)));
        t.add("messages.setFeedback", "null rating", "rating", () -> u.messages().setFeedback(msg, Feedback.rated(null)));
    }

    private void branches() {
        String conv = s.conversation().id();
        String msg = s.reply().id();
        String request = s.request().id();
        t.malformedIds("messages.branch", "conversationId", conv, id -> u.messages().branch(id, PageRequest.first()));
        t.malformedIds("messages.path", "messageId", msg, id -> u.messages().path(id, PageRequest.first()));
        t.listing("messages.branch", Limits.MESSAGES_PAGE_MAX, "branch", conv, 1, p -> u.messages().branch(conv, p));
        t.listing("messages.path", Limits.MESSAGES_PAGE_MAX, "path", msg, 1, p -> u.messages().path(msg, p));
        t.malformedIds("messages.regenerate", "assistantMessageId", msg, id -> u.messages().regenerate(id, NewMessage.assistant("x")));
        t.add("messages.regenerate", "null reply", "reply", () -> u.messages().regenerate(msg, null));
        t.add("messages.regenerate", "a user message as the reply", "reply", () -> u.messages().regenerate(msg, NewMessage.user("x")));
        t.add("messages.regenerate", "a user message to regenerate", "assistantMessageId",
                () -> u.messages().regenerate(request, NewMessage.assistant("x")));
        t.malformedIds("messages.editIntoBranch", "userMessageId", request,
                id -> u.messages().editIntoBranch(id, NewMessage.user("x")));
        t.add("messages.editIntoBranch", "null edit", "edited", () -> u.messages().editIntoBranch(request, null));
        t.add("messages.editIntoBranch", "an assistant message as the edit", "edited",
                () -> u.messages().editIntoBranch(request, NewMessage.assistant("x")));
        t.add("messages.editIntoBranch", "an assistant message to edit", "userMessageId",
                () -> u.messages().editIntoBranch(msg, NewMessage.user("x")));
        t.malformedIds("messages.selectBranch", "messageId", msg, id -> u.messages().selectBranch(id));
    }

    private void attachments() {
        String conv = s.conversation().id();
        String msg = s.reply().id();
        String file = s.orphanFile().id();
        String processing = s.linkedFile().id();
        t.add("attachments.create", "null", "attachment", () -> u.attachments().create(null));
        t.add("attachments.create", "inline data one byte over the limit", "attachment",
                () -> u.attachments().create(NewAttachment.inline("big.bin", "application/octet-stream", new byte[maxInlineBytes + 1])));
        t.add("attachments.create", "inline data of 1 MiB", "attachment",
                () -> u.attachments().create(NewAttachment.inline("big.bin", "application/octet-stream", new byte[1 << 20])));
        t.add("attachments.create", "null inline data", "data", () -> u.attachments().create(NewAttachment.inline("f", "t/p", null)));
        t.requiredText("attachments.create", "name", Limits.FILE_NAME_MAX,
                v -> u.attachments().create(NewAttachment.stored(v, "text/plain", 1, null, "s3://x")));
        t.requiredText("attachments.create", "mimeType", Limits.MIME_TYPE_MAX,
                v -> u.attachments().create(NewAttachment.inline("f", v, new byte[1])));
        t.requiredText("attachments.create", "storageUri", Limits.STORAGE_URI_MAX,
                v -> u.attachments().create(NewAttachment.stored("f", "text/plain", 1, null, v)));
        for (long size : new long[] {-1, Long.MIN_VALUE}) {
            t.add("attachments.create", "sizeBytes " + size, "sizeBytes",
                    () -> u.attachments().create(NewAttachment.stored("f", "text/plain", size, null, "s3://x")));
        }
        for (String sha : List.of("", "ABC", "A".repeat(64), "g".repeat(64), "0".repeat(63), "0".repeat(65), "' OR 1=1 --")) {
            t.add("attachments.create", "sha256 " + describe(sha), "sha256",
                    () -> u.attachments().create(NewAttachment.stored("f", "text/plain", 1, sha, "s3://x")));
        }
        t.malformedIds("attachments.get", "attachmentId", file, id -> u.attachments().get(id));
        t.malformedIds("attachments.inlineData", "attachmentId", file, id -> u.attachments().inlineData(id));
        t.malformedIds("attachments.markProcessing", "attachmentId", file, id -> u.attachments().markProcessing(id));
        t.malformedIds("attachments.markReady", "attachmentId", processing, id -> u.attachments().markReady(id, null, null));
        t.optionalText("attachments.markReady", "extractedText", Limits.EXTRACTED_TEXT_MAX,
                v -> u.attachments().markReady(processing, v, 1));
        for (int words : new int[] {-1, Integer.MIN_VALUE}) {
            t.add("attachments.markReady", "wordCount " + words, "wordCount", () -> u.attachments().markReady(processing, "x", words));
        }
        t.malformedIds("attachments.markError", "attachmentId", processing, id -> u.attachments().markError(id, "x"));
        t.requiredText("attachments.markError", "errorText", Limits.ERROR_TEXT_MAX, v -> u.attachments().markError(processing, v));
        t.add("attachments.markProcessing", "a ready file", IllegalStateTransitionException.class,
                () -> u.attachments().markProcessing(s.readyFile().id()));
        t.add("attachments.markReady", "an uploading file", IllegalStateTransitionException.class,
                () -> u.attachments().markReady(file, "x", 1));
        t.malformedIds("attachments.linkToConversation", "attachmentId", file, id -> u.attachments().linkToConversation(id, conv));
        t.malformedIds("attachments.linkToConversation", "conversationId", conv, id -> u.attachments().linkToConversation(file, id));
        t.malformedIds("attachments.listForMessage", "messageId", msg, id -> u.attachments().listForMessage(id));
        t.malformedIds("attachments.listForConversation", "conversationId", conv, id -> u.attachments().listForConversation(id));
        t.malformedIds("attachments.delete", "attachmentId", file, id -> u.attachments().delete(id));
        for (int limit : new int[] {0, -1, Integer.MIN_VALUE, Limits.ATTACHMENTS_LIST_MAX + 1, Integer.MAX_VALUE}) {
            t.add("attachments.orphans", "limit " + limit, "limit", () -> u.attachments().orphans(limit));
        }
    }

    private void facts() {
        String conv = s.conversation().id();
        String fact = s.plainFact().id();
        String request = s.request().id();
        t.add("facts.add", "null", "fact", () -> u.facts().add(null));
        t.add("facts.add", "null category", "category", () -> u.facts().add(NewFact.of(null, "x", 0.5)));
        t.requiredText("facts.add", "content", Limits.FACT_CONTENT_MAX, v -> u.facts().add(NewFact.of(FactCategory.FACT, v, 0.5)));
        t.unitInterval("facts.add", "confidence", d -> u.facts().add(NewFact.of(FactCategory.FACT, "x", d)));
        t.malformedIds("facts.add", "sourceConversationId", conv,
                id -> u.facts().add(new NewFact(FactCategory.FACT, "x", 0.5, id, null)), false);
        t.malformedIds("facts.add", "sourceMessageId", request,
                id -> u.facts().add(new NewFact(FactCategory.FACT, "x", 0.5, conv, id)), false);
        t.add("facts.add", "a source message without its conversation", "sourceConversationId",
                () -> u.facts().add(new NewFact(FactCategory.FACT, "x", 0.5, null, request)));
        t.add("facts.add", "a source message of another conversation", NotFoundException.class,
                () -> u.facts().add(NewFact.of(FactCategory.FACT, "x", 0.5).learnedFrom(s.otherConversation().id(), request)));
        t.malformedIds("facts.get", "factId", fact, id -> u.facts().get(id));
        t.malformedIds("facts.update", "factId", fact, id -> u.facts().update(id, FactUpdate.content("x")));
        t.add("facts.update", "null", "update", () -> u.facts().update(fact, null));
        t.add("facts.update", "no change", "update", () -> u.facts().update(fact, new FactUpdate(null, null)));
        t.requiredText("facts.update", "content", Limits.FACT_CONTENT_MAX, v -> u.facts().update(fact, FactUpdate.content(v)));
        t.unitInterval("facts.update", "confidence", d -> u.facts().update(fact, FactUpdate.confidence(d)));
        t.malformedIds("facts.deactivate", "factId", fact, id -> u.facts().deactivate(id));
        t.malformedIds("facts.delete", "factId", fact, id -> u.facts().delete(id));
        t.add("facts.list", "null query", "query", () -> u.facts().list(null, PageRequest.first()));
        t.unitInterval("facts.list", "minConfidence", d -> u.facts().list(FactQuery.all().withMinConfidence(d), PageRequest.first()));
        t.add("facts.list", "null category filter", "category", () -> u.facts().list(FactQuery.all().withCategory(null), PageRequest.first()));
        t.listing("facts.list", Limits.FACTS_PAGE_MAX, "facts", u.userId(), 2, p -> u.facts().list(FactQuery.all(), p));
    }

    private void profile() {
        t.add("profile.upsert", "null", "profile", () -> u.profile().upsert(null));
        t.optionalText("profile.upsert", "displayName", Limits.DISPLAY_NAME_MAX, v -> u.profile().upsert(new ProfileSpec(null, v, true)));
        for (String email : Arrays.asList("", " ", "no-at-sign", "@example.com", "alice@", " alice@example.com",
                "alice@example.com ", "e".repeat(Limits.EMAIL_MAX) + "@x", "a\0@example.com", "a\uD800@example.com")) {
            t.add("profile.upsert", "email " + describe(email), "email", () -> u.profile().upsert(new ProfileSpec(email, "A", true)));
        }
        t.add("profile.upsert", "another user's email", AlreadyExistsException.class,
                () -> u.profile().upsert(new ProfileSpec(bob.profile().email(), "A", true)));
        t.add("profile.mergePreferences", "null", "patch", () -> u.profile().mergePreferences(null));
        t.jsonMap("profile.mergePreferences", "patch", m -> u.profile().mergePreferences(m));
        t.add("profile.replacePreferences", "null", "preferences", () -> u.profile().replacePreferences(null));
        t.jsonMap("profile.replacePreferences", "preferences", m -> u.profile().replacePreferences(m));
        t.malformedIds("profile.setActiveConversation", "conversationId", s.conversation().id(),
                id -> u.profile().setActiveConversation(id), false);
    }

    private void providers() {
        String provider = HostileInputCatalogue.PROVIDER;
        t.add("providers.put", "null", "spec", () -> u.providers().put(null));
        t.requiredText("providers.put", "providerId", Limits.PROVIDER_MAX, v -> u.providers().put(ProviderConfigSpec.of(v)));
        t.optionalText("providers.put", "baseUrl", Limits.URL_MAX,
                v -> u.providers().put(ProviderConfigSpec.of(provider).withBaseUrl(v)));
        t.optionalText("providers.put", "apiKey", Limits.API_KEY_MAX,
                v -> u.providers().put(ProviderConfigSpec.of(provider).withApiKey(v)));
        t.add("providers.put", "null model preferences", "modelPreferences",
                () -> u.providers().put(ProviderConfigSpec.of(provider).withModelPreferences(null)));
        t.jsonMap("providers.put", "modelPreferences", m -> u.providers().put(ProviderConfigSpec.of(provider).withModelPreferences(m)));
        t.requiredText("providers.get", "providerId", Limits.PROVIDER_MAX, v -> u.providers().get(v));
        t.requiredText("providers.apiKey", "providerId", Limits.PROVIDER_MAX, v -> u.providers().apiKey(v));
        t.requiredText("providers.clearApiKey", "providerId", Limits.PROVIDER_MAX, v -> u.providers().clearApiKey(v));
        t.requiredText("providers.delete", "providerId", Limits.PROVIDER_MAX, v -> u.providers().delete(v));
    }

    /** A model alice has vectors of, with dimension 3. */
    static final String EMBEDDING_MODEL = "hostile-embedder";

    /** Vectors that are not vectors: null, empty, NaN, infinite, zero, too long, of the wrong dimension. */
    private static Map<String, float[]> badVectors() {
        Map<String, float[]> bad = new java.util.LinkedHashMap<>();
        bad.put("null", null);
        bad.put("empty", new float[0]);
        bad.put("with NaN", new float[] {1, Float.NaN, 0});
        bad.put("with +Infinity", new float[] {1, Float.POSITIVE_INFINITY, 0});
        bad.put("with -Infinity", new float[] {Float.NEGATIVE_INFINITY, 1, 0});
        bad.put("with a NaN of other bits", new float[] {1, Float.intBitsToFloat(0x7fc00001), 0});
        bad.put("zero", new float[3]);
        bad.put("of negative zeros", new float[] {-0.0f, -0.0f, -0.0f});
        bad.put("of " + (Limits.EMBEDDING_DIMENSION_MAX + 1) + " components", filled(Limits.EMBEDDING_DIMENSION_MAX + 1));
        bad.put("of dimension 2 for a model of dimension 3", new float[] {1, 2});
        bad.put("of dimension 4 for a model of dimension 3", new float[] {1, 2, 3, 4});
        return bad;
    }

    private static float[] filled(int dimension) {
        float[] v = new float[dimension];
        Arrays.fill(v, 0.5f);
        return v;
    }

    private void embeddings() {
        String msg = s.request().id();
        String fact = s.plainFact().id();
        String file = s.readyFile().id();
        EmbeddingTarget target = EmbeddingTarget.message(msg);
        float[] ok = {0.25f, -1, 3};
        u.embeddings().put(target, EMBEDDING_MODEL, ok);
        u.embeddings().put(EmbeddingTarget.attachmentChunk(file, 0), EMBEDDING_MODEL, ok, "chunk zero");
        t.add("embeddings.put", "null target", "target", () -> u.embeddings().put(null, EMBEDDING_MODEL, ok));
        t.requiredText("embeddings.put", "model", Limits.MODEL_NAME_MAX, v -> u.embeddings().put(target, v, ok));
        badVectors().forEach((what, v) -> t.add("embeddings.put", "vector " + what, "vector",
                () -> u.embeddings().put(target, EMBEDDING_MODEL, v)));
        t.malformedIds("embeddings.put", "messageId", msg, id -> u.embeddings().put(EmbeddingTarget.message(id), EMBEDDING_MODEL, ok));
        t.malformedIds("embeddings.put", "factId", fact, id -> u.embeddings().put(EmbeddingTarget.fact(id), EMBEDDING_MODEL, ok));
        t.malformedIds("embeddings.put", "attachmentId", file,
                id -> u.embeddings().put(EmbeddingTarget.attachmentChunk(id, 1), EMBEDDING_MODEL, ok));
        for (int index : new int[] {-1, Integer.MIN_VALUE}) {
            t.add("embeddings.put", "chunk index " + index, "chunkIndex",
                    () -> u.embeddings().put(EmbeddingTarget.attachmentChunk(file, index), EMBEDDING_MODEL, ok));
        }
        t.add("embeddings.put", "a message target with chunk index 1", "chunkIndex",
                () -> u.embeddings().put(new EmbeddingTarget(EmbeddingKind.MESSAGE, msg, 1), EMBEDDING_MODEL, ok));
        t.add("embeddings.put", "null kind", "kind", () -> u.embeddings().put(new EmbeddingTarget(null, msg, 0), EMBEDDING_MODEL, ok));
        t.add("embeddings.put", "chunk text on a message", "chunkText", () -> u.embeddings().put(target, EMBEDDING_MODEL, ok, "x"));
        t.add("embeddings.put", "chunk text on a fact", "chunkText",
                () -> u.embeddings().put(EmbeddingTarget.fact(fact), EMBEDDING_MODEL, ok, "x"));
        for (String bad : List.of("x".repeat(Limits.CHUNK_TEXT_MAX + 1), "a\0b", "lone high \uD800", "lone low \uDC00")) {
            t.add("embeddings.put", "chunk text " + describe(bad), "chunkText",
                    () -> u.embeddings().put(EmbeddingTarget.attachmentChunk(file, 0), EMBEDDING_MODEL, ok, bad));
        }
        t.add("embeddings.put", "an unknown message", NotFoundException.class,
                () -> u.embeddings().put(EmbeddingTarget.message(UUID.randomUUID().toString()), EMBEDDING_MODEL, ok));
        t.add("embeddings.put", "an unknown fact", NotFoundException.class,
                () -> u.embeddings().put(EmbeddingTarget.fact(UUID.randomUUID().toString()), EMBEDDING_MODEL, ok));
        t.add("embeddings.put", "an unknown attachment", NotFoundException.class,
                () -> u.embeddings().put(EmbeddingTarget.attachmentChunk(UUID.randomUUID().toString(), 0), EMBEDDING_MODEL, ok));
        t.add("embeddings.put", "bob's message", NotFoundException.class,
                () -> u.embeddings().put(EmbeddingTarget.message(bob.request().id()), EMBEDDING_MODEL, ok));
        t.add("embeddings.put", "bob's fact", NotFoundException.class,
                () -> u.embeddings().put(EmbeddingTarget.fact(bob.plainFact().id()), EMBEDDING_MODEL, ok));
        t.add("embeddings.put", "bob's attachment", NotFoundException.class,
                () -> u.embeddings().put(EmbeddingTarget.attachmentChunk(bob.readyFile().id(), 0), EMBEDDING_MODEL, ok));
        t.add("embeddings.get", "null target", "target", () -> u.embeddings().get(null, EMBEDDING_MODEL));
        t.requiredText("embeddings.get", "model", Limits.MODEL_NAME_MAX, v -> u.embeddings().get(target, v));
        t.malformedIds("embeddings.get", "messageId", msg, id -> u.embeddings().get(EmbeddingTarget.message(id), EMBEDDING_MODEL));
        t.add("embeddings.delete", "null target", "target", () -> u.embeddings().delete(null, EMBEDDING_MODEL));
        t.requiredText("embeddings.delete", "model", Limits.MODEL_NAME_MAX, v -> u.embeddings().delete(target, v));
        t.malformedIds("embeddings.delete", "factId", fact, id -> u.embeddings().delete(EmbeddingTarget.fact(id), EMBEDDING_MODEL));

        t.add("embeddings.nearest", "null query", "query", () -> u.embeddings().nearest(null));
        t.requiredText("embeddings.nearest", "model", Limits.MODEL_NAME_MAX, v -> u.embeddings().nearest(VectorQuery.of(v, ok, 5)));
        badVectors().forEach((what, v) -> t.add("embeddings.nearest", "vector " + what, "vector",
                () -> u.embeddings().nearest(VectorQuery.of(EMBEDDING_MODEL, v, 5))));
        for (int k : new int[] {0, -1, Integer.MIN_VALUE, Limits.NEAREST_MAX + 1, Integer.MAX_VALUE}) {
            t.add("embeddings.nearest", "k " + k, "k", () -> u.embeddings().nearest(VectorQuery.of(EMBEDDING_MODEL, ok, k)));
        }
        t.malformedIds("embeddings.nearest", "conversationId", s.conversation().id(),
                id -> u.embeddings().nearest(VectorQuery.of(EMBEDDING_MODEL, ok, 5).inConversation(id)));
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        t.add("embeddings.nearest", "from after to", "from",
                () -> u.embeddings().nearest(VectorQuery.of(EMBEDDING_MODEL, ok, 5).createdBetween(now, now.minusMillis(1))));
        t.add("embeddings.nearest", "null kinds", "kinds",
                () -> u.embeddings().nearest(VectorQuery.of(EMBEDDING_MODEL, ok, 5).kinds((EmbeddingKind[]) null)));
        t.add("embeddings.nearest", "a null kind", "kinds",
                () -> u.embeddings().nearest(VectorQuery.of(EMBEDDING_MODEL, ok, 5).kinds(EmbeddingKind.FACT, null)));
        t.add("embeddings.nearest", "null roles", "roles",
                () -> u.embeddings().nearest(VectorQuery.of(EMBEDDING_MODEL, ok, 5).roles((Role[]) null)));
        t.add("embeddings.nearest", "a null role", "roles",
                () -> u.embeddings().nearest(VectorQuery.of(EMBEDDING_MODEL, ok, 5).roles(Role.USER, null)));
        t.requiredText("embeddings.buildApproximateIndex", "model", Limits.MODEL_NAME_MAX,
                v -> u.embeddings().buildApproximateIndex(v));
    }

    private void hybrid() {
        TextQuery words = TextQuery.of("monad");
        float[] ok = {0.25f, -1, 3};
        VectorQuery vector = VectorQuery.of(EMBEDDING_MODEL, ok, 5);
        t.add("search.hybrid", "null query", "query", () -> u.search().hybrid(null));
        t.add("HybridQuery.of", "null text", "text", () -> HybridQuery.of(null, vector));
        t.add("HybridQuery.of", "null vector", "vector", () -> HybridQuery.of(words, null));
        for (int limit : new int[] {0, -1, Integer.MIN_VALUE, Limits.HYBRID_LIMIT_MAX + 1, Integer.MAX_VALUE}) {
            t.add("HybridQuery.limit", "limit " + limit, "limit", () -> HybridQuery.of(words, vector).limit(limit));
        }
        for (int candidates : new int[] {0, -1, Integer.MIN_VALUE, Limits.HYBRID_CANDIDATES_MAX + 1, Integer.MAX_VALUE}) {
            t.add("HybridQuery.candidates", "candidates " + candidates, "candidates",
                    () -> HybridQuery.of(words, vector).candidates(candidates));
        }
        for (int constant : new int[] {-1, Integer.MIN_VALUE, Limits.RRF_CONSTANT_MAX + 1, Integer.MAX_VALUE}) {
            t.add("HybridQuery.rankConstant", "rank constant " + constant, "rankConstant",
                    () -> HybridQuery.of(words, vector).rankConstant(constant));
        }
        for (float[] wrong : List.of(new float[] {1, 2}, new float[] {1, 2, 3, 4})) {
            t.add("search.hybrid", "a vector of dimension " + wrong.length + " for a model of dimension 3", "vector",
                    () -> u.search().hybrid(HybridQuery.of(words, VectorQuery.of(EMBEDDING_MODEL, wrong, 5))));
        }
    }

    private void searchCacheUsageAndExport() {
        String query = SeededUser.QUERY;
        t.requiredText("searchCache.put", "query", Limits.QUERY_MAX, v -> u.searchCache().put(v, List.of(), Duration.ofMinutes(1)));
        t.add("searchCache.put", "a query of only no-break spaces", "query",
                () -> u.searchCache().put("\u00a0\u2007\u202f", List.of(), Duration.ofMinutes(1)));
        t.jsonValue("searchCache.put", "results", v -> u.searchCache().put(query, v, Duration.ofMinutes(1)));
        for (Duration ttl : Arrays.asList(null, Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(Long.MIN_VALUE))) {
            t.add("searchCache.put", "ttl " + ttl, "ttl", () -> u.searchCache().put(query, List.of(), ttl));
        }
        t.requiredText("searchCache.get", "query", Limits.QUERY_MAX, v -> u.searchCache().get(v));
        t.requiredText("searchCache.invalidate", "query", Limits.QUERY_MAX, v -> u.searchCache().invalidate(v));
        t.add("usage", "null from", "from", () -> u.usage(null, Instant.now()));
        t.add("usage", "null to", "to", () -> u.usage(Instant.now(), null));
        t.add("usage", "from after to", "from", () -> u.usage(Instant.MAX, Instant.MIN));
        t.add("exportTo", "null", "out", () -> u.exportTo(null));
    }

    /** Store-wide retention: null and negative durations, a null callback (which must never be called). */
    private void retention() {
        StoreAdmin admin = store.admin();
        StoredFileDeleter never = uri -> {
            throw new AssertionError("the callback of a rejected purge was called with " + uri);
        };
        for (Duration age : Arrays.asList(null, Duration.ofMillis(-1), Duration.ofNanos(-1), Duration.ofSeconds(Long.MIN_VALUE))) {
            String input = age == null ? "null" : age.toString();
            t.add("admin.purgeOrphanedAttachments", "olderThan " + input, "olderThan",
                    () -> admin.purgeOrphanedAttachments(age, never));
            t.add("admin.archiveInactive", "inactiveFor " + input, "inactiveFor", () -> admin.archiveInactive(age));
            t.add("admin.deleteArchived", "archivedFor " + input, "archivedFor", () -> admin.deleteArchived(age));
        }
        t.add("admin.purgeOrphanedAttachments", "deleter null", "deleter",
                () -> admin.purgeOrphanedAttachments(Duration.ZERO, null));
        t.add("admin.purgeOrphanedAttachments", "olderThan and deleter null", "olderThan",
                () -> admin.purgeOrphanedAttachments(null, null));
    }

    /** Search queries: malformed syntax, hostile characters, sizes; and the search call's own arguments. */
    private void search() {
        for (String text : Arrays.asList(null, "", "   ", "\"unclosed phrase", "\"\"", "-", "- lisbon", "OR", "lisbon OR",
                "OR lisbon", "lisbon OR -porto", "-lisbon", "-lisbon -porto", "%", "%%%", "_", "***", "'", "\\",
                "\"%\"", "nul\0byte", "\uD800lone", "x".repeat(Limits.SEARCH_TEXT_MAX + 1), "y".repeat(10_000),
                "w ".repeat(Limits.SEARCH_TERMS_MAX + 1))) {
            t.add("TextQuery.of", describe(text), "text", () -> TextQuery.of(text));
        }
        TextQuery query = TextQuery.of("monad");
        t.add("search.text", "null query", "query", () -> u.search().text(null, PageRequest.first()));
        t.add("search.text", "null page", "page", () -> u.search().text(query, null));
        t.add("search.text", (Limits.SEARCH_PAGE_MAX + 1) + " hits a page", "limit",
                () -> u.search().text(query, PageRequest.first(Limits.SEARCH_PAGE_MAX + 1)));
        t.add("search.text", "a garbled cursor", "cursor", () -> u.search().text(query, PageRequest.at("not-a-cursor")));
        t.add("TextQuery.inConversation", "a malformed id", "conversationId", () -> query.inConversation("x"));
        t.add("TextQuery.inConversations", "a null filter", "filter", () -> query.inConversations(null));
        t.add("TextQuery.onlyRoles", "a null role", "roles", () -> query.onlyRoles(null));
        t.add("TextQuery.onlyRoles", "a null among more", "roles",
                () -> query.onlyRoles(dev.chatstore.Role.USER, (dev.chatstore.Role) null));
        t.add("TextQuery.onlyKinds", "a null kind", "kinds", () -> query.onlyKinds(null));
        t.add("TextQuery.between", "from after to", "from",
                () -> query.between(Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")));
    }

    /** Cursors the store did issue, but for another conversation, user or listing. */
    private void foreignCursors() {
        String conv = s.conversation().id();
        String other = s.otherConversation().id();
        String newestFirstOfOther = secondPage(u.messages().newestFirst(other, PageRequest.first(1)).nextCursor());
        String oldestFirstOfOther = secondPage(u.messages().oldestFirst(other, PageRequest.first(1)).nextCursor());
        String branchOfConv = secondPage(u.messages().branch(conv, PageRequest.first(1)).nextCursor());
        String newestFirstOfConv = secondPage(s.messageCursor());
        String listOfAlice = secondPage(u.conversations().list(PageRequest.first(1)).nextCursor());
        String factsOfAlice = secondPage(u.facts().list(FactQuery.all(), PageRequest.first(1)).nextCursor());
        String bobs = secondPage(bob.messageCursor());
        String pagersList = secondPage(pager.conversations().list(PageRequest.first(1)).nextCursor());
        String pagersArchived = secondPage(pager.conversations().listArchived(PageRequest.first(1)).nextCursor());
        String pagersFacts = secondPage(pager.facts().list(FactQuery.all(), PageRequest.first(1)).nextCursor());
        t.add("messages.newestFirst", "a cursor of another conversation", "cursor",
                () -> u.messages().newestFirst(conv, PageRequest.at(newestFirstOfOther)));
        t.add("messages.oldestFirst", "a cursor of another conversation", "cursor",
                () -> u.messages().oldestFirst(conv, PageRequest.at(oldestFirstOfOther)));
        t.add("messages.newestFirst", "a cursor of another user's conversation", "cursor",
                () -> u.messages().newestFirst(conv, PageRequest.at(bobs)));
        t.add("messages.branch", "a branch cursor of another conversation", "cursor",
                () -> u.messages().branch(other, PageRequest.at(branchOfConv)));
        t.add("conversations.list", "another user's list cursor", "cursor",
                () -> u.conversations().list(PageRequest.at(pagersList)));
        t.add("conversations.sidebar", "another user's list cursor", "cursor",
                () -> u.conversations().sidebar(PageRequest.at(pagersList)));
        t.add("conversations.listArchived", "another user's archived-list cursor", "cursor",
                () -> u.conversations().listArchived(PageRequest.at(pagersArchived)));
        t.add("facts.list", "another user's fact cursor", "cursor",
                () -> u.facts().list(FactQuery.all(), PageRequest.at(pagersFacts)));
        t.add("messages.oldestFirst", "a newest-first cursor", "cursor",
                () -> u.messages().oldestFirst(conv, PageRequest.at(newestFirstOfConv)));
        t.add("messages.branch", "a newest-first cursor", "cursor", () -> u.messages().branch(conv, PageRequest.at(newestFirstOfConv)));
        t.add("messages.newestFirst", "a branch cursor", "cursor", () -> u.messages().newestFirst(conv, PageRequest.at(branchOfConv)));
        t.add("messages.oldestFirst", "a conversation-list cursor", "cursor",
                () -> u.messages().oldestFirst(conv, PageRequest.at(listOfAlice)));
        t.add("messages.oldestFirst", "a fact cursor", "cursor", () -> u.messages().oldestFirst(conv, PageRequest.at(factsOfAlice)));
        t.add("conversations.list", "a message cursor", "cursor", () -> u.conversations().list(PageRequest.at(newestFirstOfConv)));
        t.add("facts.list", "a message cursor", "cursor", () -> u.facts().list(FactQuery.all(), PageRequest.at(newestFirstOfConv)));
        t.add("facts.list", "a conversation-list cursor", "cursor", () -> u.facts().list(FactQuery.all(), PageRequest.at(listOfAlice)));
        String unpinnedOfAlice = secondPage(u.conversations().list(PageRequest.first(1), ConversationFilter.pinned(false))
                .nextCursor());
        t.add("conversations.list", "a cursor of another filter", "cursor", () -> u.conversations().list(
                PageRequest.at(unpinnedOfAlice), ConversationFilter.pinned(false).andMetadataEquals("k", 1)));
        t.add("conversations.list", "a filtered cursor without the filter", "cursor",
                () -> u.conversations().list(PageRequest.at(unpinnedOfAlice)));
        t.add("conversations.sidebar", "an unfiltered cursor with a filter", "cursor",
                () -> u.conversations().sidebar(PageRequest.at(listOfAlice), ConversationFilter.pinned(false)));
        String unpinnedOfPager = secondPage(pager.conversations().list(PageRequest.first(1), ConversationFilter.pinned(false))
                .nextCursor());
        t.add("conversations.list", "another user's cursor with the same filter", "cursor",
                () -> u.conversations().list(PageRequest.at(unpinnedOfPager), ConversationFilter.pinned(false)));
    }

    /** A next cursor the seeded data must provide; without it a row would pass for the wrong reason. */
    private static String secondPage(String cursor) {
        return Objects.requireNonNull(cursor, "the seeded data should give this listing a second page");
    }
}

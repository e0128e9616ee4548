package dev.chatstore.reliability;

import dev.chatstore.Attachment;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.Feedback;
import dev.chatstore.Media;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.MessageType;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.PersonaSpec;
import dev.chatstore.ProfileSpec;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.Rating;
import dev.chatstore.TokenUsage;
import dev.chatstore.UserChats;
import dev.chatstore.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Seeds users with one of everything, so that a snapshot has something to lose. Not thread-safe. */
final class Seeds {
    /** The persona every seeded user has a conversation with (active, with a greeting). */
    static final String PERSONA = "tutor";
    /** A discontinued persona: no new conversation can start with it. */
    static final String RETIRED = "retired";
    /** The client message id of every seeded user's request. */
    static final String CLIENT_MESSAGE_ID = "client-1";
    /** A per-user setting every seeded user has. */
    static final String SETTING_KEY = "locale";
    /** The provider every seeded user has configured with an API key. */
    static final String PROVIDER = "openai";
    /** The search every seeded user has cached. */
    static final String QUERY = "lisbon restaurants";
    /** A store-wide setting. */
    static final String STORE_SETTING_KEY = "maintenance.window";

    private Seeds() {
    }

    /**
     * The ids of what a seeded user has.
     *
     * @param conversation      titled, with {@link #PERSONA} (greeting first), metadata; holds request, reply, regenerated
     * @param request           a user message with {@link #CLIENT_MESSAGE_ID}
     * @param reply             the assistant's reply to request, with linkedFile attached; the chosen branch's tip
     * @param regenerated       a second answer to request, on a branch that is not chosen
     * @param otherConversation untitled; holds otherMessage and a tool message
     * @param archived          archived and pinned, with model, provider and system prompt; holds imageMessage
     * @param linkedFile        a stored file in status processing, linked to reply
     * @param orphanFile        an inline file in status uploading, linked nowhere
     * @param readyFile         a stored file in status ready, linked to conversation directly
     * @param sourcedFact       learned from request
     * @param plainFact         without a source
     * @param messageCursor     a next cursor of conversation's newest-first listing
     */
    record SeededUser(String userId, String conversation, String request, String reply, String regenerated,
                      String otherConversation, String otherMessage, String archived, String imageMessage,
                      String linkedFile, String orphanFile, String readyFile, String sourcedFact, String plainFact,
                      String messageCursor) {
    }

    /** Creates the store-wide data: the persona and a store setting. */
    static void seedStore(ChatStore store) {
        store.personas().upsert(PersonaSpec.of(PERSONA, "Tutor", "You teach patiently.")
                .withGreeting("Hello! What shall we learn?").withCategory("teaching")
                .withSuggestedOpeners(List.of("Teach me monads")));
        store.personas().upsert(PersonaSpec.of(RETIRED, "Retired", "You are gone.").withStatus(dev.chatstore.PersonaStatus.DISCONTINUED));
        store.settings().put(STORE_SETTING_KEY, Map.of("day", "sunday", "hours", List.of(2, 3)));
    }

    static SeededUser seed(ChatStore store, String userId, TestClock clock) {
        UserChats user = store.forUser(userId);
        Duration step = Duration.ofSeconds(1);
        Conversation conversation = user.conversations().create(NewConversation.withPersona(PERSONA).withTitle("Seeded")
                .withMetadata(Map.of("origin", "seed", "tags", List.of("a", "b"))).withGreeting());
        clock.advance(step);
        Conversation other = user.conversations().create(NewConversation.untitled());
        clock.advance(step);
        Attachment linkedFile = user.attachments().create(
                NewAttachment.stored("notes.pdf", "application/pdf", 2048, null, "s3://bucket/" + userId + "/notes.pdf"));
        user.attachments().markProcessing(linkedFile.id());
        Attachment orphanFile = user.attachments().create(
                NewAttachment.inline("tiny.bin", "application/octet-stream", new byte[] {1, 2, 3, 0, -1}));
        Attachment readyFile = user.attachments().create(
                NewAttachment.stored("scan.png", "image/png", 10, null, "s3://bucket/" + userId + "/scan.png"));
        user.attachments().markProcessing(readyFile.id());
        user.attachments().markReady(readyFile.id(), "extracted words", 2);
        user.attachments().linkToConversation(readyFile.id(), conversation.id());
        clock.advance(step);
        Message request = user.messages().append(conversation.id(),
                NewMessage.user("What is a monad?").clientMessageId(CLIENT_MESSAGE_ID)).message();
        clock.advance(step);
        Message reply = user.messages().append(conversation.id(),
                NewMessage.assistant("A monoid in the category of endofunctors.").replyTo(request.id())
                        .metadata(Map.of("model", "m-1", "confidence", 0.75)).attachments(linkedFile.id())
                        .usage(TokenUsage.of("m-1", 12, 34))).message();
        clock.advance(step);
        Message regenerated = user.messages().regenerate(reply.id(), NewMessage.assistant("Try burritos.")).message();
        user.messages().selectBranch(reply.id());
        clock.advance(step);
        Message otherMessage = user.messages().append(other.id(), NewMessage.user("Hello again")).message();
        user.messages().append(other.id(), NewMessage.tool("call-1", "{\"temp\": 21}"));
        clock.advance(step);
        MemoryFact sourcedFact = user.facts().add(
                NewFact.of(FactCategory.GOAL, "Wants to learn Haskell", 0.9).learnedFrom(conversation.id(), request.id()));
        MemoryFact plainFact = user.facts().add(NewFact.of(FactCategory.PREFERENCE, "Likes short answers", 0.6));
        user.facts().add(NewFact.of(FactCategory.SKILL, "Knows Java", 0.6));
        user.facts().deactivate(user.facts().add(NewFact.of(FactCategory.FACT, "Lived in Porto", 0.3)).id());
        clock.advance(step);
        Conversation archived = user.conversations().create(NewConversation.titled("Old chat")
                .withModel("openai", "gpt-4o").withSystemPrompt("Be brief."));
        Message imageMessage = user.messages().append(archived.id(), NewMessage.user("Look at this")
                .type(MessageType.IMAGE).media(Media.refs("s3://bucket/cat.png", "s3://bucket/dog.png"))).message();
        user.messages().setFeedback(imageMessage.id(), Feedback.rated(Rating.THUMBS_DOWN));
        user.conversations().setPinned(archived.id(), true);
        user.conversations().setArchived(archived.id(), true);
        clock.advance(step);
        user.profile().upsert(new ProfileSpec(userId + "@example.com", "Seeded " + userId, true));
        user.profile().mergePreferences(Map.of("theme", "dark", "notifications", Map.of("email", false)));
        user.profile().setActiveConversation(conversation.id());
        user.profile().touch();
        user.settings().put(SETTING_KEY, "en-GB");
        user.settings().put("ui", Map.of("fontSize", 14, "dense", true));
        user.providers().put(ProviderConfigSpec.of(PROVIDER).withApiKey("sk-" + userId + "-key")
                .withBaseUrl("https://api.example.com").withModelPreferences(Map.of("default", "gpt-4o")));
        user.providers().put(ProviderConfigSpec.of("local").withEnabled(false));
        user.searchCache().put(QUERY, List.of(Map.of("title", "Time Out Market", "rank", 1)), Duration.ofDays(365));
        clock.advance(step);
        String cursor = user.messages().newestFirst(conversation.id(), dev.chatstore.PageRequest.first(1)).nextCursor();
        return new SeededUser(userId, conversation.id(), request.id(), reply.id(), regenerated.id(), other.id(),
                otherMessage.id(), archived.id(), imageMessage.id(), linkedFile.id(), orphanFile.id(), readyFile.id(),
                sourcedFact.id(), plainFact.id(), cursor);
    }
}

package dev.chatstore.testkit;

import dev.chatstore.Attachment;
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
import dev.chatstore.PageRequest;
import dev.chatstore.ProfileSpec;
import dev.chatstore.Rating;
import dev.chatstore.TokenUsage;
import dev.chatstore.UserChats;
import dev.chatstore.UserProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A user with one of everything, for rules that check another user can neither see nor change it,
 * and that rejected input changes nothing. Immutable (the records it holds are snapshots taken
 * when it was seeded; {@link #snapshot()} and {@link #messageCursor()} read the current state).
 *
 * @param conversation      titled, with persona {@value #PERSONA} and metadata; holds request, reply and regenerated
 * @param otherConversation untitled; holds otherMessage
 * @param request           a user message with client message id {@value #CLIENT_MESSAGE_ID}
 * @param reply             the assistant's reply to request, with linkedFile attached and token usage; the
 *                          tip of the chosen branch
 * @param regenerated       a second answer to request, on a branch that is not chosen
 * @param otherMessage      a user message in otherConversation
 * @param linkedFile        a stored file, linked to reply (and so to conversation), status processing
 * @param orphanFile        an inline file linked nowhere
 * @param readyFile         a stored file in status ready, with extracted text, linked to conversation directly
 * @param sourcedFact       a fact learned from request in conversation
 * @param plainFact         a fact without a source
 * @param archived          an archived, pinned conversation with model, provider and system prompt; holds
 *                          imageMessage
 * @param imageMessage      an image message with media references and thumbs-down feedback
 * @param profile           email {@code <userId>@example.com}, preferences, {@code conversation} as the active one
 *                          (the user also has the setting {@value #SETTING_KEY} and the search {@value #QUERY}
 *                          cached for a year)
 */
public record SeededUser(
        UserChats user,
        Conversation conversation,
        Conversation otherConversation,
        Message request,
        Message reply,
        Message regenerated,
        Message otherMessage,
        Attachment linkedFile,
        Attachment orphanFile,
        Attachment readyFile,
        MemoryFact sourcedFact,
        MemoryFact plainFact,
        Conversation archived,
        Message imageMessage,
        UserProfile profile) {

    public static final String PERSONA = "tutor";
    public static final String CLIENT_MESSAGE_ID = "client-1";
    public static final String SETTING_KEY = "locale";
    public static final String QUERY = "lisbon restaurants";

    /**
     * Gives {@code user} one of everything, moving {@code clock} a second between steps so that times
     * differ. The user should have nothing yet (the records are the user's only ones of their kind).
     */
    public static SeededUser create(UserChats user, TestClock clock) {
        Duration step = Duration.ofSeconds(1);
        Conversation conversation = user.conversations().create(
                new NewConversation("Seeded", PERSONA, Map.of("origin", "seed")));
        clock.advance(step);
        Conversation other = user.conversations().create(NewConversation.untitled());
        clock.advance(step);
        Attachment linkedFile = user.attachments().create(
                NewAttachment.stored("notes.pdf", "application/pdf", 2048, null, "s3://bucket/notes.pdf"));
        linkedFile = user.attachments().markProcessing(linkedFile.id());
        clock.advance(step);
        Attachment orphanFile = user.attachments().create(
                NewAttachment.inline("tiny.bin", "application/octet-stream", new byte[] {1, 2, 3}));
        clock.advance(step);
        Message request = user.messages().append(conversation.id(),
                NewMessage.user("What is a monad?").clientMessageId(CLIENT_MESSAGE_ID)).message();
        clock.advance(step);
        Message reply = user.messages().append(conversation.id(),
                NewMessage.assistant("A monoid in the category of endofunctors.").replyTo(request.id())
                        .metadata(Map.of("model", "m-1")).attachments(linkedFile.id())
                        .usage(TokenUsage.of("m-1", 12, 34))).message();
        clock.advance(step);
        Message regenerated = user.messages().regenerate(reply.id(), NewMessage.assistant("Try burritos.")).message();
        user.messages().selectBranch(reply.id());
        clock.advance(step);
        Attachment readyFile = user.attachments().create(
                NewAttachment.stored("scan.png", "image/png", 10, null, "s3://bucket/scan.png"));
        user.attachments().markProcessing(readyFile.id());
        readyFile = user.attachments().markReady(readyFile.id(), "extracted words", 2);
        user.attachments().linkToConversation(readyFile.id(), conversation.id());
        clock.advance(step);
        Message otherMessage = user.messages().append(other.id(), NewMessage.user("Hello again")).message();
        clock.advance(step);
        MemoryFact sourcedFact = user.facts().add(
                NewFact.of(FactCategory.GOAL, "Wants to learn Haskell", 0.9).learnedFrom(conversation.id(), request.id()));
        clock.advance(step);
        MemoryFact plainFact = user.facts().add(NewFact.of(FactCategory.PREFERENCE, "Likes short answers", 0.6));
        clock.advance(step);
        Conversation archived = user.conversations().create(new NewConversation("Old chat", null, Map.of())
                .withModel("openai", "gpt-4o").withSystemPrompt("Be brief."));
        Message imageMessage = user.messages().append(archived.id(), NewMessage.user("Look at this")
                .type(MessageType.IMAGE).media(Media.refs("s3://bucket/cat.png", "s3://bucket/dog.png"))).message();
        imageMessage = user.messages().setFeedback(imageMessage.id(), Feedback.rated(Rating.THUMBS_DOWN));
        user.conversations().setPinned(archived.id(), true);
        user.conversations().setArchived(archived.id(), true);
        clock.advance(step);
        user.profile().upsert(new ProfileSpec(user.userId() + "@example.com", "Seeded " + user.userId(), true));
        user.profile().mergePreferences(Map.of("theme", "dark", "notifications", Map.of("email", false)));
        user.profile().setActiveConversation(conversation.id());
        user.settings().put(SETTING_KEY, "en-GB");
        user.searchCache().put(QUERY, List.of(Map.of("title", "Time Out Market", "rank", 1)), Duration.ofDays(365));
        clock.advance(step);
        return new SeededUser(user, user.conversations().get(conversation.id()).orElseThrow(),
                user.conversations().get(other.id()).orElseThrow(), request, reply, regenerated,
                otherMessage, linkedFile, orphanFile, readyFile, sourcedFact, plainFact, user.conversations().get(archived.id()).orElseThrow(),
                imageMessage, user.profile().get().orElseThrow());
    }

    /** Everything of this user as stored now. */
    public UserSnapshot snapshot() {
        return UserSnapshot.of(user);
    }

    /** A next cursor of {@code conversation}'s newest-first listing, one message per page, as the store issues it now. */
    public String messageCursor() {
        return user.messages().newestFirst(conversation.id(), PageRequest.first(1)).nextCursor();
    }
}

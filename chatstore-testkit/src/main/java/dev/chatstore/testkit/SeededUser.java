package dev.chatstore.testkit;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import java.time.Duration;
import java.util.Map;

/**
 * A user with one of everything, for rules that check another user can neither see nor change it,
 * and that rejected input changes nothing. Immutable (the records it holds are snapshots taken
 * when it was seeded; {@link #snapshot()} reads the current state).
 *
 * @param conversation      titled, with persona {@value #PERSONA} and metadata; holds request and reply
 * @param otherConversation untitled; holds otherMessage
 * @param request           a user message with client message id {@value #CLIENT_MESSAGE_ID}
 * @param reply             the assistant's reply to request, with linkedFile attached
 * @param otherMessage      a user message in otherConversation
 * @param linkedFile        a stored file, linked to reply (and so to conversation), status processing
 * @param orphanFile        an inline file linked nowhere
 * @param sourcedFact       a fact learned from request in conversation
 * @param plainFact         a fact without a source
 */
public record SeededUser(
        UserChats user,
        Conversation conversation,
        Conversation otherConversation,
        Message request,
        Message reply,
        Message otherMessage,
        Attachment linkedFile,
        Attachment orphanFile,
        MemoryFact sourcedFact,
        MemoryFact plainFact) {

    public static final String PERSONA = "tutor";
    public static final String CLIENT_MESSAGE_ID = "client-1";

    static SeededUser create(UserChats user, TestClock clock) {
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
                        .metadata(Map.of("model", "m-1")).attachments(linkedFile.id())).message();
        clock.advance(step);
        Message otherMessage = user.messages().append(other.id(), NewMessage.user("Hello again")).message();
        clock.advance(step);
        MemoryFact sourcedFact = user.facts().add(
                NewFact.of(FactCategory.GOAL, "Wants to learn Haskell", 0.9).learnedFrom(conversation.id(), request.id()));
        clock.advance(step);
        MemoryFact plainFact = user.facts().add(NewFact.of(FactCategory.PREFERENCE, "Likes short answers", 0.6));
        clock.advance(step);
        return new SeededUser(user, user.conversations().get(conversation.id()).orElseThrow(),
                user.conversations().get(other.id()).orElseThrow(), request, reply, otherMessage,
                linkedFile, orphanFile, sourcedFact, plainFact);
    }

    /** Everything of this user as stored now. */
    public UserSnapshot snapshot() {
        return UserSnapshot.of(user);
    }
}

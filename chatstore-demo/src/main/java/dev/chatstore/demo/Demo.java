package dev.chatstore.demo;

import dev.chatstore.Appended;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs chatstore on a SQLite file: one conversation, a user request with a client message id and
 * the assistant's reply linked to it, read back from the file. Run it twice: the second run
 * replays the same request and shows it was not stored again.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "chatstore-demo.db");
        try (SqliteChatStore store = SqliteChatStore.open(file)) {
            UserChats chats = store.forUser("user-42");
            Conversation c = chats.conversations().getOrCreateForPersona(
                    NewConversation.withPersona("lisbon-guide").withTitle("Trip to Lisbon"));

            Appended request = chats.messages().append(c.id(),
                    NewMessage.user("Where should I eat tonight?").clientMessageId("req-1"));
            if (request.replayed()) {
                System.out.println("Request req-1 was a replay: the stored message " + request.message().id()
                        + " was returned, nothing was stored twice.");
            } else {
                System.out.println("Stored request req-1 as message " + request.message().id());
            }
            // The reply is idempotent too, and linked to the request it answers.
            chats.messages().append(c.id(), NewMessage.assistant("Try Time Out Market, then a pastel de nata.")
                    .replyTo(request.message().id())
                    .clientMessageId("req-1-reply")
                    .metadata(Map.of("model", "demo-model", "confidence", 0.92)));

            Conversation readBack = chats.conversations().get(c.id()).orElseThrow();
            System.out.printf("%nConversation \"%s\" in %s: %d messages (schema version %d)%n",
                    readBack.title(), file.toAbsolutePath(), readBack.messageCount(), store.admin().schemaVersion());
            for (Message m : chats.messages().oldestFirst(c.id(), dev.chatstore.PageRequest.first()).items()) {
                System.out.printf("  #%d %-9s %s%s%n", m.seq(), m.role().wireName(), m.content(),
                        m.replyToId() == null ? "" : "  (reply to #" + request.message().seq() + ")");
            }
            Message reply = chats.messages().findReply(request.message().id()).orElseThrow();
            System.out.println("\nThe reply to req-1, found by its link: \"" + reply.content() + "\"");
        }
    }
}

package dev.chatstore.example;

import dev.chatstore.Appended;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.StoreAdmin;
import dev.chatstore.StoreInfo;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Uses a SQLite store the way an application would, once opened with defaults and once through
 * the builder, and prints one line per step for ModularExampleTest to check. Takes the directory
 * for the database files as its argument.
 */
public final class ModularExample {
    static final Instant FIXED_TIME = Instant.parse("2030-01-02T03:04:05Z");

    private ModularExample() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        System.out.println("modules: " + ModularExample.class.getModule().getName()
                + " uses " + SqliteChatStore.class.getModule().getName());

        try (SqliteChatStore store = SqliteChatStore.open(dir.resolve("opened.db"))) {
            System.out.println("open: " + chat(store));
            System.out.println("open: " + admin(store.admin()));
        }
        // clock() is inherited from dev.chatstore.ChatStoreBuilder, in the API module.
        Clock fixed = Clock.fixed(FIXED_TIME, ZoneOffset.UTC);
        try (SqliteChatStore store = SqliteChatStore.builder(dir.resolve("built.db")).clock(fixed).build()) {
            System.out.println("builder: " + chat(store));
            Conversation c = store.forUser("bob").conversations().create(NewConversation.titled("Timed"));
            System.out.println("builder: created " + c.createdAt());
        }
    }

    /** Appends, replays and pages: the engine's SQL, JSON metadata and payload fingerprints all run. */
    private static String chat(ChatStore store) {
        UserChats chats = store.forUser("alice");
        Conversation c = chats.conversations().create(NewConversation.titled("Modules"));
        Appended question = chats.messages().append(c.id(),
                NewMessage.user("Does it run on the module path?").clientMessageId("q-1"));
        Appended replay = chats.messages().append(c.id(),
                NewMessage.user("Does it run on the module path?").clientMessageId("q-1"));
        chats.messages().append(c.id(), NewMessage.assistant("Yes.")
                .replyTo(question.message().id())
                .metadata(Map.of("tone", "plain", "confidence", 0.9)));
        chats.messages().append(c.id(), NewMessage.user("Thanks"));

        Page<Message> first = chats.messages().oldestFirst(c.id(), PageRequest.first(2));
        Page<Message> second = chats.messages().oldestFirst(c.id(), PageRequest.at(first.nextCursor(), 2));
        Message reply = chats.messages().findReply(question.message().id()).orElseThrow();
        return "pages " + contents(first.items()) + " " + contents(second.items())
                + ", replayed " + replay.replayed()
                + ", reply metadata " + reply.metadata().get("tone");
    }

    private static String admin(StoreAdmin admin) {
        StoreInfo info = admin.info();
        return "schema " + admin.schemaVersion() + " of " + admin.latestSchemaVersion()
                + ", backend " + info.backend() + " " + info.serverVersion();
    }

    private static String contents(List<Message> messages) {
        return messages.stream().map(Message::content).collect(Collectors.joining(" | ", "[", "]"));
    }
}

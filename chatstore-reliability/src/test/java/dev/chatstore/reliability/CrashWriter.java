package dev.chatstore.reliability;

import dev.chatstore.Appended;
import dev.chatstore.Conversation;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.PersonaSpec;
import dev.chatstore.UserChats;
import dev.chatstore.sqlite.SqliteChatStore;
import dev.chatstore.sqlite.Synchronous;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link SqliteCrashTest}: opens the store on the file given as the first
 * argument and writes from two threads until it is killed, printing one line to stdout for each
 * write the store acknowledged (after the call returned, so after the commit). Every line ends with
 * {@code " ."}, so the parent can drop a line the kill cut short. Any exception is printed as an
 * {@code ERROR} line and ends the process with status 1. Not a test; started by one.
 *
 * <pre>
 * READY .                                  the store is open
 * ACK conversationId messageId seq clientMessageId .
 * BATCH conversationId key1 key2 key3 .    printed before an appendAll of three keyed messages
 * CONV userId conversationId .             a conversation created with its greeting
 * PATCH conversationId key value .         a metadata patch {key: value}
 * </pre>
 */
public final class CrashWriter {
    static final String USER = "crash";
    static final List<String> PERSONAS = List.of("p0", "p1");
    static final String GREETER = "greeter";
    static final String GREETING = "Welcome back";
    private static final long GIVE_UP_SECONDS = 60;
    private static final PrintStream OUT = System.out;

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int round = Integer.parseInt(args[1]);
        SqliteChatStore store = SqliteChatStore.builder(file)
                .synchronous(round % 2 == 0 ? Synchronous.NORMAL : Synchronous.FULL)
                .build();
        store.personas().upsert(PersonaSpec.of(GREETER, "Greeter", "You greet.").withGreeting(GREETING));
        UserChats chats = store.forUser(USER);
        List<String> conversations = new ArrayList<>();
        for (String persona : PERSONAS) {
            conversations.add(chats.conversations().getOrCreateForPersona(NewConversation.withPersona(persona)).id());
        }
        print("READY");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                try {
                    write(store, chats, conversations, round, thread);
                } catch (Throwable e) {
                    print("ERROR " + e.toString().replace('\n', ' '));
                    e.printStackTrace();
                    System.exit(1);
                }
            }, "crash-writer-" + t);
            writer.start();
            threads.add(writer);
        }
        for (Thread writer : threads) {
            writer.join();
        }
        print("GAVE-UP");
        System.exit(2);
    }

    private static void write(SqliteChatStore store, UserChats chats, List<String> conversations, int round, int t) {
        Random random = new Random(round * 31L + t);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        for (int i = 0; System.nanoTime() < deadline; i++) {
            String key = "r" + round + "-t" + t + "-" + i;
            String conversation = conversations.get(random.nextInt(conversations.size()));
            int dice = random.nextInt(100);
            if (dice < 60) {
                ack(chats.messages().append(conversation, NewMessage.user("message " + key + " " + "x".repeat(random.nextInt(2000)))
                        .clientMessageId(key)));
            } else if (dice < 85) {
                List<String> keys = List.of(key + "-a", key + "-b", key + "-c");
                print("BATCH " + conversation + " " + String.join(" ", keys));
                List<Appended> batch = chats.messages().appendAll(conversation, List.of(
                        NewMessage.user("question " + key).clientMessageId(keys.get(0)),
                        NewMessage.assistant("answer " + key).clientMessageId(keys.get(1)).metadata(Map.of("i", i)),
                        NewMessage.user("follow-up " + key).clientMessageId(keys.get(2))));
                batch.forEach(CrashWriter::ack);
            } else if (dice < 95) {
                String user = "u-" + key;
                Conversation c = store.forUser(user).conversations()
                        .getOrCreateForPersona(NewConversation.withPersona(GREETER).withGreeting());
                print("CONV " + user + " " + c.id());
            } else {
                String patchKey = "r" + round + "t" + t;
                chats.conversations().patchMetadata(conversation, Map.of(patchKey, i));
                print("PATCH " + conversation + " " + patchKey + " " + i);
            }
        }
    }

    private static void ack(Appended a) {
        print("ACK " + a.message().conversationId() + " " + a.message().id() + " " + a.message().seq() + " "
                + a.message().clientMessageId());
    }

    private static void print(String line) {
        synchronized (OUT) {
            OUT.print(line + " .\n");
            OUT.flush();
        }
    }
}

package dev.chatstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Attachment;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.FactCategory;
import dev.chatstore.FactUpdate;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.NewAttachment;
import dev.chatstore.NewConversation;
import dev.chatstore.NewFact;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.SearchHit;
import dev.chatstore.TextQuery;
import dev.chatstore.UserChats;
import dev.chatstore.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The full-text index never drifts from the data: random appends, edits, regenerations and deletes
 * of messages and conversations, adds, content updates, deactivations and deletes of memory facts,
 * and files whose extracted text is set or who are deleted, each message, fact and file holding a
 * word of its own; after every step a few checks, and at the end all of them, find each live
 * message, fact or file by its word (exactly it) and no dead word at all. A model (word → id) says
 * what must be found. The seed is in the failure.
 */
class SearchIndexModelTest {
    private static final int STEPS = 300;

    private final TestClock clock = new TestClock(TestClock.START);
    private ChatStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void searchingEachLiveWordFindsExactlyItsMessage(Backend backend) {
        store = backend.open(clock);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        UserChats alice = store.forUser("alice");
        Map<String, String> live = new HashMap<>();      // word -> message id
        Map<String, String> wordOf = new HashMap<>();    // message id -> word
        Map<String, List<String>> messagesOf = new HashMap<>();   // conversation -> message ids
        List<String> dead = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        Map<String, String> factWord = new HashMap<>();  // fact id -> word
        Map<String, String> fileWord = new HashMap<>();  // attachment id -> word
        int words = 0;
        for (int step = 0; step < STEPS; step++) {
            clock.advance(Duration.ofSeconds(1));
            int op = random.nextInt(14);
            if (op == 10 || (op >= 11 && op <= 12 && factWord.isEmpty())) {
                String word = "zq" + (words++) + "x";
                NewFact fact = NewFact.of(FactCategory.FACT, "knows " + word, 0.5);
                if (!conversations.isEmpty() && random.nextBoolean()) {
                    fact = fact.learnedIn(conversations.get(random.nextInt(conversations.size())));
                }
                MemoryFact f = alice.facts().add(fact);
                live.put(word, f.id());
                factWord.put(f.id(), word);
            } else if (op == 11) {
                String id = pick(random, factWord);
                String old = factWord.get(id);
                String word = "zq" + (words++) + "x";
                alice.facts().update(id, random.nextBoolean() ? FactUpdate.content("now " + word)
                        : FactUpdate.content("now " + word).andConfidence(random.nextDouble()));
                live.remove(old);
                dead.add(old);
                live.put(word, id);
                factWord.put(id, word);
            } else if (op == 12) {
                // Deactivated or deleted: either way no longer found.
                String id = pick(random, factWord);
                if (random.nextBoolean()) {
                    alice.facts().deactivate(id);
                } else {
                    alice.facts().delete(id);
                }
                String old = factWord.remove(id);
                live.remove(old);
                dead.add(old);
            } else if (op == 13) {
                if (!fileWord.isEmpty() && random.nextInt(3) == 0) {
                    String id = pick(random, fileWord);
                    alice.attachments().delete(id);
                    String old = fileWord.remove(id);
                    live.remove(old);
                    dead.add(old);
                } else {
                    String word = "zq" + (words++) + "x";
                    Attachment file = alice.attachments().create(
                            NewAttachment.stored("f.pdf", "application/pdf", 10, null, "s3://bucket/f.pdf"));
                    alice.attachments().markProcessing(file.id());
                    if (random.nextInt(4) == 0) {
                        alice.attachments().markError(file.id(), "failed " + word);
                        dead.add(word);
                    } else {
                        alice.attachments().markReady(file.id(), "scanned " + word, 2);
                        live.put(word, file.id());
                        fileWord.put(file.id(), word);
                    }
                    if (!conversations.isEmpty() && random.nextBoolean()) {
                        alice.attachments().linkToConversation(file.id(), conversations.get(random.nextInt(conversations.size())));
                    }
                }
            } else if (conversations.isEmpty() || op == 0) {
                Conversation c = alice.conversations().create(NewConversation.titled("model"));
                conversations.add(c.id());
                messagesOf.put(c.id(), new ArrayList<>());
            } else if (op <= 4) {
                String c = conversations.get(random.nextInt(conversations.size()));
                String word = "zq" + (words++) + "x";
                Message m = alice.messages().append(c, NewMessage.user("note " + word + " end")).message();
                live.put(word, m.id());
                wordOf.put(m.id(), word);
                messagesOf.get(c).add(m.id());
            } else if (op <= 6 && !wordOf.isEmpty()) {
                String id = pick(random, wordOf);
                String old = wordOf.get(id);
                String word = "zq" + (words++) + "x";
                alice.messages().editContent(id, "edited " + word);
                live.remove(old);
                dead.add(old);
                live.put(word, id);
                wordOf.put(id, word);
            } else if (op == 7 && !wordOf.isEmpty()) {
                String id = pick(random, wordOf);
                alice.messages().delete(id);
                String old = wordOf.remove(id);
                live.remove(old);
                dead.add(old);
                messagesOf.values().forEach(ids -> ids.remove(id));
            } else if (op == 8 && conversations.size() > 1) {
                String c = conversations.remove(random.nextInt(conversations.size()));
                alice.conversations().delete(c);
                for (String id : messagesOf.remove(c)) {
                    String old = wordOf.remove(id);
                    live.remove(old);
                    dead.add(old);
                }
            } else if (!wordOf.isEmpty()) {
                // An assistant reply and its regeneration: both stay in the history, both are found.
                String c = conversations.get(random.nextInt(conversations.size()));
                String first = "zq" + (words++) + "x";
                Message reply = alice.messages().append(c, NewMessage.assistant("answer " + first)).message();
                String second = "zq" + (words++) + "x";
                Message again = alice.messages().regenerate(reply.id(), NewMessage.assistant("again " + second)).message();
                for (Message m : List.of(reply, again)) {
                    String w = m.id().equals(reply.id()) ? first : second;
                    live.put(w, m.id());
                    wordOf.put(m.id(), w);
                    messagesOf.get(c).add(m.id());
                }
            }
            if (!live.isEmpty()) {
                String word = pick(random, live);
                assertThat(find(alice, word)).as("seed %d step %d: %s", seed, step, word).containsExactly(live.get(word));
            }
        }
        for (Map.Entry<String, String> e : live.entrySet()) {
            assertThat(find(alice, e.getKey())).as("seed %d: live %s", seed, e.getKey()).containsExactly(e.getValue());
        }
        for (String word : dead) {
            assertThat(find(alice, word)).as("seed %d: dead %s", seed, word).isEmpty();
        }
        System.out.println("[reliability] SearchIndexModelTest on " + backend + ": " + STEPS + " steps, " + live.size()
                + " live and " + dead.size() + " dead words checked (" + factWord.size() + " facts and " + fileWord.size()
                + " files live), seed " + seed);
    }

    private static List<String> find(UserChats user, String word) {
        return user.search().text(TextQuery.of(word), PageRequest.first(10)).items()
                .stream().map(SearchHit::id).collect(Collectors.toList());
    }

    private static <K> K pick(Random random, Map<K, ?> map) {
        List<K> keys = new ArrayList<>(map.keySet());
        keys.sort(null);
        return keys.get(random.nextInt(keys.size()));
    }
}

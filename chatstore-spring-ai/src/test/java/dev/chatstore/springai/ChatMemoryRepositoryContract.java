package dev.chatstore.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.UserChats;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeType;

/** The repository on a real store; each subclass opens one kind. */
abstract class ChatMemoryRepositoryContract {

    private static final String USER = "alice";

    private ChatStore store;
    private ChatstoreChatMemoryRepository repository;

    protected abstract ChatStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
        repository = ChatstoreChatMemoryRepository.builder(store).userId(USER).build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private UserChats chats() {
        return store.forUser(USER);
    }

    private Conversation conversation(String key) {
        return chats().conversations().findByExternalKey(key).orElseThrow();
    }

    /** The conversation's whole history as chatstore stores it. */
    private List<dev.chatstore.Message> history(String key) {
        return chats().messages().oldestFirst(conversation(key).id(), PageRequest.first(200)).items();
    }

    private static AssistantMessage assistant(String text) {
        return new AssistantMessage(text);
    }

    /** The whole history, however long. */
    private List<String> contents(String key) {
        List<String> all = new ArrayList<>();
        String id = conversation(key).id();
        dev.chatstore.Page<dev.chatstore.Message> page = chats().messages().oldestFirst(id, PageRequest.first(200));
        while (true) {
            page.items().forEach(m -> all.add(m.content()));
            if (!page.hasNext()) {
                return all;
            }
            page = chats().messages().oldestFirst(id, PageRequest.at(page.nextCursor(), 200));
        }
    }

    // Messages that repeat, several nodes, racing writers, no cache.

    /** A message equal to one in the window is new when it is not an instance the repository handed out. */
    @Test
    void aRepeatedMessageIsNewWhenItIsNotAStoredInstance() {
        MessageWindowChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository)
                .maxMessages(2).build();
        for (int i = 0; i < 4; i++) {
            memory.add("echo", new UserMessage("yes"));
        }
        assertThat(contents("echo")).containsExactly("yes", "yes", "yes", "yes");
        assertThat(repository.findByConversationId("echo")).containsExactly(new UserMessage("yes"), new UserMessage("yes"));
        assertThat(conversation("echo").metadata().get(ChatstoreChatMemoryRepository.WINDOW_START_KEY)).isEqualTo(3);
    }

    /** Two repositories on one database (two application nodes) take turns: each sees the other's turns. */
    @Test
    void twoNodesTakingTurnsStoreEachMessageOnce() {
        ChatstoreChatMemoryRepository other = ChatstoreChatMemoryRepository.builder(store).userId(USER).build();
        MessageWindowChatMemory here = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(3).build();
        MessageWindowChatMemory there = MessageWindowChatMemory.builder().chatMemoryRepository(other).maxMessages(3).build();
        for (int i = 0; i < 6; i++) {
            (i % 2 == 0 ? here : there).add("shared", new UserMessage("turn " + i));
        }
        assertThat(contents("shared")).containsExactly("turn 0", "turn 1", "turn 2", "turn 3", "turn 4", "turn 5");
        assertThat(here.get("shared")).containsExactly(new UserMessage("turn 3"), new UserMessage("turn 4"),
                new UserMessage("turn 5"));
        assertThat(there.get("shared")).isEqualTo(here.get("shared"));
    }

    /** Nodes saving one conversation at the same moment retry on the revision: nothing lost, nothing twice. */
    @Test
    void concurrentSavesOfOneConversationLoseAndRepeatNothing() throws Exception {
        int threads = 4;
        int turns = 10;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            MessageWindowChatMemory memory = MessageWindowChatMemory.builder()
                    .chatMemoryRepository(ChatstoreChatMemoryRepository.builder(store).userId(USER).build())
                    .maxMessages(5).build();
            workers.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < turns; i++) {
                        memory.add("busy", new UserMessage("t" + thread + " " + i));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        workers.forEach(Thread::start);
        start.countDown();
        for (Thread worker : workers) {
            worker.join(60_000);
        }
        assertThat(failures).isEmpty();
        assertThat(contents("busy")).hasSize(threads * turns).doesNotHaveDuplicates();
        assertThat(repository.findByConversationId("busy")).hasSize(5);
    }

    /** A conversation deleted through chatstore behind the repository's back is created again by the next save. */
    @Test
    void aSaveAfterTheConversationWasDeletedElsewhereStartsItAgain() {
        repository.saveAll("gone", List.of(new UserMessage("first")));
        chats().conversations().delete(conversation("gone").id());
        repository.saveAll("gone", List.of(new UserMessage("first"), new UserMessage("second")));
        assertThat(contents("gone")).containsExactly("first", "second");
        assertThat(repository.findByConversationId("gone")).containsExactly(new UserMessage("first"),
                new UserMessage("second"));
    }

    @Test
    void withoutACacheTheRepositoryBehavesTheSame() {
        ChatstoreChatMemoryRepository uncached = ChatstoreChatMemoryRepository.builder(store).userId(USER).cacheSize(0).build();
        MessageWindowChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(uncached).maxMessages(3).build();
        for (int i = 0; i < 5; i++) {
            memory.add("plain", new UserMessage("m" + i));
        }
        assertThat(contents("plain")).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(uncached.findByConversationId("plain")).containsExactly(new UserMessage("m2"), new UserMessage("m3"),
                new UserMessage("m4"));
    }

    // The expectations of Spring AI's JDBC repository tests, on chatstore.

    @Test
    void savesAndFindsEveryMessageType() {
        List<Message> messages = List.of(
                new SystemMessage("You are helpful"),
                UserMessage.builder().text("Hello").metadata(Map.of("source", "web", "turn", 1)).build(),
                AssistantMessage.builder().content("Let me look")
                        .properties(Map.of("finishReason", "TOOL_CALLS", "score", 0.5))
                        .toolCalls(List.of(
                                new AssistantMessage.ToolCall("call-1", "function", "weather", "{\"city\":\"Oslo\"}"),
                                new AssistantMessage.ToolCall("call-2", "function", "time", "{}")))
                        .build(),
                ToolResponseMessage.builder().responses(List.of(
                        new ToolResponseMessage.ToolResponse("call-1", "weather", "{\"temp\":3}"),
                        new ToolResponseMessage.ToolResponse("call-2", "time", "12:00")))
                        .metadata(Map.of("latencyMs", 12)).build(),
                ToolResponseMessage.builder().responses(List.of(
                        new ToolResponseMessage.ToolResponse("call-3", "single", "ok"))).build(),
                AssistantMessage.builder().content(null)
                        .toolCalls(List.of(new AssistantMessage.ToolCall("", "custom", "noId", "{}")))
                        .build(),
                ToolResponseMessage.builder().responses(List.of(
                        new ToolResponseMessage.ToolResponse("", "noId", null))).build(),
                ToolResponseMessage.builder().responses(List.of()).build(),
                assistant("It is 3 degrees in Oslo"));

        repository.saveAll("c1", messages);

        assertThat(repository.findByConversationId("c1")).containsExactlyElementsOf(messages);
        // Two responses are two chatstore tool messages; every other message is one.
        assertThat(history("c1")).hasSize(messages.size() + 1);
    }

    @Test
    void unknownConversationHasNoMessages() {
        assertThat(repository.findByConversationId("nothing")).isEmpty();
        assertThat(chats().conversations().findByExternalKey("nothing")).isEmpty();
    }

    @Test
    void saveAllReplacesTheMessagesButKeepsTheHistory() {
        repository.saveAll("c1", List.of(new UserMessage("one"), assistant("two"), new UserMessage("three")));
        List<Message> replacement = List.of(new SystemMessage("fresh start"), new UserMessage("four"));

        repository.saveAll("c1", replacement);

        assertThat(repository.findByConversationId("c1")).containsExactlyElementsOf(replacement);
        assertThat(history("c1")).extracting(dev.chatstore.Message::content)
                .containsExactly("one", "two", "three", "fresh start", "four");
    }

    @Test
    void savingAnEmptyListEmptiesTheWindowOnly() {
        repository.saveAll("c1", List.of(new UserMessage("one"), assistant("two")));

        repository.saveAll("c1", List.of());

        assertThat(repository.findByConversationId("c1")).isEmpty();
        assertThat(history("c1")).hasSize(2);
        repository.saveAll("c1", List.of(new UserMessage("three")));
        assertThat(repository.findByConversationId("c1")).containsExactly(new UserMessage("three"));
    }

    @Test
    void findsTheConversationIdsOfTheUserArchivedIncluded() {
        for (int i = 0; i < 105; i++) {
            repository.saveAll("conv-" + i, List.of(new UserMessage("hi " + i)));
        }
        chats().conversations().setArchived(conversation("conv-7").id(), true);
        chats().conversations().create(dev.chatstore.NewConversation.titled("no key"));
        store.forUser("bob").conversations().getOrCreateByExternalKey("bobs", dev.chatstore.NewConversation.untitled());

        List<String> ids = repository.findConversationIds();

        assertThat(ids).hasSize(105).doesNotHaveDuplicates().contains("conv-0", "conv-7", "conv-104")
                .doesNotContain("bobs");
    }

    @Test
    void deletesTheConversation() {
        repository.saveAll("c1", List.of(new UserMessage("one")));
        repository.saveAll("c2", List.of(new UserMessage("two")));

        repository.deleteByConversationId("c1");
        repository.deleteByConversationId("never-saved");

        assertThat(repository.findByConversationId("c1")).isEmpty();
        assertThat(repository.findConversationIds()).containsExactly("c2");
        assertThat(chats().conversations().findByExternalKey("c1")).isEmpty();
    }

    // The window over the history.

    @Test
    void windowOfFourOverTenTurnsKeepsTheFullHistory() {
        MessageWindowChatMemory memory = MessageWindowChatMemory.builder()
                .chatMemoryRepository(repository).maxMessages(4).build();
        List<Message> all = new ArrayList<>();
        for (int turn = 1; turn <= 10; turn++) {
            UserMessage question = new UserMessage("question " + turn);
            AssistantMessage answer = assistant("answer " + turn);
            memory.add("c1", question);
            memory.add("c1", answer);
            all.add(question);
            all.add(answer);
            assertThat(conversation("c1").messageCount()).isEqualTo(2L * turn);
        }

        assertThat(memory.get("c1")).containsExactlyElementsOf(all.subList(16, 20));
        assertThat(repository.findByConversationId("c1")).containsExactlyElementsOf(all.subList(16, 20));
        assertThat(history("c1")).extracting(dev.chatstore.Message::content)
                .containsExactlyElementsOf(all.stream().map(Message::getText).toList());
        assertThat(conversation("c1").metadata().get(ChatstoreChatMemoryRepository.WINDOW_START_KEY))
                .isInstanceOfSatisfying(Number.class, start -> assertThat(start.longValue()).isEqualTo(history("c1").get(16).seq()));
    }

    @Test
    void windowKeepsItsSystemMessageWhileItEvicts() {
        MessageWindowChatMemory memory = MessageWindowChatMemory.builder()
                .chatMemoryRepository(repository).maxMessages(3).build();
        memory.add("c1", new SystemMessage("be brief"));
        for (int turn = 1; turn <= 4; turn++) {
            memory.add("c1", List.of(new UserMessage("q" + turn), assistant("a" + turn)));
        }

        List<Message> expected = List.of(new SystemMessage("be brief"), new UserMessage("q4"), assistant("a4"));
        assertThat(repository.findByConversationId("c1")).containsExactlyElementsOf(expected);
        assertThat(history("c1")).hasSize(9);

        memory.add("c1", new SystemMessage("be verbose"));
        assertThat(repository.findByConversationId("c1"))
                .containsExactly(new UserMessage("q4"), assistant("a4"), new SystemMessage("be verbose"));
        assertThat(history("c1")).hasSize(10);
    }

    @Test
    void savingTheSameListTwiceStoresNothingNew() {
        List<Message> messages = List.of(new UserMessage("one"), assistant("two"));
        repository.saveAll("c1", messages);
        Conversation before = conversation("c1");

        repository.saveAll("c1", messages);

        Conversation after = conversation("c1");
        assertThat(after.messageCount()).isEqualTo(2);
        assertThat(after.metadata()).isEqualTo(before.metadata());
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
        assertThat(repository.findByConversationId("c1")).containsExactlyElementsOf(messages);
    }

    @Test
    void appendsOnlyTheTailThatContinuesTheWindow() {
        repository.saveAll("c1", List.of(new UserMessage("one"), assistant("two")));

        repository.saveAll("c1", List.of(assistant("two"), new UserMessage("three"), assistant("four")));

        assertThat(history("c1")).extracting(dev.chatstore.Message::content)
                .containsExactly("one", "two", "three", "four");
        assertThat(repository.findByConversationId("c1"))
                .containsExactly(assistant("two"), new UserMessage("three"), assistant("four"));
    }

    @Test
    void toolLoopThroughTheWindowMemoryIsReadableThroughChatstore() {
        MessageWindowChatMemory memory = MessageWindowChatMemory.builder()
                .chatMemoryRepository(repository).maxMessages(4).build();
        FakeModel model = new FakeModel();
        for (String city : List.of("Oslo", "Lima")) {
            memory.add("c1", new UserMessage("Weather in " + city + "?"));
            while (true) {
                AssistantMessage reply = model.reply(memory.get("c1"));
                memory.add("c1", reply);
                if (!reply.hasToolCalls()) {
                    break;
                }
                memory.add("c1", FakeModel.runTools(reply));
            }
        }

        List<dev.chatstore.Message> history = history("c1");
        assertThat(history).extracting(dev.chatstore.Message::role).containsExactly(
                Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT,
                Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT);
        assertThat(history.get(1).toolCalls()).containsExactly(
                new dev.chatstore.ToolCall("call-1", "weather", "{\"city\":\"Oslo\"}"));
        assertThat(history.get(2).toolCallId()).isEqualTo("call-1");
        assertThat(history.get(2).toolName()).isEqualTo("weather");
        assertThat(history.get(2).content()).isEqualTo("Sunny in Oslo");
        assertThat(history.get(3).content()).isEqualTo("It is: Sunny in Oslo");
        assertThat(history.get(5).toolCalls()).extracting(dev.chatstore.ToolCall::id).containsExactly("call-2");
        assertThat(history.get(7).content()).isEqualTo("It is: Sunny in Lima");
        assertThat(repository.findByConversationId("c1")).hasSize(4).first().isEqualTo(new UserMessage("Weather in Lima?"));
    }

    /** Media are built with the builder methods Spring AI 1.1 and 2.0 share (2.0 has no data(Object)). */
    @Test
    void mediaRoundTripByValue() {
        byte[] png = "not really a png".getBytes(StandardCharsets.UTF_8);
        UserMessage question = UserMessage.builder().text("What is this?").media(
                Media.builder().mimeType(MimeType.valueOf("image/png")).data(new ByteArrayResource(png)).id("img-1").name("cat").build(),
                Media.builder().mimeType(MimeType.valueOf("image/jpeg")).data(URI.create("https://example.com/dog.jpg")).name("dog").build())
                .build();
        AssistantMessage answer = AssistantMessage.builder().content("A drawing").media(List.of(
                Media.builder().mimeType(MimeType.valueOf("image/png")).data(URI.create("https://example.com/out.png")).name("out").build()))
                .build();

        repository.saveAll("c1", List.of(question, answer));
        repository.saveAll("c1", List.of(question, answer));

        assertThat(history("c1")).hasSize(2);
        List<Message> found = repository.findByConversationId("c1");
        UserMessage foundQuestion = (UserMessage) found.get(0);
        assertThat(foundQuestion).isEqualTo(question);
        assertThat(foundQuestion.getMedia()).hasSize(2);
        assertThat(foundQuestion.getMedia().get(0).getDataAsByteArray()).isEqualTo(png);
        assertThat(foundQuestion.getMedia().get(0).getMimeType()).isEqualTo(MimeType.valueOf("image/png"));
        assertThat(foundQuestion.getMedia().get(0).getId()).isEqualTo("img-1");
        assertThat(foundQuestion.getMedia().get(0).getName()).isEqualTo("cat");
        assertThat(foundQuestion.getMedia().get(1).getData()).isEqualTo("https://example.com/dog.jpg");
        AssistantMessage foundAnswer = (AssistantMessage) found.get(1);
        assertThat(foundAnswer.getText()).isEqualTo("A drawing");
        assertThat(foundAnswer.getMedia()).singleElement().satisfies(m -> {
            assertThat(m.getData()).isEqualTo("https://example.com/out.png");
            assertThat(m.getName()).isEqualTo("out");
        });
    }

    @Test
    void usersWithTheSameConversationIdAreIsolated() {
        ChatstoreChatMemoryRepository perUser = ChatstoreChatMemoryRepository.builder(store)
                .userResolver(id -> id.substring(0, id.indexOf(':'))).build();
        ChatstoreChatMemoryRepository asBob = ChatstoreChatMemoryRepository.builder(store).userId("bob").build();

        repository.saveAll("shared", List.of(new UserMessage("from alice")));
        asBob.saveAll("shared", List.of(new UserMessage("from bob")));
        perUser.saveAll("carol:shared", List.of(new UserMessage("from carol")));

        assertThat(repository.findByConversationId("shared")).containsExactly(new UserMessage("from alice"));
        assertThat(asBob.findByConversationId("shared")).containsExactly(new UserMessage("from bob"));
        assertThat(perUser.findByConversationId("carol:shared")).containsExactly(new UserMessage("from carol"));
        assertThat(perUser.findByConversationId("bob:shared")).isEmpty();

        asBob.deleteByConversationId("shared");
        assertThat(repository.findByConversationId("shared")).containsExactly(new UserMessage("from alice"));
        assertThat(asBob.findConversationIds()).isEmpty();
        assertThat(store.forUser("carol").conversations().findByExternalKey("carol:shared")).isPresent();
        assertThatThrownBy(perUser::findConversationIds).isInstanceOf(UnsupportedOperationException.class);
    }

    /** A model that asks for the weather tool once per question and then answers with its result. */
    private static final class FakeModel {
        private int calls;

        AssistantMessage reply(List<Message> window) {
            Message last = window.get(window.size() - 1);
            if (last instanceof ToolResponseMessage tool) {
                return assistant("It is: " + tool.getResponses().get(0).responseData());
            }
            String city = last.getText().replace("Weather in ", "").replace("?", "");
            calls++;
            return AssistantMessage.builder().content("")
                    .toolCalls(List.of(new AssistantMessage.ToolCall("call-" + calls, "function", "weather",
                            "{\"city\":\"" + city + "\"}")))
                    .build();
        }

        static ToolResponseMessage runTools(AssistantMessage request) {
            List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
            for (AssistantMessage.ToolCall call : request.getToolCalls()) {
                String city = call.arguments().replaceAll(".*\"city\":\"([^\"]*)\".*", "$1");
                responses.add(new ToolResponseMessage.ToolResponse(call.id(), call.name(), "Sunny in " + city));
            }
            return ToolResponseMessage.builder().responses(responses).build();
        }
    }
}

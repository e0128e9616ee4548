package dev.chatstore.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.UserChats;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.pdf.PdfFile;
import dev.langchain4j.data.video.Video;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.langchain4j.service.AiServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The memory store's behaviour, run against each real store by a subclass. */
abstract class ChatstoreChatMemoryStoreContract {
    private ChatStore store;
    private ChatstoreChatMemoryStore memory;

    /** A fresh, empty store. */
    abstract ChatStore openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
        memory = ChatstoreChatMemoryStore.builder(store).userId("alice").build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<Message> history(String userId, Object memoryId) {
        UserChats chats = store.forUser(userId);
        Conversation conversation = chats.conversations().findByExternalKey(String.valueOf(memoryId)).orElseThrow();
        List<Message> all = new ArrayList<>();
        Page<Message> page = chats.messages().oldestFirst(conversation.id(), PageRequest.first(3));
        all.addAll(page.items());
        while (page.hasNext()) {
            page = chats.messages().oldestFirst(conversation.id(), PageRequest.at(page.nextCursor(), 3));
            all.addAll(page.items());
        }
        return all;
    }

    @Test
    void everyMessageTypeRoundTripsEqual() {
        ToolExecutionRequest weather = ToolExecutionRequest.builder()
                .id("call-1").name("weather").arguments("{\"city\":\"Oslo\"}").build();
        ToolExecutionRequest time = ToolExecutionRequest.builder()
                .id("call-2").name("time").arguments("{}").build();
        List<ChatMessage> messages = List.of(
                SystemMessage.from("You are terse."),
                UserMessage.from("Hello"),
                UserMessage.from("bob", "Hi, I am Bob"),
                UserMessage.from(
                        TextContent.from("What is in these?"),
                        ImageContent.from("https://example.com/cat.png"),
                        ImageContent.from("aGVsbG8=", "image/png", ImageContent.DetailLevel.HIGH),
                        AudioContent.from(Audio.builder().base64Data("AAEC").mimeType("audio/wav").build()),
                        VideoContent.from(Video.builder().url("https://example.com/v.mp4").build()),
                        PdfFileContent.from(PdfFile.builder().base64Data("JVBERi0=").mimeType("application/pdf").build())),
                AiMessage.from("Plain answer"),
                AiMessage.builder().text("Answer after thought").thinking("Let me think.").build(),
                AiMessage.from(weather, time),
                AiMessage.builder().text("Checking").thinking("Need data").toolExecutionRequests(List.of(weather))
                        .attributes(Map.of("provider", "fake")).build(),
                ToolExecutionResultMessage.from(weather, "12 degrees"),
                ToolExecutionResultMessage.builder().id("call-2").toolName("time").text("boom").isError(true).build(),
                AiMessage.from(""),
                UserMessage.from("line one\nline two, with unicode: \u00e6\u00f8\u00e5 \uD83D\uDE00"),
                new CustomMessage(Map.of("kind", "note", "text", "kept")));

        memory.updateMessages("round-trip", messages);

        assertThat(memory.getMessages("round-trip")).containsExactlyElementsOf(messages);
        List<Message> stored = history("alice", "round-trip");
        assertThat(stored).extracting(Message::role).containsExactly(Role.SYSTEM, Role.USER, Role.USER, Role.USER,
                Role.ASSISTANT, Role.ASSISTANT, Role.ASSISTANT, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.ASSISTANT,
                Role.USER, Role.USER);
        assertThat(stored.get(0).content()).isEqualTo("You are terse.");
        assertThat(stored.get(1).metadata()).isEmpty();
        assertThat(stored.get(3).content()).isEqualTo("What is in these?");
        assertThat(stored.get(3).metadata()).containsKey(ChatstoreChatMemoryStore.MESSAGE_KEY);
        assertThat(stored.get(5).reasoning()).isEqualTo("Let me think.");
        assertThat(stored.get(5).metadata()).isEmpty();
        assertThat(stored.get(6).toolCalls()).containsExactly(
                ToolCall.of("call-1", "weather", "{\"city\":\"Oslo\"}"), ToolCall.of("call-2", "time", "{}"));
        assertThat(stored.get(6).content()).isEmpty();
        assertThat(stored.get(7).toolCalls()).extracting(ToolCall::name).containsExactly("weather");
        assertThat(stored.get(7).reasoning()).isEqualTo("Need data");
        assertThat(stored.get(8).toolCallId()).isEqualTo("call-1");
        assertThat(stored.get(8).toolName()).isEqualTo("weather");
        assertThat(stored.get(8).content()).isEqualTo("12 degrees");
        assertThat(stored.get(8).metadata()).isEmpty();
        assertThat(stored.get(9).toolName()).isEqualTo("time");

        // A second store instance reads the same from the database.
        ChatstoreChatMemoryStore again = ChatstoreChatMemoryStore.builder(store).userId("alice").build();
        assertThat(again.getMessages("round-trip")).containsExactlyElementsOf(messages);
    }

    @Test
    void theSameListTwiceStoresNothingNew() {
        List<ChatMessage> messages = List.of(
                SystemMessage.from("sys"), UserMessage.from("hi"), AiMessage.from("hello"), UserMessage.from("hi"));

        memory.updateMessages("same", messages);
        memory.updateMessages("same", messages);
        memory.updateMessages("same", new ArrayList<>(memory.getMessages("same")));

        assertThat(history("alice", "same")).hasSize(4);
        assertThat(memory.getMessages("same")).containsExactlyElementsOf(messages);
    }

    @Test
    void aMessageWindowKeepsTheWholeHistoryInChatstore() {
        ChatMemory chatMemory = MessageWindowChatMemory.builder()
                .id("window").maxMessages(4).chatMemoryStore(memory).build();
        chatMemory.add(SystemMessage.from("Be brief."));
        List<ChatMessage> all = new ArrayList<>();
        all.add(SystemMessage.from("Be brief."));
        for (int turn = 1; turn <= 10; turn++) {
            UserMessage question = UserMessage.from("question " + turn);
            AiMessage answer = AiMessage.from("answer " + turn);
            chatMemory.add(question);
            chatMemory.add(answer);
            all.add(question);
            all.add(answer);

            assertThat(memory.getMessages("window")).containsExactlyElementsOf(chatMemory.messages());
        }

        assertThat(memory.getMessages("window")).containsExactly(SystemMessage.from("Be brief."),
                AiMessage.from("answer 9"), UserMessage.from("question 10"), AiMessage.from("answer 10"));
        List<Message> history = history("alice", "window");
        assertThat(history).extracting(ChatstoreChatMemoryStore::toChatMessage).containsExactlyElementsOf(all);
        assertThat(history).extracting(Message::seq).doesNotHaveDuplicates().isSorted();
        // The system message (seq 1) stays in the window while the turns before the last ones left it.
        Conversation conversation = store.forUser("alice").conversations().findByExternalKey("window").orElseThrow();
        assertThat(String.valueOf(conversation.metadata().get(ChatstoreChatMemoryStore.WINDOW_KEY)))
                .isEqualTo("[[1, 1], [19, 21]]");
    }

    @Test
    void aTokenWindowKeepsTheWholeHistoryInChatstore() {
        ChatMemory chatMemory = TokenWindowChatMemory.builder()
                .id(42L).maxTokens(10, new WordCountEstimator()).chatMemoryStore(memory).build();
        List<ChatMessage> all = new ArrayList<>();
        for (int turn = 1; turn <= 6; turn++) {
            UserMessage question = UserMessage.from("tell me number " + turn);
            AiMessage answer = AiMessage.from("it is " + turn);
            chatMemory.add(question);
            chatMemory.add(answer);
            all.add(question);
            all.add(answer);
        }

        assertThat(memory.getMessages(42L)).containsExactlyElementsOf(chatMemory.messages())
                .containsExactly(AiMessage.from("it is 5"), UserMessage.from("tell me number 6"), AiMessage.from("it is 6"));
        assertThat(history("alice", 42L)).extracting(ChatstoreChatMemoryStore::toChatMessage)
                .containsExactlyElementsOf(all);
    }

    /** A fake model: asks for the weather tool once per question, then answers with the tool's result. */
    private static AiMessage fakeModel(List<ChatMessage> prompt) {
        ChatMessage last = prompt.get(prompt.size() - 1);
        if (last instanceof UserMessage user) {
            return AiMessage.from(ToolExecutionRequest.builder()
                    .id("call-" + prompt.size()).name("weather")
                    .arguments("{\"city\":\"" + user.singleText() + "\"}").build());
        }
        ToolExecutionResultMessage result = (ToolExecutionResultMessage) last;
        return AiMessage.from("The weather: " + result.text());
    }

    @Test
    void aToolCallingLoopIsReadableThroughChatstore() {
        ChatMemory chatMemory = MessageWindowChatMemory.builder()
                .id("tools").maxMessages(6).chatMemoryStore(memory).build();
        List<String> cities = List.of("Oslo", "Lima", "Pune");
        for (String city : cities) {
            chatMemory.add(UserMessage.from(city));
            AiMessage reply = fakeModel(chatMemory.messages());
            chatMemory.add(reply);
            while (reply.hasToolExecutionRequests()) {
                for (ToolExecutionRequest request : reply.toolExecutionRequests()) {
                    chatMemory.add(ToolExecutionResultMessage.from(request, "sunny in " + city));
                }
                reply = fakeModel(chatMemory.messages());
                chatMemory.add(reply);
            }
        }

        List<Message> history = history("alice", "tools");
        assertThat(history).hasSize(12);
        assertThat(history).extracting(Message::role).containsExactly(
                Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT,
                Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT,
                Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT);
        for (int i = 0; i < 3; i++) {
            Message call = history.get(4 * i + 1);
            Message result = history.get(4 * i + 2);
            assertThat(call.toolCalls()).hasSize(1);
            assertThat(call.toolCalls().get(0).name()).isEqualTo("weather");
            assertThat(call.toolCalls().get(0).arguments()).isEqualTo("{\"city\":\"" + cities.get(i) + "\"}");
            assertThat(result.toolCallId()).isEqualTo(call.toolCalls().get(0).id());
            assertThat(result.toolName()).isEqualTo("weather");
            assertThat(result.content()).isEqualTo("sunny in " + cities.get(i));
            assertThat(history.get(4 * i + 3).content()).isEqualTo("The weather: sunny in " + cities.get(i));
        }
        assertThat(memory.getMessages("tools")).containsExactlyElementsOf(chatMemory.messages());
    }

    @Test
    void memoryIdsOfEachTypeMapToDistinctConversations() {
        UUID uuid = UUID.fromString("6f1c1b0e-3c3a-4c36-9d55-0a4f5b8a9e11");
        List<Object> ids = List.of("chat-1", 7L, uuid);
        for (Object id : ids) {
            memory.updateMessages(id, List.of(UserMessage.from("for " + id)));
        }

        for (Object id : ids) {
            assertThat(memory.getMessages(id)).containsExactly(UserMessage.from("for " + id));
        }
        UserChats chats = store.forUser("alice");
        assertThat(ids).extracting(id -> chats.conversations().findByExternalKey(String.valueOf(id)).orElseThrow().id())
                .doesNotHaveDuplicates();
        assertThat(memory.getMessages(8L)).isEmpty();
    }

    @Test
    void twoUsersWithTheSameMemoryIdAreIsolated() {
        ChatstoreChatMemoryStore perUser = ChatstoreChatMemoryStore.builder(store)
                .userResolver(id -> id.toString().split(":")[0]).build();
        ChatstoreChatMemoryStore bob = ChatstoreChatMemoryStore.builder(store).userId("bob").build();

        memory.updateMessages("shared", List.of(UserMessage.from("alice here")));
        bob.updateMessages("shared", List.of(UserMessage.from("bob here")));
        perUser.updateMessages("carol:shared", List.of(UserMessage.from("carol here")));

        assertThat(memory.getMessages("shared")).containsExactly(UserMessage.from("alice here"));
        assertThat(bob.getMessages("shared")).containsExactly(UserMessage.from("bob here"));
        assertThat(perUser.getMessages("carol:shared")).containsExactly(UserMessage.from("carol here"));

        bob.deleteMessages("shared");
        assertThat(bob.getMessages("shared")).isEmpty();
        assertThat(store.forUser("bob").conversations().findByExternalKey("shared")).isEmpty();
        assertThat(memory.getMessages("shared")).containsExactly(UserMessage.from("alice here"));
    }

    @Test
    void replacingTheMemoryAppendsAndMovesTheWindow() {
        memory.updateMessages("replace", List.of(UserMessage.from("a"), AiMessage.from("b")));
        memory.updateMessages("replace", List.of(SystemMessage.from("new start"), UserMessage.from("c")));

        assertThat(memory.getMessages("replace"))
                .containsExactly(SystemMessage.from("new start"), UserMessage.from("c"));
        assertThat(history("alice", "replace")).extracting(Message::content).containsExactly("a", "b", "new start", "c");

        memory.updateMessages("replace", List.of());
        assertThat(memory.getMessages("replace")).isEmpty();
        assertThat(history("alice", "replace")).hasSize(4);

        memory.deleteMessages("replace");
        assertThat(memory.getMessages("replace")).isEmpty();
        memory.deleteMessages("never-used");
    }

    /** Messages equal to ones in the window are new when they are not the instances the store handed out. */
    @Test
    void aRepeatedMessageIsNewWhenItIsNotAStoredInstance() {
        ChatMemory window = MessageWindowChatMemory.builder().id("echo").maxMessages(2).chatMemoryStore(memory).build();
        for (int i = 0; i < 4; i++) {
            window.add(UserMessage.from("yes"));
        }
        assertThat(history("alice", "echo")).extracting(Message::content).containsExactly("yes", "yes", "yes", "yes");
        assertThat(memory.getMessages("echo")).containsExactly(UserMessage.from("yes"), UserMessage.from("yes"));
        assertThat(store.forUser("alice").conversations().findByExternalKey("echo").orElseThrow().metadata()
                .get(ChatstoreChatMemoryStore.WINDOW_KEY)).isEqualTo(List.of(List.of(3, 4)));
    }

    /** Two stores on one database (two application nodes) take turns on one memory: each sees the other's turns. */
    @Test
    void twoNodesTakingTurnsOnOneMemoryStoreEachMessageOnce() {
        ChatstoreChatMemoryStore other = ChatstoreChatMemoryStore.builder(store).userId("alice").build();
        ChatMemory here = MessageWindowChatMemory.builder().id("shared").maxMessages(3).chatMemoryStore(memory).build();
        ChatMemory there = MessageWindowChatMemory.builder().id("shared").maxMessages(3).chatMemoryStore(other).build();
        for (int i = 0; i < 6; i++) {
            (i % 2 == 0 ? here : there).add(UserMessage.from("turn " + i));
        }
        assertThat(history("alice", "shared")).extracting(Message::content)
                .containsExactly("turn 0", "turn 1", "turn 2", "turn 3", "turn 4", "turn 5");
        assertThat(here.messages()).containsExactly(UserMessage.from("turn 3"), UserMessage.from("turn 4"),
                UserMessage.from("turn 5"));
        assertThat(there.messages()).isEqualTo(here.messages());
    }

    /** Nodes adding to one memory at the same moment retry on the revision: nothing lost, nothing twice. */
    @Test
    void concurrentWritersOfOneMemoryLoseAndRepeatNothing() throws Exception {
        int threads = 4;
        int turns = 10;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            ChatstoreChatMemoryStore node = ChatstoreChatMemoryStore.builder(store).userId("alice").build();
            ChatMemory chat = MessageWindowChatMemory.builder().id("busy").maxMessages(5).chatMemoryStore(node).build();
            workers.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < turns; i++) {
                        chat.add(UserMessage.from("t" + thread + " " + i));
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
        List<String> contents = history("alice", "busy").stream().map(Message::content).toList();
        assertThat(contents).hasSize(threads * turns).doesNotHaveDuplicates();
        assertThat(memory.getMessages("busy")).hasSize(5);
    }

    /** A conversation deleted through chatstore behind the store's back is created again by the next update. */
    @Test
    void anUpdateAfterTheConversationWasDeletedElsewhereStartsItAgain() {
        memory.updateMessages("gone", List.of(UserMessage.from("first")));
        UserChats alice = store.forUser("alice");
        alice.conversations().delete(alice.conversations().findByExternalKey("gone").orElseThrow().id());
        memory.updateMessages("gone", List.of(UserMessage.from("first"), UserMessage.from("second")));
        assertThat(history("alice", "gone")).extracting(Message::content).containsExactly("first", "second");
        assertThat(memory.getMessages("gone")).containsExactly(UserMessage.from("first"), UserMessage.from("second"));
    }

    @Test
    void withoutACacheTheStoreBehavesTheSame() {
        ChatstoreChatMemoryStore uncached = ChatstoreChatMemoryStore.builder(store).userId("alice").cacheSize(0).build();
        ChatMemory chat = MessageWindowChatMemory.builder().id("plain").maxMessages(3).chatMemoryStore(uncached).build();
        for (int i = 0; i < 5; i++) {
            chat.add(UserMessage.from("m" + i));
        }
        assertThat(history("alice", "plain")).extracting(Message::content).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(uncached.getMessages("plain")).containsExactly(UserMessage.from("m2"), UserMessage.from("m3"),
                UserMessage.from("m4"));
    }

    @Test
    void aWindowLongerThanAPageReadsBack() {
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            messages.add(i % 2 == 0 ? UserMessage.from("u" + i) : AiMessage.from("a" + i));
        }
        memory.updateMessages("long", messages);
        assertThat(memory.getMessages("long")).containsExactlyElementsOf(messages);

        List<ChatMessage> moved = new ArrayList<>(messages.subList(210, 450));
        moved.add(UserMessage.from("last"));
        memory.updateMessages("long", moved);
        assertThat(memory.getMessages("long")).containsExactlyElementsOf(moved);
        assertThat(history("alice", "long")).hasSize(451);
    }

    @Test
    void rarerMessageShapesRoundTripEqual() {
        ToolExecutionRequest noId = ToolExecutionRequest.builder().name("search").arguments("{\"q\":\"x\"}").build();
        ToolExecutionRequest noArguments = ToolExecutionRequest.builder().id("call-9").name("now").build();
        ToolExecutionRequest longId = ToolExecutionRequest.builder().id("x".repeat(300)).name("long").arguments("{}").build();
        List<ChatMessage> messages = List.of(
                UserMessage.builder().name("carol").contents(List.of(ImageContent.from("https://example.com/a.png"))).build(),
                UserMessage.builder().contents(List.of(TextContent.from("tagged")))
                        .attributes(Map.of("source", "web", "turn", 3)).build(),
                UserMessage.from(TextContent.from("first part"), TextContent.from("second part")),
                AiMessage.builder().thinking("only thought").build(),
                AiMessage.builder().text("").toolExecutionRequests(List.of(noArguments)).build(),
                AiMessage.from(noId),
                AiMessage.from(longId),
                ToolExecutionResultMessage.builder().id("call-9").toolName("now").text("12:00").isError(false).build(),
                ToolExecutionResultMessage.builder().id("call-9").toolName("now").text("no clock").isError(true).build(),
                ToolExecutionResultMessage.builder().id("call-9").toolName("now").text("12:00")
                        .attributes(Map.of("ms", 4)).build(),
                ToolExecutionResultMessage.builder().id("call-9").toolName("now")
                        .contents(TextContent.from("chart:"), ImageContent.from("https://example.com/chart.png")).build());

        memory.updateMessages("rare", messages);

        assertThat(memory.getMessages("rare")).containsExactlyElementsOf(messages);
        ChatstoreChatMemoryStore again = ChatstoreChatMemoryStore.builder(store).userId("alice").build();
        assertThat(again.getMessages("rare")).containsExactlyElementsOf(messages);
        // chatstore's own fields still tell the story where they can.
        List<Message> stored = history("alice", "rare");
        assertThat(stored.get(0).content()).as("an image-only user message has no text").isEmpty();
        assertThat(stored.get(2).content()).isEqualTo("first part\nsecond part");
        assertThat(stored.get(3).reasoning()).isEqualTo("only thought");
        assertThat(stored.get(4).toolCalls()).containsExactly(ToolCall.of("call-9", "now", ""));
        assertThat(stored.get(5).toolCalls()).as("a request without id is kept in the JSON only").isEmpty();
        assertThat(stored.get(6).toolCalls()).as("an id longer than chatstore allows is kept in the JSON only").isEmpty();
        for (Message result : stored.subList(7, 11)) {
            assertThat(result.role()).isEqualTo(Role.TOOL);
            assertThat(result.toolCallId()).isEqualTo("call-9");
            assertThat(result.toolName()).isEqualTo("now");
            assertThat(result.metadata()).as("the error flag, attributes or image need the JSON")
                    .containsKey(ChatstoreChatMemoryStore.MESSAGE_KEY);
        }
        assertThat(stored.get(8).content()).isEqualTo("no clock");
        assertThat(stored.get(10).content()).isEqualTo("chart:");
    }

    private static ToolExecutionRequest weatherRequest(String id, String city) {
        return ToolExecutionRequest.builder().id(id).name("weather").arguments("{\"city\":\"" + city + "\"}").build();
    }

    /**
     * A message window that evicts an AI message with tool requests evicts the results answering it
     * too, so the window shrinks by several messages at once. If this fails, look at how
     * {@code updateMessages} matches the new list against the stored window.
     */
    @Test
    void aMessageWindowEvictsOrphanedToolResultsWithTheirRequest() {
        ChatMemory chatMemory = MessageWindowChatMemory.builder()
                .id("orphans").maxMessages(4).chatMemoryStore(memory).build();
        ToolExecutionRequest oslo = weatherRequest("call-1", "Oslo");
        ToolExecutionRequest lima = weatherRequest("call-2", "Lima");
        SystemMessage system = SystemMessage.from("Use tools.");
        AiMessage answer = AiMessage.from("Oslo is sunny, Lima is rainy.");
        List<ChatMessage> all = List.of(system, UserMessage.from("Weather in Oslo and Lima?"), AiMessage.from(oslo, lima),
                ToolExecutionResultMessage.from(oslo, "sunny"), ToolExecutionResultMessage.from(lima, "rainy"), answer);
        for (ChatMessage message : all) {
            chatMemory.add(message);
            assertThat(memory.getMessages("orphans")).containsExactlyElementsOf(chatMemory.messages());
        }

        assertThat(chatMemory.messages()).as("the request went out with both its results").containsExactly(system, answer);
        assertThat(MessageWindowChatMemory.builder().id("orphans").maxMessages(4).chatMemoryStore(memory).build()
                .messages()).as("a new chat memory on the store").containsExactly(system, answer);
        List<Message> history = history("alice", "orphans");
        assertThat(history).extracting(ChatstoreChatMemoryStore::toChatMessage).containsExactlyElementsOf(all);
        assertThat(history.get(2).toolCalls()).extracting(ToolCall::id).containsExactly("call-1", "call-2");
        assertThat(history.subList(3, 5)).extracting(Message::toolCallId).containsExactly("call-1", "call-2");
        Conversation conversation = store.forUser("alice").conversations().findByExternalKey("orphans").orElseThrow();
        assertThat(String.valueOf(conversation.metadata().get(ChatstoreChatMemoryStore.WINDOW_KEY)))
                .isEqualTo("[[1, 1], [6, 6]]");
    }

    /**
     * The same eviction by a token window: dropping the request alone would fit the 8 tokens
     * (results 1 + 1, answer 6), so only the orphan rule leaves the answer alone.
     */
    @Test
    void aTokenWindowEvictsOrphanedToolResultsWithTheirRequest() {
        ChatMemory chatMemory = TokenWindowChatMemory.builder()
                .id(7).maxTokens(8, new WordCountEstimator()).chatMemoryStore(memory).build();
        ToolExecutionRequest oslo = weatherRequest("call-1", "Oslo");
        ToolExecutionRequest lima = weatherRequest("call-2", "Lima");
        AiMessage answer = AiMessage.from("Oslo is sunny, Lima is rainy.");
        List<ChatMessage> all = List.of(UserMessage.from("Weather in Oslo and Lima?"), AiMessage.from(oslo, lima),
                ToolExecutionResultMessage.from(oslo, "sunny"), ToolExecutionResultMessage.from(lima, "rainy"), answer);
        for (ChatMessage message : all) {
            chatMemory.add(message);
            assertThat(memory.getMessages(7)).containsExactlyElementsOf(chatMemory.messages());
        }

        assertThat(chatMemory.messages()).containsExactly(answer);
        assertThat(TokenWindowChatMemory.builder().id(7).maxTokens(8, new WordCountEstimator())
                .chatMemoryStore(memory).build().messages()).containsExactly(answer);
        assertThat(history("alice", 7)).extracting(ChatstoreChatMemoryStore::toChatMessage).containsExactlyElementsOf(all);
    }

    /**
     * A token window may evict two messages to make room for one; here the new message equals one
     * of the evicted ones and must not be taken for that stored copy. If this fails, look at how
     * {@code updateMessages} tells kept messages from new ones.
     */
    @Test
    void repeatedMessagesEvictedByATokenWindowAreEachKeptInTheHistory() {
        ChatMemory chatMemory = TokenWindowChatMemory.builder()
                .id("repeats").maxTokens(4, new WordCountEstimator()).chatMemoryStore(memory).build();
        List<ChatMessage> all = new ArrayList<>();
        for (int turn = 1; turn <= 3; turn++) {
            for (ChatMessage message : List.of(UserMessage.from("yes"), AiMessage.from("sure thing"))) {
                chatMemory.add(message);
                all.add(message);
                assertThat(memory.getMessages("repeats")).containsExactlyElementsOf(chatMemory.messages());
            }
        }

        assertThat(history("alice", "repeats")).extracting(ChatstoreChatMemoryStore::toChatMessage)
                .as("every turn, though their messages are equal").containsExactlyElementsOf(all);
        Conversation conversation = store.forUser("alice").conversations().findByExternalKey("repeats").orElseThrow();
        assertThat(String.valueOf(conversation.metadata().get(ChatstoreChatMemoryStore.WINDOW_KEY)))
                .as("the window is the last turn").isEqualTo("[[5, 6]]");
    }

    /** The documented mapping: a memory id's string form is the key, so equal strings share a conversation. */
    @Test
    void aMemoryIdIsKeyedByItsStringForm() {
        memory.updateMessages(7, List.of(UserMessage.from("seven")));

        assertThat(memory.getMessages(7L)).containsExactly(UserMessage.from("seven"));
        assertThat(memory.getMessages("7")).containsExactly(UserMessage.from("seven"));
        assertThat(memory.getMessages(" 7")).isEmpty();
    }

    /** Each turn of a weather tool loop as chatstore shows it: question, tool call, tool result, answer. */
    private static void assertToolLoopHistory(List<Message> history, List<String> cities) {
        assertThat(history).as("four messages per turn").hasSize(4 * cities.size());
        for (int turn = 0; turn < cities.size(); turn++) {
            String city = cities.get(turn);
            Message question = history.get(4 * turn);
            Message call = history.get(4 * turn + 1);
            Message result = history.get(4 * turn + 2);
            Message answer = history.get(4 * turn + 3);
            assertThat(question.role()).isEqualTo(Role.USER);
            assertThat(question.content()).isEqualTo(city);
            assertThat(call.role()).isEqualTo(Role.ASSISTANT);
            assertThat(call.toolCalls()).as("turn %d's tool call", turn).singleElement().satisfies(toolCall -> {
                assertThat(toolCall.name()).isEqualTo("weather");
                assertThat(toolCall.arguments()).isEqualTo("{\"city\":\"" + city + "\"}");
            });
            assertThat(result.role()).isEqualTo(Role.TOOL);
            assertThat(result.toolCallId()).as("the result answers the call").isEqualTo(call.toolCalls().get(0).id());
            assertThat(result.toolName()).isEqualTo("weather");
            assertThat(result.content()).as("what the @Tool method returned").isEqualTo("sunny in " + city);
            assertThat(answer.role()).isEqualTo(Role.ASSISTANT);
            assertThat(answer.toolCalls()).isEmpty();
            assertThat(answer.content()).isEqualTo("The weather: sunny in " + city);
        }
        assertThat(history).flatExtracting(Message::toolCalls).extracting(ToolCall::id).doesNotHaveDuplicates();
    }

    /**
     * AI Services' own tool loop, with a chat memory per {@code @MemoryId} on this store: chatstore
     * keeps each memory id's whole history in order, evicted turns included, and no memory id sees
     * another's messages. The fake model rejects a prompt with an orphaned tool result.
     */
    @Test
    void aiServicesToolLoopsKeepEachMemoryIdsWholeHistory() {
        ToolCallingModel model = new ToolCallingModel();
        WeatherTools tools = new WeatherTools();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model)
                .chatMemoryProvider(id -> MessageWindowChatMemory.builder()
                        .id(id).maxMessages(10).chatMemoryStore(memory).build())
                .tools(tools)
                .build();
        List<String> north = List.of("Oslo", "Tromso", "Bergen", "Narvik");
        List<String> south = List.of("Lima", "Cusco", "Arequipa", "Puno");
        UUID uuid = UUID.fromString("0b8e2f5a-93d4-4c1e-8f57-2d6a1c9b7e30");

        for (int turn = 0; turn < 4; turn++) {
            assertThat(assistant.chat("north", north.get(turn))).isEqualTo("The weather: sunny in " + north.get(turn));
            assertThat(assistant.chatByNumber(7, south.get(turn))).isEqualTo("The weather: sunny in " + south.get(turn));
        }
        assertThat(assistant.chat(uuid, "Quito")).isEqualTo("The weather: sunny in Quito");

        assertThat(tools.calls).as("the @Tool method ran once per turn").hasSize(9);
        assertToolLoopHistory(history("alice", "north"), north);
        assertToolLoopHistory(history("alice", 7), south);
        assertToolLoopHistory(history("alice", uuid), List.of("Quito"));
        UserChats chats = store.forUser("alice");
        assertThat(Stream.of("north", "7", uuid.toString())
                .map(key -> chats.conversations().findByExternalKey(key).orElseThrow().id()))
                .as("one conversation per memory id").doesNotHaveDuplicates();

        // 16 messages went through a 10-message window: it holds the last 9, as evicting turn 2's
        // tool request took its result along.
        List<ChatMessage> whole = history("alice", "north").stream().map(ChatstoreChatMemoryStore::toChatMessage).toList();
        assertThat(memory.getMessages("north")).containsExactlyElementsOf(whole.subList(7, 16));
        assertThat(model.prompts).as("2 model calls per turn").hasSize(18);
        for (List<ChatMessage> prompt : model.prompts) {
            String text = prompt.toString();
            assertThat(north.stream().anyMatch(text::contains) && south.stream().anyMatch(text::contains))
                    .as("a prompt mixing memory ids: %s", prompt).isFalse();
        }
    }
}

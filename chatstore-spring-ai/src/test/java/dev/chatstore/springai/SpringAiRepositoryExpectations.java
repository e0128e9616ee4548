package dev.chatstore.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.Limits;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.UserChats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

/**
 * What Spring AI's own tests expect of a ChatMemoryRepository (the JDBC repository's integration
 * tests, InMemoryChatMemoryRepositoryTests) and of MessageWindowChatMemory over it
 * (MessageWindowChatMemoryTests), rewritten for this repository on a real store. Each window test
 * also runs the same adds through Spring AI's InMemoryChatMemoryRepository and expects the same
 * window, so a failure there means a round trip through chatstore changed what the window sees.
 */
abstract class SpringAiRepositoryExpectations {

    private static final String USER = "erin";

    private ChatStore store;
    private ChatstoreChatMemoryRepository repository;
    private int windows;

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

    private Optional<Conversation> conversation(String id) {
        return chats().conversations().findByExternalKey(id);
    }

    /** The whole stored history of a conversation, oldest first. */
    private List<dev.chatstore.Message> history(String id) {
        String conversationId = conversation(id).orElseThrow().id();
        List<dev.chatstore.Message> all = new ArrayList<>();
        PageRequest page = PageRequest.first(Limits.MESSAGES_PAGE_MAX);
        while (true) {
            var result = chats().messages().oldestFirst(conversationId, page);
            all.addAll(result.items());
            if (!result.hasNext()) {
                return all;
            }
            page = PageRequest.at(result.nextCursor(), Limits.MESSAGES_PAGE_MAX);
        }
    }

    // The JDBC repository's integration tests.

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"USER", "ASSISTANT", "SYSTEM"})
    void aSingleSavedMessageIsStoredWithItsRoleAndText(MessageType type) {
        Message message = switch (type) {
            case USER -> new UserMessage("from the user");
            case ASSISTANT -> new AssistantMessage("from the assistant");
            default -> new SystemMessage("from the system");
        };

        repository.saveAll("single", List.of(message));

        assertThat(repository.findConversationIds()).contains("single");
        assertThat(history("single")).singleElement().satisfies(stored -> {
            assertThat(stored.role()).isEqualTo(Role.valueOf(type.name()));
            assertThat(stored.content()).isEqualTo(message.getText());
            assertThat(stored.seq()).as("a sequence number orders the message").isPositive();
            assertThat(stored.createdAt()).isNotNull();
        });
        assertThat(repository.findByConversationId("single")).containsExactly(message);
    }

    @Test
    void severalMessagesAreStoredInOrderAndALaterSaveReplacesTheWindow() {
        List<Message> messages = List.of(new AssistantMessage("first"), new UserMessage("second"),
                new SystemMessage("third"));

        repository.saveAll("several", messages);

        assertThat(history("several")).extracting(dev.chatstore.Message::role, dev.chatstore.Message::content)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Role.ASSISTANT, "first"),
                        org.assertj.core.groups.Tuple.tuple(Role.USER, "second"),
                        org.assertj.core.groups.Tuple.tuple(Role.SYSTEM, "third"));
        assertThat(history("several")).extracting(dev.chatstore.Message::seq).isSorted().doesNotHaveDuplicates();
        assertThat(repository.findByConversationId("several")).containsExactlyElementsOf(messages);

        repository.saveAll("several", List.of(new UserMessage("Hello")));

        assertThat(repository.findByConversationId("several")).containsExactly(new UserMessage("Hello"));
        assertThat(history("several")).as("the history keeps what left the window").hasSize(4);
    }

    @Test
    void foundMessagesEqualTheSavedOnesInOrder() {
        List<Message> messages = List.of(new AssistantMessage("assistant 1"), new AssistantMessage("assistant 2"),
                new UserMessage("user"), new SystemMessage("system"));

        repository.saveAll("equal", messages);

        assertThat(repository.findByConversationId("equal")).containsExactlyElementsOf(messages);
    }

    @Test
    void deleteRemovesTheConversationAndItsMessages() {
        repository.saveAll("doomed", List.of(new AssistantMessage("a"), new UserMessage("u"), new SystemMessage("s")));
        String conversationId = conversation("doomed").orElseThrow().id();

        repository.deleteByConversationId("doomed");

        assertThat(conversation("doomed")).isEmpty();
        assertThat(chats().conversations().get(conversationId)).isEmpty();
        assertThat(repository.findByConversationId("doomed")).isEmpty();
        assertThat(repository.findConversationIds()).doesNotContain("doomed");
    }

    @Test
    void orderFollowsTheSavedListNotTheClock() {
        List<Message> messages = List.of(new UserMessage("1-first"), new AssistantMessage("2-second"),
                new UserMessage("3-third"), new SystemMessage("4-fourth"));

        repository.saveAll("order", messages);

        assertThat(repository.findByConversationId("order")).extracting(Message::getText)
                .containsExactly("1-first", "2-second", "3-third", "4-fourth");
    }

    @Test
    void aLargeBatchComesBackInOrderAcrossPages() {
        int count = 2 * Limits.MESSAGES_PAGE_MAX + 7;
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(new UserMessage("message " + i));
        }

        repository.saveAll("large", messages);

        assertThat(repository.findByConversationId("large")).containsExactlyElementsOf(messages);
        assertThat(conversation("large").orElseThrow().messageCount()).isEqualTo(count);
    }

    /** Spring AI 2.0's JDBC repository drops tool messages on save; this one keeps them. */
    @Test
    void toolCallsAndToolResponsesAreKeptNotFiltered() {
        List<Message> messages = List.of(
                new UserMessage("What is the weather?"),
                AssistantMessage.builder().content("")
                        .toolCalls(List.of(new AssistantMessage.ToolCall("call1", "function", "getWeather", "{}")))
                        .build(),
                ToolResponseMessage.builder()
                        .responses(List.of(new ToolResponseMessage.ToolResponse("call1", "getWeather", "sunny")))
                        .build(),
                new AssistantMessage("It is sunny."));

        repository.saveAll("tools", messages);

        assertThat(repository.findByConversationId("tools")).containsExactlyElementsOf(messages);
        assertThat(history("tools")).extracting(dev.chatstore.Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT);
    }

    /** Spring AI 2.0's JDBC repository keeps a message's creation time across the window's re-saves. */
    @Test
    void aReSavedMessageKeepsItsRowAndCreationTime() {
        repository.saveAll("kept", List.of(new UserMessage("first")));
        dev.chatstore.Message before = history("kept").get(0);

        List<Message> next = new ArrayList<>(repository.findByConversationId("kept"));
        next.add(new AssistantMessage("second"));
        repository.saveAll("kept", next);

        List<dev.chatstore.Message> after = history("kept");
        assertThat(after).hasSize(2);
        assertThat(after.get(0).id()).isEqualTo(before.id());
        assertThat(after.get(0).createdAt()).isEqualTo(before.createdAt());
        assertThat(after.get(1).createdAt()).isAfterOrEqualTo(before.createdAt());
    }

    // InMemoryChatMemoryRepositoryTests.

    @Test
    void conversationIdsFollowSavesAndDeletes() {
        repository.saveAll("one", List.of(new UserMessage("Hello")));
        repository.saveAll("two", List.of(new AssistantMessage("Hi there")));

        assertThat(repository.findConversationIds()).containsExactlyInAnyOrder("one", "two");

        repository.deleteByConversationId("one");

        assertThat(repository.findConversationIds()).containsExactly("two");
    }

    @Test
    void anUnknownConversationIsEmptyAndNotCreatedByReading() {
        assertThat(repository.findByConversationId("unknown")).isEmpty();
        assertThat(conversation("unknown")).isEmpty();
    }

    @Test
    void aLaterSaveOverwritesTheEarlierWindow() {
        repository.saveAll("overwrite", List.of(new UserMessage("Hello")));
        repository.saveAll("overwrite", List.of(new AssistantMessage("Hi there")));

        assertThat(repository.findByConversationId("overwrite")).containsExactly(new AssistantMessage("Hi there"));
    }

    @Test
    void nullOrEmptyConversationIdsAreRejected() {
        for (String id : Arrays.asList(null, "", "  ")) {
            assertThatThrownBy(() -> repository.saveAll(id, List.of(new UserMessage("Hello"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("conversationId cannot be null or empty");
            assertThatThrownBy(() -> repository.findByConversationId(id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("conversationId cannot be null or empty");
            assertThatThrownBy(() -> repository.deleteByConversationId(id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("conversationId cannot be null or empty");
        }
        assertThat(repository.findConversationIds()).isEmpty();
    }

    @Test
    void nullMessagesAreRejectedAndNothingIsStored() {
        List<Message> withNull = new ArrayList<>();
        withNull.add(new UserMessage("before the null"));
        withNull.add(null);

        assertThatThrownBy(() -> repository.saveAll("nulls", null)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> repository.saveAll("nulls", withNull)).isInstanceOf(RuntimeException.class);

        assertThat(conversation("nulls")).isEmpty();
    }

    /**
     * Spring AI's repositories (in-memory and JDBC) reject a null list and null elements with an
     * IllegalArgumentException, and so does this one.
     */
    @Test
    void nullMessagesAreRejectedAsSpringAiDoes() {
        List<Message> withNull = new ArrayList<>();
        withNull.add(null);

        assertThatThrownBy(() -> repository.saveAll("nulls", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messages cannot be null");
        assertThatThrownBy(() -> repository.saveAll("nulls", withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messages cannot contain null elements");
    }

    // Round trips that MessageWindowChatMemory relies on: it finds new system messages with a HashSet.

    @Test
    void everyMessageTypeRoundTripsEqualWithAnEqualHashCode() {
        List<Message> messages = List.of(
                new SystemMessage("You are helpful"),
                UserMessage.builder().text("What is on this picture?")
                        .metadata(Map.of("source", "web", "turn", 1))
                        .media(Media.builder().mimeType(MimeType.valueOf("image/png"))
                                .data(new org.springframework.core.io.ByteArrayResource(
                                        "png bytes".getBytes(StandardCharsets.UTF_8)))
                                .name("picture").build())
                        .build(),
                AssistantMessage.builder().content("Let me look")
                        .properties(Map.of("finishReason", "TOOL_CALLS", "score", 0.5))
                        .toolCalls(List.of(
                                new AssistantMessage.ToolCall("c1", "function", "describe", "{\"detail\":\"high\"}"),
                                new AssistantMessage.ToolCall("c2", "function", "ocr", "{}")))
                        .build(),
                ToolResponseMessage.builder().responses(List.of(
                        new ToolResponseMessage.ToolResponse("c1", "describe", "a cat"),
                        new ToolResponseMessage.ToolResponse("c2", "ocr", "no text")))
                        .metadata(Map.of("latencyMs", 12)).build(),
                new AssistantMessage("A cat, and no text."));

        repository.saveAll("types", messages);
        List<Message> found = repository.findByConversationId("types");

        assertThat(found).containsExactlyElementsOf(messages);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(found.get(i).hashCode()).as("hash code of %s", messages.get(i).getMessageType())
                    .isEqualTo(messages.get(i).hashCode());
        }
        assertThat(new HashSet<>(found)).isEqualTo(new HashSet<>(messages));
        assertThat(((UserMessage) found.get(1)).getMedia()).singleElement().satisfies(media -> {
            assertThat(media.getDataAsByteArray()).isEqualTo("png bytes".getBytes(StandardCharsets.UTF_8));
            assertThat(media.getName()).isEqualTo("picture");
        });
    }

    @Test
    void assistantMediaRoundTripsByValue() {
        AssistantMessage drawing = AssistantMessage.builder().content("Here it is")
                .properties(Map.of("model", "painter"))
                .media(List.of(Media.builder().mimeType(MimeType.valueOf("image/png"))
                        .data(java.net.URI.create("https://example.com/cat.png")).name("cat").build()))
                .build();

        repository.saveAll("drawing", List.of(drawing));
        AssistantMessage found = (AssistantMessage) repository.findByConversationId("drawing").get(0);

        assertThat(found.getText()).isEqualTo("Here it is");
        assertThat(found.getMetadata()).isEqualTo(drawing.getMetadata());
        assertThat(found.getMedia()).singleElement().satisfies(media -> {
            assertThat(media.getData()).isEqualTo("https://example.com/cat.png");
            assertThat(media.getMimeType()).isEqualTo(MimeType.valueOf("image/png"));
            assertThat(media.getName()).isEqualTo("cat");
        });
    }

    // MessageWindowChatMemoryTests, through this repository.

    /** Runs the adds through a window over this repository and over Spring AI's in-memory one. */
    private List<Message> window(int maxMessages, List<List<Message>> adds) {
        String id = "window-" + (++windows);
        MessageWindowChatMemory ours = MessageWindowChatMemory.builder()
                .chatMemoryRepository(repository).maxMessages(maxMessages).build();
        MessageWindowChatMemory reference = MessageWindowChatMemory.builder()
                .chatMemoryRepository(new InMemoryChatMemoryRepository()).maxMessages(maxMessages).build();
        for (List<Message> add : adds) {
            ours.add(id, add);
            reference.add(id, add);
        }
        List<Message> window = ours.get(id);
        assertThat(window).as("the window over chatstore is the window over Spring AI's in-memory repository")
                .containsExactlyElementsOf(reference.get(id));
        assertThat(repository.findByConversationId(id)).containsExactlyElementsOf(window);
        return window;
    }

    private List<dev.chatstore.Message> lastHistory() {
        return history("window-" + windows);
    }

    private static List<Message> turns(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            messages.add(new UserMessage("Message " + i));
            messages.add(new AssistantMessage("Response " + i));
        }
        return messages;
    }

    @Test
    void windowHoldsAndClearsAConversation() {
        MessageWindowChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository).build();
        List<Message> messages = List.of(new AssistantMessage("I, Robot"), new UserMessage("Hello"));

        memory.add("held", messages);
        assertThat(memory.get("held")).containsExactlyElementsOf(messages);
        memory.add("held", new UserMessage("One more"));
        assertThat(memory.get("held")).hasSize(3).endsWith(new UserMessage("One more"));

        memory.clear("held");

        assertThat(memory.get("held")).isEmpty();
        assertThat(conversation("held")).as("clear deletes the conversation, history included").isEmpty();
    }

    @Test
    void windowWithinItsLimitEvictsNothing() {
        List<Message> window = window(3, List.of(
                List.of(new UserMessage("Hello"), new AssistantMessage("Hi there")),
                List.of(new UserMessage("How are you?"))));

        assertThat(window).containsExactly(new UserMessage("Hello"), new AssistantMessage("Hi there"),
                new UserMessage("How are you?"));
    }

    @Test
    void windowOverItsLimitEvictsTheOldestTurn() {
        List<Message> all = turns(2);

        List<Message> window = window(2, List.of(all.subList(0, 2), all.subList(2, 4)));

        assertThat(window).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(lastHistory()).extracting(dev.chatstore.Message::content)
                .containsExactly("Message 1", "Response 1", "Message 2", "Response 2");
    }

    /**
     * MessageWindowChatMemory evicts before it saves, so what one add evicts never reaches the
     * repository and is not in chatstore's history either.
     */
    @Test
    void windowOfTwoOverFiveMessagesAtOnceStoresOnlyTheWindow() {
        List<Message> all = new ArrayList<>(turns(2));
        all.add(new UserMessage("Message 3"));

        List<Message> window = window(2, List.of(all));

        assertThat(window).containsExactlyElementsOf(SpringAiLine.expected(all.subList(3, 5), all.subList(4, 5)));
        assertThat(lastHistory()).extracting(dev.chatstore.Message::content)
                .containsExactlyElementsOf(window.stream().map(Message::getText).toList());
    }

    @Test
    void windowKeepsItsSystemMessageWhileItEvicts() {
        SystemMessage system = new SystemMessage("System instruction");
        List<Message> all = turns(2);

        List<Message> window = window(3, List.of(List.of(system, all.get(0), all.get(1)), all.subList(2, 4)));

        assertThat(window).containsExactly(system, all.get(2), all.get(3));
        assertThat(lastHistory()).hasSize(5);
    }

    @Test
    void windowKeepsSeveralSystemMessagesWhileItEvicts() {
        SystemMessage first = new SystemMessage("System instruction 1");
        SystemMessage second = new SystemMessage("System instruction 2");
        List<Message> all = turns(2);

        List<Message> window = window(3, List.of(List.of(first, second, all.get(0), all.get(1)), all.subList(2, 4)));

        assertThat(window).containsExactlyElementsOf(
                SpringAiLine.expected(List.of(first, second, all.get(3)), List.of(first, second)));
        // Each add evicted part of itself before the save: only what was saved is history.
        assertThat(lastHistory()).extracting(dev.chatstore.Message::content).containsExactlyElementsOf(
                SpringAiLine.expected(
                        List.of("System instruction 1", "System instruction 2", "Response 1", "Response 2"),
                        List.of("System instruction 1", "System instruction 2")));
    }

    @Test
    void aNewSystemMessageReplacesTheOldOnes() {
        List<Message> window = window(2, List.of(
                List.of(new SystemMessage("System instruction 1"), new SystemMessage("System instruction 2")),
                List.of(new SystemMessage("System instruction 3"))));

        assertThat(window).containsExactly(new SystemMessage("System instruction 3"));
        assertThat(lastHistory()).extracting(dev.chatstore.Message::content).containsExactly(
                "System instruction 1", "System instruction 2", "System instruction 3");
    }

    @Test
    void anEqualSystemMessageReadBackIsNotANewOne() {
        SystemMessage system = new SystemMessage("Be brief");

        List<Message> window = window(10, List.of(
                List.of(system, new UserMessage("Hi")),
                List.of(new AssistantMessage("Hello")),
                List.of(new SystemMessage("Be brief"), new UserMessage("Again"))));

        // Read back equal to the stored one, it is not a new system message: the stored one stays
        // (a copy that compared unequal would have evicted it).
        assertThat(window).containsExactly(system, new UserMessage("Hi"), new AssistantMessage("Hello"),
                new SystemMessage("Be brief"), new UserMessage("Again"));
    }

    @Test
    void systemMessagesFillingTheLimitLeaveNoRoomForATurn() {
        List<Message> window = window(2, List.of(
                List.of(new SystemMessage("System instruction 1"), new SystemMessage("System instruction 2")),
                List.of(new UserMessage("Message 1"), new AssistantMessage("Response 1"))));

        assertThat(window).containsExactly(new SystemMessage("System instruction 1"),
                new SystemMessage("System instruction 2"));
        assertThat(lastHistory()).as("the turn was evicted before it was saved").hasSize(2);
    }

    @Test
    void moreSystemMessagesThanTheLimitKeepsThemAll() {
        List<Message> window = window(2, List.of(
                List.of(new SystemMessage("S1"), new SystemMessage("S2")),
                List.of(new UserMessage("Hello"), new AssistantMessage("Hi"), new UserMessage("Again"))));

        assertThat(window).containsExactly(new SystemMessage("S1"), new SystemMessage("S2"));
    }

    @Test
    void aCutInsideATurn() {
        List<Message> all = turns(3);

        List<Message> window = window(3, List.of(all));

        assertThat(window).containsExactlyElementsOf(SpringAiLine.expected(all.subList(3, 6), all.subList(4, 6)));
    }

    @Test
    void aCutInsideATurnOfSeveralAssistantMessages() {
        List<Message> all = List.of(new UserMessage("Question 1"), new AssistantMessage("Step 1"),
                new AssistantMessage("Step 2"), new AssistantMessage("Final answer"), new UserMessage("Question 2"),
                new AssistantMessage("Answer 2"));

        List<Message> window = window(4, List.of(all));

        assertThat(window).containsExactlyElementsOf(SpringAiLine.expected(all.subList(2, 6), all.subList(4, 6)));
    }

    @Test
    void aCutOnAUserMessage() {
        List<Message> all = turns(3);

        assertThat(window(4, List.of(all))).containsExactlyElementsOf(all.subList(2, 6));
    }

    @Test
    void theDefaultWindowOfTwentyOverManyTurnsKeepsTheWholeHistory() {
        List<Message> all = turns(25);
        List<List<Message>> adds = new ArrayList<>();
        for (Message m : all) {
            adds.add(List.of(m));
        }

        List<Message> window = window(20, adds);

        assertThat(window).containsExactlyElementsOf(all.subList(30, 50));
        assertThat(lastHistory()).extracting(dev.chatstore.Message::content)
                .containsExactlyElementsOf(all.stream().map(Message::getText).toList());
    }

    @Test
    void aWindowOverToolCallsWithSeveralResponses() {
        List<Message> adds = List.of(
                new UserMessage("Weather and time in Oslo?"),
                AssistantMessage.builder().content("").toolCalls(List.of(
                        new AssistantMessage.ToolCall("w1", "function", "weather", "{\"city\":\"Oslo\"}"),
                        new AssistantMessage.ToolCall("t1", "function", "time", "{\"city\":\"Oslo\"}"))).build(),
                ToolResponseMessage.builder().responses(List.of(
                        new ToolResponseMessage.ToolResponse("w1", "weather", "3 degrees"),
                        new ToolResponseMessage.ToolResponse("t1", "time", "12:00"))).build(),
                new AssistantMessage("3 degrees at noon"),
                new UserMessage("And in Lima?"),
                new AssistantMessage("Ask me again later"));

        List<Message> window = window(3, adds.stream().map(List::of).toList());

        assertThat(window).containsExactlyElementsOf(
                SpringAiLine.expected(adds.subList(3, 6), adds.subList(4, 6)));
        // On 2.0 adding the answer leaves no whole turn in a window of three: the window empties
        // before the save and the answer never reaches the repository.
        assertThat(lastHistory()).extracting(dev.chatstore.Message::role).containsExactlyElementsOf(
                SpringAiLine.expected(
                        List.of(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.ASSISTANT, Role.USER, Role.ASSISTANT),
                        List.of(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.USER, Role.ASSISTANT)));
        assertThat(lastHistory().get(1).toolCalls()).extracting(dev.chatstore.ToolCall::id).containsExactly("w1", "t1");
        assertThat(lastHistory().get(3).toolCallId()).isEqualTo("t1");
    }
}

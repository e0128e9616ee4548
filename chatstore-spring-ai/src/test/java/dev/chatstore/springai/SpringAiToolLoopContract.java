package dev.chatstore.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatStore;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.client.advisor.ToolCallAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.core.Ordered;

/**
 * A multi-turn conversation with tool calls through Spring AI's ChatClient: a fake model asks for a
 * real {@code @Tool} method, Spring AI's ToolCallAdvisor runs it, MessageChatMemoryAdvisor records
 * every step in a MessageWindowChatMemory over this repository, and the whole history, tool calls
 * and results included, is then read through chatstore's own API.
 */
abstract class SpringAiToolLoopContract {

    private static final String USER = "frank";
    private static final String CONVERSATION = "trip";
    private static final List<String> CITIES = List.of("Oslo", "Lima", "Quito");

    private ChatStore store;
    private ScriptedWeatherModel model;
    private WeatherTools tools;
    private MessageWindowChatMemory memory;
    private ChatClient client;

    protected abstract ChatStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
        model = new ScriptedWeatherModel();
        tools = new WeatherTools();
        memory = MessageWindowChatMemory.builder()
                .chatMemoryRepository(ChatstoreChatMemoryRepository.builder(store).userId(USER).build())
                .maxMessages(4)
                .build();
        // The memory advisor sits inside the tool loop (a higher order), so it records each call of it:
        // the tool call, the tool result and the answer. The tool advisor keeps its default settings:
        // its builder's setters changed their erased signatures in 2.0, and these classes run on both.
        client = ChatClient.builder(model)
                .defaultAdvisors(
                        ToolCallAdvisor.builder().build(),
                        MessageChatMemoryAdvisor.builder(memory).order(Ordered.HIGHEST_PRECEDENCE + 1000).build())
                .build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String ask(String city) {
        return client.prompt()
                .user("Weather in " + city + "?")
                .tools(tools)
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, CONVERSATION))
                .call()
                .content();
    }

    private List<dev.chatstore.Message> history() {
        String id = store.forUser(USER).conversations().findByExternalKey(CONVERSATION).orElseThrow().id();
        return store.forUser(USER).messages().oldestFirst(id, PageRequest.first(200)).items();
    }

    @Test
    void everyTurnRunsTheToolAndAnswersWithItsResult() {
        for (String city : CITIES) {
            assertThat(ask(city)).isEqualTo("It is: \"Sunny in " + city + "\"");
        }

        assertThat(tools.asked()).as("the tool ran once per turn").containsExactlyElementsOf(CITIES);
        assertThat(model.prompts()).hasSize(2 * CITIES.size());
        assertThat(model.prompts().get(0).getOptions()).isInstanceOfSatisfying(ToolCallingChatOptions.class,
                options -> assertThat(options.getToolCallbacks())
                        .extracting(callback -> callback.getToolDefinition().name()).containsExactly("weather"));
    }

    @Test
    void theFullHistoryWithToolCallsIsReadableThroughChatstore() {
        CITIES.forEach(this::ask);

        List<dev.chatstore.Message> history = history();
        assertThat(history).extracting(dev.chatstore.Message::role).containsExactly(
                Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT,
                Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT,
                Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT);
        assertThat(history).extracting(dev.chatstore.Message::seq).isSorted().doesNotHaveDuplicates();
        for (int turn = 0; turn < CITIES.size(); turn++) {
            String city = CITIES.get(turn);
            String callId = "call-" + (turn + 1);
            List<dev.chatstore.Message> messages = history.subList(4 * turn, 4 * turn + 4);
            assertThat(messages.get(0).content()).isEqualTo("Weather in " + city + "?");
            assertThat(messages.get(1).toolCalls())
                    .containsExactly(new ToolCall(callId, "weather", "{\"city\":\"" + city + "\"}"));
            assertThat(messages.get(2).toolCallId()).isEqualTo(callId);
            assertThat(messages.get(2).toolName()).isEqualTo("weather");
            assertThat(messages.get(2).content()).isEqualTo("\"Sunny in " + city + "\"");
            assertThat(messages.get(3).content()).isEqualTo("It is: \"Sunny in " + city + "\"");
            assertThat(messages.get(3).toolCalls()).isEmpty();
        }
    }

    @Test
    void theWindowHoldsTheLastTurnWhileTheHistoryKeepsEveryTurn() {
        CITIES.forEach(this::ask);

        List<Message> window = memory.get(CONVERSATION);
        assertThat(window).hasSize(4);
        assertThat(window.get(0)).isEqualTo(new UserMessage("Weather in Quito?"));
        assertThat(window.get(1)).isInstanceOfSatisfying(AssistantMessage.class, call ->
                assertThat(call.getToolCalls()).extracting(AssistantMessage.ToolCall::id).containsExactly("call-3"));
        assertThat(window.get(2)).isInstanceOfSatisfying(ToolResponseMessage.class, result ->
                assertThat(result.getResponses()).extracting(ToolResponseMessage.ToolResponse::id)
                        .containsExactly("call-3"));
        assertThat(window.get(3).getText()).isEqualTo("It is: \"Sunny in Quito\"");
        assertThat(history()).hasSize(4 * CITIES.size());
    }

    @Test
    void theModelIsSentTheRememberedToolCallBeforeItsResult() {
        ask("Oslo");

        // The second call of the turn: the memory holds the question and the tool call, and the tool
        // result follows them.
        List<Message> sent = model.prompts().get(1).getInstructions();
        Message result = sent.get(sent.size() - 1);
        assertThat(result).isInstanceOf(ToolResponseMessage.class);
        assertThat(sent).anySatisfy(m -> assertThat(m).isInstanceOfSatisfying(AssistantMessage.class,
                call -> assertThat(call.getToolCalls()).extracting(AssistantMessage.ToolCall::id)
                        .containsExactly("call-1")));
        assertThat(sent.indexOf(new UserMessage("Weather in Oslo?"))).isNotNegative();
    }
}

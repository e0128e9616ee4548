package dev.chatstore.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake model that answers like a tool-calling LLM: a user turn gets a request for the
 * {@code weather} tool with the user's text as the city, a tool result gets a final answer quoting
 * it. It rejects prompts a real provider would reject (a tool result whose request is not in the
 * prompt, a missing tool), so a memory store that returns a wrong window fails the turn.
 */
final class ToolCallingModel implements ChatModel {
    final List<List<ChatMessage>> prompts = new CopyOnWriteArrayList<>();
    private final AtomicInteger callIds = new AtomicInteger();

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> prompt = request.messages();
        prompts.add(List.copyOf(prompt));
        if (request.toolSpecifications().stream().map(ToolSpecification::name).noneMatch("weather"::equals)) {
            throw new IllegalStateException("the weather tool was not offered: " + request.toolSpecifications());
        }
        Set<String> requested = new HashSet<>();
        for (ChatMessage message : prompt) {
            if (message instanceof AiMessage ai) {
                ai.toolExecutionRequests().forEach(call -> requested.add(call.id()));
            } else if (message instanceof ToolExecutionResultMessage result && !requested.contains(result.id())) {
                throw new IllegalStateException("orphaned tool result " + result.id() + " in prompt " + prompt);
            }
        }
        ChatMessage last = prompt.get(prompt.size() - 1);
        AiMessage reply;
        if (last instanceof UserMessage user) {
            reply = AiMessage.from(ToolExecutionRequest.builder()
                    .id("call-" + callIds.incrementAndGet())
                    .name("weather")
                    .arguments("{\"city\":\"" + user.singleText() + "\"}")
                    .build());
        } else if (last instanceof ToolExecutionResultMessage result) {
            reply = AiMessage.from("The weather: " + result.text());
        } else {
            throw new IllegalStateException("unexpected last message " + last);
        }
        return ChatResponse.builder().aiMessage(reply).build();
    }
}

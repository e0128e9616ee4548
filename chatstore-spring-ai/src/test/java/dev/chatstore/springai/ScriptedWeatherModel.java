package dev.chatstore.springai;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * A chat model that asks for the weather tool when the prompt ends with a question, and answers
 * with the tool's result when it ends with one. It records every prompt it was sent.
 */
final class ScriptedWeatherModel implements ChatModel {

    private final List<Prompt> prompts = new ArrayList<>();
    private int calls;

    @Override
    public ChatResponse call(Prompt prompt) {
        prompts.add(prompt);
        List<Message> messages = prompt.getInstructions();
        Message last = messages.get(messages.size() - 1);
        AssistantMessage reply;
        if (last instanceof ToolResponseMessage tool) {
            reply = new AssistantMessage("It is: " + tool.getResponses().get(0).responseData());
        } else {
            String city = last.getText().replace("Weather in ", "").replace("?", "");
            calls++;
            reply = AssistantMessage.builder().content("")
                    .toolCalls(List.of(new AssistantMessage.ToolCall("call-" + calls, "function", "weather",
                            "{\"city\":\"" + city + "\"}")))
                    .build();
        }
        return new ChatResponse(List.of(new Generation(reply)));
    }

    /** ChatClient 1.1 reads these; the tool calling advisor needs tool calling options. */
    @Override
    public ChatOptions getDefaultOptions() {
        return ToolCallingChatOptions.builder().build();
    }

    /** ChatClient 2.0 reads this method, which it declares and 1.1 does not. */
    public ChatOptions getOptions() {
        return getDefaultOptions();
    }

    List<Prompt> prompts() {
        return prompts;
    }
}

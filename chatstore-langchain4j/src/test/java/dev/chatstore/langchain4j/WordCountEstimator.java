package dev.chatstore.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;

/**
 * A deterministic {@link TokenCountEstimator} for token window tests: one token per word of text,
 * of a tool request's name and of its arguments. LangChain4j 1.19.0 ships no model-free estimator.
 */
final class WordCountEstimator implements TokenCountEstimator {
    @Override
    public int estimateTokenCountInText(String text) {
        return text == null || text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return estimateTokenCountInText(system.text());
        }
        if (message instanceof UserMessage user) {
            return estimateTokenCountInText(user.singleText());
        }
        if (message instanceof AiMessage ai) {
            int tokens = estimateTokenCountInText(ai.text());
            for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                tokens += estimateTokenCountInText(request.name()) + estimateTokenCountInText(request.arguments());
            }
            return tokens;
        }
        if (message instanceof ToolExecutionResultMessage result) {
            return estimateTokenCountInText(result.text());
        }
        throw new IllegalArgumentException("no estimate for " + message.type());
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        int total = 0;
        for (ChatMessage message : messages) {
            total += estimateTokenCountInMessage(message);
        }
        return total;
    }
}

package dev.chatstore.sqlite.selftest;

import dev.chatstore.AppendOptions;
import dev.chatstore.AppendOutcome;
import dev.chatstore.Appended;
import dev.chatstore.Conversation;
import dev.chatstore.Feedback;
import dev.chatstore.Message;
import dev.chatstore.Messages;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.PromptWindow;
import dev.chatstore.WindowLimit;
import java.util.List;
import java.util.Optional;

/**
 * Passes every call to a real {@link Messages}; broken stores override single methods.
 * {@link Messages#latest} is left to its default, so it goes through {@link #newestFirst}.
 */
class ForwardingMessages implements Messages {
    protected final Messages delegate;

    ForwardingMessages(Messages delegate) {
        this.delegate = delegate;
    }

    @Override
    public Appended append(String conversationId, NewMessage message) {
        return delegate.append(conversationId, message);
    }

    @Override
    public List<Appended> appendAll(String conversationId, List<NewMessage> messages) {
        return delegate.appendAll(conversationId, messages);
    }

    @Override
    public AppendOutcome appendAll(String conversationId, List<NewMessage> messages, AppendOptions options) {
        return delegate.appendAll(conversationId, messages, options);
    }

    @Override
    public Optional<Message> get(String messageId) {
        return delegate.get(messageId);
    }

    @Override
    public Optional<Message> findReply(String messageId) {
        return delegate.findReply(messageId);
    }

    @Override
    public Optional<Message> byClientMessageId(String conversationId, String clientMessageId) {
        return delegate.byClientMessageId(conversationId, clientMessageId);
    }

    @Override
    public Page<Message> newestFirst(String conversationId, PageRequest page) {
        return delegate.newestFirst(conversationId, page);
    }

    @Override
    public Page<Message> oldestFirst(String conversationId, PageRequest page) {
        return delegate.oldestFirst(conversationId, page);
    }

    @Override
    public Page<Message> after(String conversationId, long afterSeq, int limit) {
        return delegate.after(conversationId, afterSeq, limit);
    }

    @Override
    public Message editContent(String messageId, String content) {
        return delegate.editContent(messageId, content);
    }

    @Override
    public Message setFeedback(String messageId, Feedback feedback) {
        return delegate.setFeedback(messageId, feedback);
    }

    @Override
    public Appended regenerate(String assistantMessageId, NewMessage reply) {
        return delegate.regenerate(assistantMessageId, reply);
    }

    @Override
    public Appended editIntoBranch(String userMessageId, NewMessage edited) {
        return delegate.editIntoBranch(userMessageId, edited);
    }

    @Override
    public Conversation selectBranch(String messageId) {
        return delegate.selectBranch(messageId);
    }

    @Override
    public Page<Message> branch(String conversationId, PageRequest page) {
        return delegate.branch(conversationId, page);
    }

    @Override
    public Page<Message> path(String messageId, PageRequest page) {
        return delegate.path(messageId, page);
    }

    @Override
    public boolean delete(String messageId) {
        return delegate.delete(messageId);
    }

    @Override
    public PromptWindow promptWindow(String conversationId, WindowLimit limit) {
        return delegate.promptWindow(conversationId, limit);
    }
}

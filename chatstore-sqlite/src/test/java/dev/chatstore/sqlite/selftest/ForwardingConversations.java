package dev.chatstore.sqlite.selftest;

import dev.chatstore.Conversation;
import dev.chatstore.Conversations;
import dev.chatstore.NewConversation;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import java.util.Map;
import java.util.Optional;

/** Passes every call to a real {@link Conversations}; broken stores override single methods. */
class ForwardingConversations implements Conversations {
    protected final Conversations delegate;

    ForwardingConversations(Conversations delegate) {
        this.delegate = delegate;
    }

    @Override
    public Conversation create(NewConversation conversation) {
        return delegate.create(conversation);
    }

    @Override
    public Conversation getOrCreateForPersona(NewConversation conversation) {
        return delegate.getOrCreateForPersona(conversation);
    }

    @Override
    public Optional<Conversation> get(String conversationId) {
        return delegate.get(conversationId);
    }

    @Override
    public Page<Conversation> list(PageRequest page) {
        return delegate.list(page);
    }

    @Override
    public Conversation rename(String conversationId, String title) {
        return delegate.rename(conversationId, title);
    }

    @Override
    public Conversation replaceMetadata(String conversationId, Map<String, ?> metadata) {
        return delegate.replaceMetadata(conversationId, metadata);
    }

    @Override
    public boolean delete(String conversationId) {
        return delegate.delete(conversationId);
    }
}

package dev.chatstore.sqlite.selftest;

import dev.chatstore.Conversation;
import dev.chatstore.ConversationFilter;
import dev.chatstore.ConversationSummary;
import dev.chatstore.Conversations;
import dev.chatstore.NewConversation;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.TokenTotals;
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
    public Conversation getOrCreateByExternalKey(String externalKey, NewConversation conversation) {
        return delegate.getOrCreateByExternalKey(externalKey, conversation);
    }

    @Override
    public Optional<Conversation> findByExternalKey(String externalKey) {
        return delegate.findByExternalKey(externalKey);
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
    public Page<Conversation> listArchived(PageRequest page) {
        return delegate.listArchived(page);
    }

    @Override
    public Page<Conversation> list(PageRequest page, ConversationFilter filter) {
        return delegate.list(page, filter);
    }

    @Override
    public Page<Conversation> listArchived(PageRequest page, ConversationFilter filter) {
        return delegate.listArchived(page, filter);
    }

    @Override
    public Page<ConversationSummary> sidebar(PageRequest page, ConversationFilter filter) {
        return delegate.sidebar(page, filter);
    }

    @Override
    public Page<ConversationSummary> sidebar(PageRequest page) {
        return delegate.sidebar(page);
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
    public Conversation patchMetadata(String conversationId, Map<String, ?> patch) {
        return delegate.patchMetadata(conversationId, patch);
    }

    @Override
    public Conversation setModel(String conversationId, String provider, String model) {
        return delegate.setModel(conversationId, provider, model);
    }

    @Override
    public Conversation setSystemPrompt(String conversationId, String systemPrompt) {
        return delegate.setSystemPrompt(conversationId, systemPrompt);
    }

    @Override
    public Conversation setPinned(String conversationId, boolean pinned) {
        return delegate.setPinned(conversationId, pinned);
    }

    @Override
    public Conversation setArchived(String conversationId, boolean archived) {
        return delegate.setArchived(conversationId, archived);
    }

    @Override
    public Conversation markRead(String conversationId) {
        return delegate.markRead(conversationId);
    }

    @Override
    public TokenTotals tokenTotals(String conversationId) {
        return delegate.tokenTotals(conversationId);
    }

    @Override
    public boolean delete(String conversationId) {
        return delegate.delete(conversationId);
    }
}

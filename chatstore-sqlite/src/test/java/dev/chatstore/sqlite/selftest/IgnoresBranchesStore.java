package dev.chatstore.sqlite.selftest;

import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NotFoundException;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.UserChats;

/**
 * Broken on purpose: knows nothing of branches. The chosen branch is read as every message newest
 * first, and selectBranch changes nothing.
 */
final class IgnoresBranchesStore extends ForwardingChatStore {

    IgnoresBranchesStore(ChatStore delegate) {
        super(delegate);
    }

    @Override
    protected UserChats view(UserChats real) {
        return View.of(real).withMessages(new ForwardingMessages(real.messages()) {
            @Override
            public Page<Message> branch(String conversationId, PageRequest page) {
                return delegate.newestFirst(conversationId, page);
            }

            @Override
            public Conversation selectBranch(String messageId) {
                Message m = delegate.get(messageId).orElseThrow(() -> new NotFoundException("no message " + messageId));
                return real.conversations().get(m.conversationId()).orElseThrow();
            }
        });
    }
}

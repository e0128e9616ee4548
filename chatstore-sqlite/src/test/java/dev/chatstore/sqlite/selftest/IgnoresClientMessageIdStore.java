package dev.chatstore.sqlite.selftest;

import dev.chatstore.Appended;
import dev.chatstore.ChatStore;
import dev.chatstore.NewMessage;
import dev.chatstore.UserChats;
import java.util.List;

/** Broken on purpose: drops every message's clientMessageId before appending, so nothing is idempotent. */
final class IgnoresClientMessageIdStore extends ForwardingChatStore {

    IgnoresClientMessageIdStore(ChatStore delegate) {
        super(delegate);
    }

    @Override
    protected UserChats view(UserChats real) {
        return View.of(real).withMessages(new ForwardingMessages(real.messages()) {
            @Override
            public Appended append(String conversationId, NewMessage message) {
                return delegate.append(conversationId, strip(message));
            }

            @Override
            public List<Appended> appendAll(String conversationId, List<NewMessage> messages) {
                return delegate.appendAll(conversationId, messages == null ? null
                        : messages.stream().map(IgnoresClientMessageIdStore::strip).toList());
            }
        });
    }

    private static NewMessage strip(NewMessage m) {
        return m == null ? null : new NewMessage(m.role(), m.content(), null, m.replyTo(), m.metadata(), m.attachmentIds(),
                m.type(), m.media(), m.usage(), m.toolCallId(), m.toolCalls(), m.toolName(), m.reasoning());
    }
}

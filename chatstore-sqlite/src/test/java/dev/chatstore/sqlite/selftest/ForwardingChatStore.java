package dev.chatstore.sqlite.selftest;

import dev.chatstore.Attachments;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversations;
import dev.chatstore.MemoryFacts;
import dev.chatstore.Messages;
import dev.chatstore.UserChats;
import java.util.Objects;

/**
 * A store that passes every call to a real one; a broken store overrides {@link #view} to swap in
 * a misbehaving part. Unchanged, it must pass the whole suite (the self-test checks that too).
 */
class ForwardingChatStore implements ChatStore {
    protected final ChatStore delegate;

    ForwardingChatStore(ChatStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public UserChats forUser(String userId) {
        return view(delegate.forUser(userId));
    }

    /** The view the caller gets for one user; override to break a part of it. */
    protected UserChats view(UserChats real) {
        return real;
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** A user view assembled from parts. */
    record View(String userId, Conversations conversations, Messages messages, Attachments attachments,
                MemoryFacts facts) implements UserChats {
        static View of(UserChats real) {
            return new View(real.userId(), real.conversations(), real.messages(), real.attachments(), real.facts());
        }

        View withConversations(Conversations replacement) {
            return new View(userId, replacement, messages, attachments, facts);
        }

        View withMessages(Messages replacement) {
            return new View(userId, conversations, replacement, attachments, facts);
        }
    }
}

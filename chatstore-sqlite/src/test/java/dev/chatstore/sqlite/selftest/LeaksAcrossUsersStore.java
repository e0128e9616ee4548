package dev.chatstore.sqlite.selftest;

import dev.chatstore.Appended;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.Message;
import dev.chatstore.NewConversation;
import dev.chatstore.NewMessage;
import dev.chatstore.ProfileSpec;
import dev.chatstore.UserChats;
import dev.chatstore.UserProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Broken on purpose: get of a conversation or message finds any user's row. It remembers who
 * created each conversation and message and answers a foreign get through the owner's view. A
 * user without a profile is shown the profile of the last user who upserted one.
 */
final class LeaksAcrossUsersStore extends ForwardingChatStore {
    private final Map<String, String> ownerById = new ConcurrentHashMap<>();
    private final AtomicReference<String> lastProfileOwner = new AtomicReference<>();

    LeaksAcrossUsersStore(ChatStore delegate) {
        super(delegate);
    }

    @Override
    protected UserChats view(UserChats real) {
        String user = real.userId();
        return View.of(real)
                .withConversations(new ForwardingConversations(real.conversations()) {
                    @Override
                    public Conversation create(NewConversation conversation) {
                        return remember(user, delegate.create(conversation));
                    }

                    @Override
                    public Conversation getOrCreateForPersona(NewConversation conversation) {
                        return remember(user, delegate.getOrCreateForPersona(conversation));
                    }

                    @Override
                    public Optional<Conversation> get(String conversationId) {
                        String owner = conversationId == null ? null : ownerById.get(conversationId);
                        return owner == null || owner.equals(user) ? delegate.get(conversationId)
                                : LeaksAcrossUsersStore.this.delegate.forUser(owner).conversations().get(conversationId);
                    }
                })
                .withMessages(new ForwardingMessages(real.messages()) {
                    @Override
                    public Appended append(String conversationId, NewMessage message) {
                        Appended appended = delegate.append(conversationId, message);
                        ownerById.put(appended.message().id(), user);
                        return appended;
                    }

                    @Override
                    public List<Appended> appendAll(String conversationId, List<NewMessage> messages) {
                        List<Appended> appended = delegate.appendAll(conversationId, messages);
                        appended.forEach(a -> ownerById.put(a.message().id(), user));
                        return appended;
                    }

                    @Override
                    public Optional<Message> get(String messageId) {
                        String owner = messageId == null ? null : ownerById.get(messageId);
                        return owner == null || owner.equals(user) ? delegate.get(messageId)
                                : LeaksAcrossUsersStore.this.delegate.forUser(owner).messages().get(messageId);
                    }
                })
                .withProfile(new ForwardingProfile(real.profile()) {
                    @Override
                    public UserProfile upsert(ProfileSpec profile) {
                        UserProfile stored = delegate.upsert(profile);
                        lastProfileOwner.set(user);
                        return stored;
                    }

                    @Override
                    public Optional<UserProfile> get() {
                        Optional<UserProfile> own = delegate.get();
                        String other = lastProfileOwner.get();
                        return own.isPresent() || other == null ? own
                                : LeaksAcrossUsersStore.this.delegate.forUser(other).profile().get();
                    }
                });
    }

    private Conversation remember(String user, Conversation conversation) {
        ownerById.put(conversation.id(), user);
        return conversation;
    }
}

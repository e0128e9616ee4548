package dev.chatstore.sqlite.selftest;

import dev.chatstore.Conversation;
import dev.chatstore.Profile;
import dev.chatstore.ProfileSpec;
import dev.chatstore.UserProfile;
import java.util.Map;
import java.util.Optional;

/** Passes every call to a real {@link Profile}; broken stores override single methods. */
class ForwardingProfile implements Profile {
    protected final Profile delegate;

    ForwardingProfile(Profile delegate) {
        this.delegate = delegate;
    }

    @Override
    public UserProfile upsert(ProfileSpec profile) {
        return delegate.upsert(profile);
    }

    @Override
    public Optional<UserProfile> get() {
        return delegate.get();
    }

    @Override
    public UserProfile mergePreferences(Map<String, ?> patch) {
        return delegate.mergePreferences(patch);
    }

    @Override
    public UserProfile replacePreferences(Map<String, ?> preferences) {
        return delegate.replacePreferences(preferences);
    }

    @Override
    public UserProfile touch() {
        return delegate.touch();
    }

    @Override
    public UserProfile setActiveConversation(String conversationId) {
        return delegate.setActiveConversation(conversationId);
    }

    @Override
    public Optional<Conversation> activeConversation() {
        return delegate.activeConversation();
    }
}

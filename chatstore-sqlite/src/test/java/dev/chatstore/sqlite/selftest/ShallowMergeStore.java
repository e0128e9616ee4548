package dev.chatstore.sqlite.selftest;

import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.NotFoundException;
import dev.chatstore.UserChats;
import dev.chatstore.UserProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * Broken on purpose: "merges" metadata and preferences by reading them, putting the patch's keys
 * over them (one level deep, nulls kept) and writing the whole map back — the read-modify-write a
 * JSON merge patch is not.
 */
final class ShallowMergeStore extends ForwardingChatStore {

    ShallowMergeStore(ChatStore delegate) {
        super(delegate);
    }

    @Override
    protected UserChats view(UserChats real) {
        return View.of(real)
                .withConversations(new ForwardingConversations(real.conversations()) {
                    @Override
                    public Conversation patchMetadata(String conversationId, Map<String, ?> patch) {
                        if (patch == null) {
                            return delegate.patchMetadata(conversationId, null);
                        }
                        Conversation current = delegate.get(conversationId)
                                .orElseThrow(() -> new NotFoundException("no conversation " + conversationId));
                        Map<String, Object> merged = new HashMap<>(current.metadata());
                        merged.putAll(patch);
                        return delegate.replaceMetadata(conversationId, merged);
                    }
                })
                .withProfile(new ForwardingProfile(real.profile()) {
                    @Override
                    public UserProfile mergePreferences(Map<String, ?> patch) {
                        if (patch == null) {
                            return delegate.mergePreferences(null);
                        }
                        Map<String, Object> merged = new HashMap<>(
                                delegate.get().map(UserProfile::preferences).orElse(Map.of()));
                        merged.putAll(patch);
                        return delegate.replacePreferences(merged);
                    }
                });
    }
}

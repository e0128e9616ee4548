package dev.chatstore.testkit;

import dev.chatstore.Attachment;
import dev.chatstore.ChatStore;
import dev.chatstore.Conversation;
import dev.chatstore.Persona;
import dev.chatstore.ProviderConfig;
import dev.chatstore.StoreStatistics;
import dev.chatstore.UserChats;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a store holds for a few users, plus the store-wide state, read through the public API:
 * compare one taken before an operation with one taken after to prove the operation changed
 * nothing, for those users or store-wide. Immutable.
 *
 * @param users         each user's state, by user id
 * @param personas      every persona
 * @param storeSettings the store-wide settings
 * @param statistics    the store-wide counts (they cover users outside {@code users} too)
 */
public record StoreSnapshot(Map<String, UserState> users, List<Persona> personas, Map<String, Object> storeSettings,
                            StoreStatistics statistics) {

    /**
     * One user's state: everything {@link UserSnapshot} reads (conversations, archived ones, all
     * messages, branches, attachment links, attachments, facts, profile, settings, provider
     * configurations), and what it leaves out.
     *
     * @param activeConversation the profile's active conversation, as {@code activeConversation()} reads it
     * @param inlineData         each attachment's inline bytes in hex, or "" when it has none
     * @param apiKeys            each provider configuration's decrypted API key
     * @param searchCache        the cached results of each probed query
     */
    public record UserState(UserSnapshot data, Optional<Conversation> activeConversation, Map<String, String> inlineData,
                            Map<String, Optional<String>> apiKeys, Map<String, Optional<Object>> searchCache) {
    }

    /** Reads the state of {@code userIds}, probing the search cache with {@code cachedQueries}. */
    public static StoreSnapshot of(ChatStore store, Collection<String> userIds, Collection<String> cachedQueries) {
        Map<String, UserState> users = new TreeMap<>();
        for (String userId : userIds) {
            users.put(userId, user(store.forUser(userId), cachedQueries));
        }
        return new StoreSnapshot(users, List.copyOf(store.personas().list(null, null)),
                Map.copyOf(store.settings().all()), store.admin().statistics());
    }

    private static UserState user(UserChats user, Collection<String> cachedQueries) {
        UserSnapshot data = UserSnapshot.of(user);
        Map<String, String> inline = new TreeMap<>();
        for (Attachment a : data.attachments().values()) {
            inline.put(a.id(), user.attachments().inlineData(a.id()).map(HexFormat.of()::formatHex).orElse(""));
        }
        Map<String, Optional<String>> apiKeys = new TreeMap<>();
        for (ProviderConfig p : data.providers()) {
            apiKeys.put(p.providerId(), user.providers().apiKey(p.providerId()));
        }
        Map<String, Optional<Object>> cache = new TreeMap<>();
        for (String query : cachedQueries) {
            cache.put(query, user.searchCache().get(query));
        }
        return new UserState(data, user.profile().activeConversation(), inline, apiKeys, cache);
    }
}

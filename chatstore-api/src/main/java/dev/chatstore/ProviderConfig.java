package dev.chatstore;

import java.time.Instant;
import java.util.Map;

/**
 * A user's configuration of one AI provider. The API key is never part of it; read it with
 * {@link ProviderConfigs#apiKey(String)}. Immutable snapshot.
 *
 * @param providerId       the provider's id, e.g. {@code "openai"}; unique per user
 * @param baseUrl          the provider's endpoint, or null for its default
 * @param enabled          whether the user has the provider switched on
 * @param modelPreferences JSON preferences (default model, temperature …), never null
 * @param hasApiKey        whether an API key is stored (encrypted)
 * @param createdAt        when the configuration was created
 * @param updatedAt        when it was last changed
 */
public record ProviderConfig(
        String providerId,
        String baseUrl,
        boolean enabled,
        Map<String, Object> modelPreferences,
        boolean hasApiKey,
        Instant createdAt,
        Instant updatedAt) {
}

package dev.chatstore;

import java.time.Instant;
import java.util.Map;

/**
 * A user's configuration of one AI provider. The API key is never part of it; read it with
 * {@link ProviderConfigs#apiKey(String)}. Immutable snapshot.
 *
 * @param baseUrl          the provider's endpoint, or null for its default
 * @param modelPreferences JSON preferences (default model, temperature …), never null
 * @param hasApiKey        whether an API key is stored (encrypted)
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

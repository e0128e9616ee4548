package dev.chatstore;

import java.util.List;
import java.util.Optional;

/** One user's AI provider configurations. Thread-safe. */
public interface ProviderConfigs {

    /**
     * Creates or replaces the configuration of {@code spec.providerId()}; a spec without an API key
     * keeps the stored key.
     *
     * @throws EncryptionKeyException if the spec has an API key and the store has no encryption key
     */
    ProviderConfig put(ProviderConfigSpec spec);

    Optional<ProviderConfig> get(String providerId);

    /** All of the user's configurations, by provider id. */
    List<ProviderConfig> list();

    /**
     * The decrypted API key, if one is stored.
     *
     * @throws EncryptionKeyException if the store has no key, or not the key it was encrypted with
     */
    Optional<String> apiKey(String providerId);

    /** Removes the API key, keeping the rest. @throws NotFoundException if there is no such configuration */
    ProviderConfig clearApiKey(String providerId);

    /** @return false if there was no such configuration */
    boolean delete(String providerId);
}

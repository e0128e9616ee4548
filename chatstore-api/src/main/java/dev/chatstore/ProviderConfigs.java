package dev.chatstore;

import java.util.List;
import java.util.Optional;

/** One user's AI provider configurations. Thread-safe. */
public interface ProviderConfigs {

    /**
     * Creates or replaces the configuration of {@code spec.providerId()}; a spec without an API key
     * keeps the stored key.
     *
     * @param spec the configuration, not null
     * @return the stored configuration
     * @throws EncryptionKeyException if the spec has an API key and the store has no encryption key
     */
    ProviderConfig put(ProviderConfigSpec spec);

    /**
     * The user's configuration of the provider.
     *
     * @param providerId the provider's id
     * @return the configuration, or empty if the user has none for that provider
     * @throws InvalidInputException if {@code providerId} is null, blank or too long
     */
    Optional<ProviderConfig> get(String providerId);

    /** {@return all of the user's configurations, by provider id} */
    List<ProviderConfig> list();

    /**
     * The decrypted API key, if one is stored.
     *
     * @param providerId the provider's id
     * @return the API key in clear, or empty if there is no configuration or it has no key
     * @throws EncryptionKeyException if the store has no key, or not the key it was encrypted with
     */
    Optional<String> apiKey(String providerId);

    /**
     * Removes the API key, keeping the rest.
     *
     * @param providerId the provider's id
     * @return the configuration as changed
     * @throws NotFoundException if there is no such configuration
     */
    ProviderConfig clearApiKey(String providerId);

    /**
     * Deletes the configuration with its API key.
     *
     * @param providerId the provider's id
     * @return false if there was no such configuration
     */
    boolean delete(String providerId);
}

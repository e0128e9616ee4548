package dev.chatstore;

import dev.chatstore.internal.Check;
import java.util.Map;

/**
 * A provider configuration to create or replace. The API key, if any, is stored encrypted with
 * the store's key (AES-GCM) and is never shown by {@link #toString()}. Immutable.
 */
public final class ProviderConfigSpec {
    private final String providerId;
    private final String baseUrl;
    private final boolean enabled;
    private final Map<String, Object> modelPreferences;
    private final String apiKey;

    private ProviderConfigSpec(String providerId, String baseUrl, boolean enabled, Map<String, ?> modelPreferences,
                               String apiKey) {
        this.providerId = Check.text("providerId", providerId, Limits.PROVIDER_MAX);
        this.baseUrl = Check.optionalText("baseUrl", baseUrl, Limits.URL_MAX);
        this.enabled = enabled;
        this.modelPreferences = Check.metadata("modelPreferences", modelPreferences);
        this.apiKey = Check.optionalText("apiKey", apiKey, Limits.API_KEY_MAX);
    }

    /**
     * An enabled provider with no base URL, preferences or key.
     *
     * @param providerId the provider's id, e.g. {@code "openai"}: non-blank, at most {@link Limits#PROVIDER_MAX} chars
     * @return the spec
     * @throws InvalidInputException if {@code providerId} is null, blank, too long or not storable
     */
    public static ProviderConfigSpec of(String providerId) {
        return new ProviderConfigSpec(providerId, null, true, Map.of(), null);
    }

    /**
     * A copy with a base URL.
     *
     * @param url the provider's endpoint, non-blank, at most {@link Limits#URL_MAX} chars
     * @return the copy
     * @throws InvalidInputException if {@code url} is null, blank, too long or not storable
     */
    public ProviderConfigSpec withBaseUrl(String url) {
        return new ProviderConfigSpec(providerId, Check.notNull("baseUrl", url), enabled, modelPreferences, apiKey);
    }

    /**
     * A copy switched on or off.
     *
     * @param isEnabled whether the provider is enabled
     * @return the copy
     */
    public ProviderConfigSpec withEnabled(boolean isEnabled) {
        return new ProviderConfigSpec(providerId, baseUrl, isEnabled, modelPreferences, apiKey);
    }

    /**
     * A copy with other model preferences.
     *
     * @param preferences JSON preferences (default model, temperature …), within {@link Limits#METADATA_MAX}
     * @return the copy
     * @throws InvalidInputException if {@code preferences} is null or not valid metadata
     */
    public ProviderConfigSpec withModelPreferences(Map<String, ?> preferences) {
        return new ProviderConfigSpec(providerId, baseUrl, enabled, Check.notNull("modelPreferences", preferences), apiKey);
    }

    /**
     * A copy with an API key, stored encrypted (which needs the store's {@link EncryptionKeys}).
     *
     * @param key the key, non-blank, at most {@link Limits#API_KEY_MAX} chars
     * @return the copy
     * @throws InvalidInputException if {@code key} is null, blank, too long or not storable
     */
    public ProviderConfigSpec withApiKey(String key) {
        return new ProviderConfigSpec(providerId, baseUrl, enabled, modelPreferences, Check.notNull("apiKey", key));
    }

    /** {@return the provider's id} */
    public String providerId() {
        return providerId;
    }

    /** {@return the provider's endpoint, or null for its default} */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@return whether the provider is enabled} */
    public boolean enabled() {
        return enabled;
    }

    /** {@return the normalized, unmodifiable model preferences; empty when none} */
    public Map<String, Object> modelPreferences() {
        return modelPreferences;
    }

    /** {@return the plain API key, or null} */
    public String apiKey() {
        return apiKey;
    }

    @Override
    public String toString() {
        return "ProviderConfigSpec[providerId=" + providerId + ", baseUrl=" + baseUrl + ", enabled=" + enabled
                + ", apiKey=" + (apiKey == null ? "none" : "****") + "]";
    }
}

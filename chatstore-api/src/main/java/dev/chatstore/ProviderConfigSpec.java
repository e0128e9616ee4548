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

    /** An enabled provider with no base URL, preferences or key. */
    public static ProviderConfigSpec of(String providerId) {
        return new ProviderConfigSpec(providerId, null, true, Map.of(), null);
    }

    public ProviderConfigSpec withBaseUrl(String url) {
        return new ProviderConfigSpec(providerId, Check.notNull("baseUrl", url), enabled, modelPreferences, apiKey);
    }

    public ProviderConfigSpec withEnabled(boolean isEnabled) {
        return new ProviderConfigSpec(providerId, baseUrl, isEnabled, modelPreferences, apiKey);
    }

    public ProviderConfigSpec withModelPreferences(Map<String, ?> preferences) {
        return new ProviderConfigSpec(providerId, baseUrl, enabled, Check.notNull("modelPreferences", preferences), apiKey);
    }

    public ProviderConfigSpec withApiKey(String key) {
        return new ProviderConfigSpec(providerId, baseUrl, enabled, modelPreferences, Check.notNull("apiKey", key));
    }

    public String providerId() {
        return providerId;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public boolean enabled() {
        return enabled;
    }

    public Map<String, Object> modelPreferences() {
        return modelPreferences;
    }

    /** The plain API key, or null. */
    public String apiKey() {
        return apiKey;
    }

    @Override
    public String toString() {
        return "ProviderConfigSpec[providerId=" + providerId + ", baseUrl=" + baseUrl + ", enabled=" + enabled
                + ", apiKey=" + (apiKey == null ? "none" : "****") + "]";
    }
}

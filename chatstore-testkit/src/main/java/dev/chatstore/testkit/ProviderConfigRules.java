package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.EncryptionKeyException;
import dev.chatstore.EncryptionKeys;
import dev.chatstore.Limits;
import dev.chatstore.ProviderConfig;
import dev.chatstore.ProviderConfigSpec;
import dev.chatstore.ProviderConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AI provider configurations: upsert by provider id, the API key encrypted at rest and readable
 * only through {@code apiKey}, keys that cannot be read without the right encryption key, key
 * rotation, isolation between users and bad input.
 */
public interface ProviderConfigRules extends StoreFixture {
    /** An API key that must round-trip exactly (and must never show up anywhere else). */
    String API_KEY = "sk-test-4f1c9e2a7b3d8e6f0a1b2c3d4e5f6a7b-ключ-🔑";

    private static Map<String, Object> preferences() {
        return Map.of("defaultModel", "gpt-4o", "temperature", 0.7, "maxTokens", 4096,
                "models", List.of("gpt-4o", "gpt-4o-mini"), "extra", Map.of("stream", true));
    }

    private static ProviderConfigSpec openAi() {
        return ProviderConfigSpec.of("openai").withBaseUrl("https://api.openai.com/v1").withModelPreferences(preferences());
    }

    /** The store's keys with another current key in front of the kit's key. */
    private EncryptionKeys rotatedKeys() {
        return EncryptionKeys.of(StoreSettings.key("chatstore-testkit-key-2"), StoreSettings.key("chatstore-testkit-key-1"));
    }

    /** put creates the configuration as given, with clock times, and get returns it: look at the insert and the row mapper. */
    @Test
    default void putCreatesTheConfigurationAsGiven() {
        ProviderConfig stored = alice().providers().put(openAi());
        assertThat(stored.providerId()).as("provider id").isEqualTo("openai");
        assertThat(stored.baseUrl()).as("base URL").isEqualTo("https://api.openai.com/v1");
        assertThat(stored.enabled()).as("enabled by default").isTrue();
        assertThat(stored.modelPreferences()).as("model preferences round-trip").isEqualTo(preferences());
        assertThat(stored.hasApiKey()).as("no API key given").isFalse();
        assertThat(stored.createdAt()).as("createdAt from the clock").isEqualTo(clock().now());
        assertThat(stored.updatedAt()).as("updatedAt from the clock").isEqualTo(clock().now());
        assertThat(alice().providers().get("openai")).as("get returns what put returned").contains(stored);
        assertThat(alice().providers().apiKey("openai")).as("no API key stored").isEmpty();
    }

    /**
     * A second put with the same provider id replaces every field (a missing base URL clears it) but keeps
     * createdAt: look at the upsert (ON CONFLICT … DO UPDATE), not a delete and insert.
     */
    @Test
    default void putReplacesTheConfigurationOfTheSameProviderKeepingCreatedAt() {
        ProviderConfig first = alice().providers().put(openAi());
        Instant later = clock().advance(Duration.ofMinutes(5));
        ProviderConfig second = alice().providers().put(ProviderConfigSpec.of("openai").withEnabled(false)
                .withModelPreferences(Map.of("defaultModel", "o3")));
        assertThat(second.enabled()).as("disabled now").isFalse();
        assertThat(second.baseUrl()).as("base URL cleared by a spec without one").isNull();
        assertThat(second.modelPreferences()).as("preferences replaced, not merged").isEqualTo(Map.of("defaultModel", "o3"));
        assertThat(second.createdAt()).as("createdAt kept").isEqualTo(first.createdAt());
        assertThat(second.updatedAt()).as("updatedAt moved").isEqualTo(later);
        assertThat(alice().providers().list()).as("still one configuration").containsExactly(second);
    }

    /** list returns every configuration of the user, by provider id: look at the ORDER BY and the collation of provider ids. */
    @Test
    default void listReturnsEveryConfigurationByProviderId() {
        for (String id : List.of("openai", "anthropic", "Ollama", "google")) {
            alice().providers().put(ProviderConfigSpec.of(id));
        }
        assertThat(alice().providers().list()).extracting(ProviderConfig::providerId).as("by provider id, code point order")
                .containsExactly("Ollama", "anthropic", "google", "openai");
        assertThat(bob().providers().list()).as("bob has none").isEmpty();
    }

    /**
     * The API key comes back exactly from apiKey, while the config only says that one is stored and neither the spec's
     * nor the config's toString shows it: look at the encryption and at what the row mapper reads.
     */
    @Test
    default void theApiKeyIsReadableOnlyThroughApiKeyAndNeverShown() {
        ProviderConfigSpec spec = openAi().withApiKey(API_KEY);
        ProviderConfig stored = alice().providers().put(spec);
        assertThat(stored.hasApiKey()).as("the config says a key is stored").isTrue();
        assertThat(alice().providers().apiKey("openai")).as("the key decrypts to what was put").contains(API_KEY);
        assertThat(spec.toString()).as("spec toString hides the key").doesNotContain(API_KEY).doesNotContain("sk-test");
        assertThat(stored.toString()).as("config toString has no key").doesNotContain(API_KEY).doesNotContain("sk-test");
        assertThat(alice().providers().list().toString()).as("listing has no key").doesNotContain("sk-test");
        String longest = "k".repeat(Limits.API_KEY_MAX);
        alice().providers().put(ProviderConfigSpec.of("long").withApiKey(longest));
        assertThat(alice().providers().apiKey("long")).as("a key of the maximum length").contains(longest);
    }

    /** A put without an API key keeps the stored one; a put with one replaces it: look at which columns the upsert sets. */
    @Test
    default void putWithoutAKeyKeepsTheStoredKeyAndPutWithAKeyReplacesIt() {
        alice().providers().put(openAi().withApiKey(API_KEY));
        ProviderConfig updated = alice().providers().put(openAi().withEnabled(false));
        assertThat(updated.hasApiKey()).as("key kept by a put without one").isTrue();
        assertThat(alice().providers().apiKey("openai")).as("the same key").contains(API_KEY);
        alice().providers().put(openAi().withApiKey("sk-replacement"));
        assertThat(alice().providers().apiKey("openai")).as("replaced by a put with a key").contains("sk-replacement");
    }

    /** clearApiKey removes only the key and moves updatedAt; an unknown provider is NotFound: look at the UPDATE and its row count. */
    @Test
    default void clearApiKeyRemovesOnlyTheKey() {
        ProviderConfig before = alice().providers().put(openAi().withApiKey(API_KEY));
        Instant later = clock().advance(Duration.ofSeconds(30));
        ProviderConfig cleared = alice().providers().clearApiKey("openai");
        assertThat(cleared.hasApiKey()).as("no key any more").isFalse();
        assertThat(alice().providers().apiKey("openai")).as("apiKey is empty").isEmpty();
        assertThat(cleared.baseUrl()).as("base URL kept").isEqualTo(before.baseUrl());
        assertThat(cleared.modelPreferences()).as("preferences kept").isEqualTo(before.modelPreferences());
        assertThat(cleared.enabled()).as("enabled kept").isTrue();
        assertThat(cleared.updatedAt()).as("updatedAt moved").isEqualTo(later);
        assertThat(alice().providers().get("openai")).as("get agrees").contains(cleared);
        expectNotFound("no configuration of provider \"missing\"", () -> alice().providers().clearApiKey("missing"));
    }

    /** delete removes the configuration with its key and says whether there was one: look at the DELETE. */
    @Test
    default void deleteRemovesTheConfigurationAndItsKey() {
        alice().providers().put(openAi().withApiKey(API_KEY));
        alice().providers().put(ProviderConfigSpec.of("anthropic"));
        assertThat(alice().providers().delete("openai")).as("delete of a stored config").isTrue();
        assertThat(alice().providers().get("openai")).as("gone").isEmpty();
        assertThat(alice().providers().apiKey("openai")).as("its key is gone too").isEmpty();
        assertThat(alice().providers().delete("openai")).as("delete again").isFalse();
        assertThat(alice().providers().list()).extracting(ProviderConfig::providerId).as("the other stays")
                .containsExactly("anthropic");
    }

    /** One user's configurations and keys are invisible and untouchable to another: look at user_id in every statement and in the key's binding. */
    @Test
    default void usersCannotSeeOrChangeEachOthersProviderConfigurations() {
        ProviderConfig alices = alice().providers().put(openAi().withApiKey(API_KEY));
        ProviderConfigs bobs = bob().providers();
        assertThat(bobs.get("openai")).as("bob cannot read alice's config").isEmpty();
        assertThat(bobs.list()).as("bob lists nothing").isEmpty();
        assertThat(bobs.apiKey("openai")).as("bob cannot read alice's key").isEmpty();
        expectNotFound("alice's config through bob", () -> bobs.clearApiKey("openai"));
        assertThat(bobs.delete("openai")).as("bob cannot delete alice's config").isFalse();
        bobs.put(ProviderConfigSpec.of("openai").withEnabled(false).withApiKey("sk-bob"));
        assertThat(alice().providers().get("openai")).as("alice's config unchanged by bob's put").contains(alices);
        assertThat(alice().providers().apiKey("openai")).as("alice's key unchanged").contains(API_KEY);
        assertThat(bobs.apiKey("openai")).as("bob has his own key").contains("sk-bob");
    }

    /**
     * A store opened with other encryption keys still reads the configuration but fails with EncryptionKeyException on
     * apiKey, without showing the key: look at the key id stored next to the ciphertext and the missing-key check.
     */
    @Test
    @Requires(Capability.REOPEN)
    default void aStoreWithoutTheEncryptingKeyCannotReadTheApiKey() {
        alice().providers().put(openAi().withApiKey(API_KEY));
        reopen(settings().withEncryptionKeys(EncryptionKeys.of(StoreSettings.key("some-other-key"))));
        assertThat(alice().providers().get("openai")).as("the configuration stays readable")
                .hasValueSatisfying(c -> assertThat(c.hasApiKey()).as("hasApiKey").isTrue());
        Throwable thrown = catchThrowable(() -> alice().providers().apiKey("openai"));
        assertThat(thrown).as("apiKey under the wrong key").isInstanceOf(EncryptionKeyException.class);
        assertThat(thrown.getMessage()).as("the message does not show the key").doesNotContain("sk-test");
        reopen(settings().withEncryptionKeys(StoreSettings.DEFAULT_KEYS));
        assertThat(alice().providers().apiKey("openai")).as("readable again with the right key").contains(API_KEY);
    }

    /**
     * rotateEncryptionKey with every key already under the current key re-encrypts nothing, returns 0 and leaves every
     * key readable: look at the rotation's selection (key id ≠ current), which must skip rows without a key too.
     */
    @Test
    default void rotateEncryptionKeyWithNothingOldIsANoOp() {
        assertThat(store().admin().rotateEncryptionKey()).as("an empty store").isZero();
        alice().providers().put(openAi().withApiKey(API_KEY));
        alice().providers().put(ProviderConfigSpec.of("keyless"));
        bob().providers().put(ProviderConfigSpec.of("openai").withApiKey("sk-bob"));
        ProviderConfig before = alice().providers().get("openai").orElseThrow();
        assertThat(store().admin().rotateEncryptionKey()).as("every key is under the current key already").isZero();
        assertThat(alice().providers().apiKey("openai")).as("alice's key readable").contains(API_KEY);
        assertThat(alice().providers().apiKey("keyless")).as("no key stays no key").isEmpty();
        assertThat(bob().providers().apiKey("openai")).as("bob's key readable").contains("sk-bob");
        assertThat(alice().providers().get("openai")).as("the configuration unchanged").contains(before);
    }

    /**
     * rotateEncryptionKey re-encrypts every user's key still under an older key and returns how many (keys written
     * since under the current key do not count); afterwards the old key is no longer needed: look at the key id a put
     * stores, the rotation's selection (key id ≠ current) and its update.
     */
    @Test
    @Requires(Capability.REOPEN)
    default void rotateEncryptionKeyReencryptsEveryOldKey() {
        alice().providers().put(ProviderConfigSpec.of("openai").withApiKey("sk-alice-openai"));
        alice().providers().put(ProviderConfigSpec.of("anthropic").withApiKey("sk-alice-anthropic"));
        alice().providers().put(ProviderConfigSpec.of("ollama"));
        bob().providers().put(ProviderConfigSpec.of("openai").withApiKey("sk-bob-openai"));
        reopen(settings().withEncryptionKeys(rotatedKeys()));
        assertThat(alice().providers().apiKey("openai")).as("an old key decrypts with the previous key").contains("sk-alice-openai");
        bob().providers().put(ProviderConfigSpec.of("google").withApiKey("sk-bob-google"));
        alice().providers().put(ProviderConfigSpec.of("anthropic").withApiKey("sk-alice-anthropic-2"));
        assertThat(store().admin().rotateEncryptionKey()).as("the two keys still under the old key, of every user").isEqualTo(2);
        assertThat(store().admin().rotateEncryptionKey()).as("nothing left to rotate").isZero();
        reopen(settings().withEncryptionKeys(EncryptionKeys.of(StoreSettings.key("chatstore-testkit-key-2"))));
        assertThat(alice().providers().apiKey("openai")).as("alice openai under the new key").contains("sk-alice-openai");
        assertThat(alice().providers().apiKey("anthropic")).as("alice anthropic, replaced under the new key")
                .contains("sk-alice-anthropic-2");
        assertThat(alice().providers().apiKey("ollama")).as("no key stays no key").isEmpty();
        assertThat(bob().providers().apiKey("openai")).as("bob openai").contains("sk-bob-openai");
        assertThat(bob().providers().apiKey("google")).as("bob google, written under the new key").contains("sk-bob-google");
    }

    /**
     * Rotation when one stored key's encryption key is not among the store's keys fails with EncryptionKeyException
     * and re-encrypts none, not even the keys it could: look at the rotation running in one transaction.
     */
    @Test
    @Requires(Capability.REOPEN)
    default void rotateEncryptionKeyWithoutAnOldKeyFailsAndChangesNothing() {
        bob().providers().put(ProviderConfigSpec.of("openai").withApiKey("sk-bob"));
        reopen(settings().withEncryptionKeys(rotatedKeys()));
        alice().providers().put(ProviderConfigSpec.of("openai").withApiKey("sk-alice"));
        reopen(settings().withEncryptionKeys(EncryptionKeys.of(StoreSettings.key("unrelated-key"),
                StoreSettings.key("chatstore-testkit-key-2"))));
        Throwable thrown = catchThrowable(() -> store().admin().rotateEncryptionKey());
        assertThat(thrown).as("bob's key was encrypted with a key this store lacks")
                .isInstanceOf(EncryptionKeyException.class);
        assertThat(thrown.getMessage()).as("the message does not show a key").doesNotContain("sk-");
        reopen(settings().withEncryptionKeys(rotatedKeys()));
        assertThat(alice().providers().apiKey("openai"))
                .as("alice's key was not re-encrypted with the unrelated key (the rotation rolled back)").contains("sk-alice");
        assertThat(bob().providers().apiKey("openai")).as("bob's key untouched").contains("sk-bob");
    }

    /**
     * A null spec, bad provider ids, blank or too long API keys and non-JSON model preferences are InvalidInputException
     * naming the argument, and change nothing: look at the argument checks.
     */
    @Test
    default void badProviderInputIsInvalidAndChangesNothing() {
        ProviderConfig stored = alice().providers().put(openAi().withApiKey(API_KEY));
        expectInvalid("spec", () -> alice().providers().put(null));
        for (String id : Arrays.asList(null, "", "  ", "p".repeat(Limits.PROVIDER_MAX + 1), "a\0b")) {
            expectInvalid("providerId", () -> ProviderConfigSpec.of(id));
            expectInvalid("providerId", () -> alice().providers().get(id));
            expectInvalid("providerId", () -> alice().providers().apiKey(id));
            expectInvalid("providerId", () -> alice().providers().clearApiKey(id));
            expectInvalid("providerId", () -> alice().providers().delete(id));
        }
        for (String key : Arrays.asList(null, "", "   ", "k".repeat(Limits.API_KEY_MAX + 1))) {
            expectInvalid("apiKey", () -> openAi().withApiKey(key));
        }
        expectInvalid("baseUrl", () -> openAi().withBaseUrl("u".repeat(Limits.URL_MAX + 1)));
        expectInvalid("modelPreferences", () -> openAi().withModelPreferences(Map.of("temperature", Double.NaN)));
        expectInvalid("modelPreferences", () -> openAi().withModelPreferences(null));
        assertThat(alice().providers().list()).as("configurations unchanged").containsExactly(stored);
        assertThat(alice().providers().apiKey("openai")).as("key unchanged").contains(API_KEY);
    }
}

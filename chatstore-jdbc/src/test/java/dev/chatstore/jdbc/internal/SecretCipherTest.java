package dev.chatstore.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.EncryptionKeyException;
import dev.chatstore.EncryptionKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final String SECRET = "sk-live-0123456789abcdef 🔑";
    private static final byte[] KEY_1 = key(1);
    private static final byte[] KEY_2 = key(2);
    private final SecretCipher cipher = SecretCipher.of(EncryptionKeys.of(KEY_1));

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        key[0] = (byte) 0xA5;
        return key;
    }

    @Test
    void roundTripsUnderTheCurrentKeyAndNamesIt() {
        SecretCipher.Sealed sealed = cipher.encrypt(SECRET, "alice", "openai");
        assertThat(sealed.keyId()).isEqualTo(EncryptionKeys.idOf(KEY_1));
        assertThat(sealed.iv()).hasSize(SecretCipher.IV_BYTES);
        assertThat(cipher.decrypt(sealed, "alice", "openai")).isEqualTo(SECRET);
    }

    @Test
    void theCiphertextHoldsNoPlaintextAndEveryEncryptionUsesAFreshIv() {
        SecretCipher.Sealed a = cipher.encrypt(SECRET, "alice", "openai");
        SecretCipher.Sealed b = cipher.encrypt(SECRET, "alice", "openai");
        assertThat(a.iv()).as("fresh IV per value").isNotEqualTo(b.iv());
        assertThat(a.ciphertext()).as("same plaintext, different ciphertext").isNotEqualTo(b.ciphertext());
        String asLatin1 = new String(a.ciphertext(), StandardCharsets.ISO_8859_1);
        assertThat(asLatin1).doesNotContain("sk-live");
        assertThat(a.ciphertext().length).as("ciphertext + 16-byte tag")
                .isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8).length + 16);
    }

    @Test
    void anyFlippedBitOfCiphertextOrIvFailsAuthentication() {
        SecretCipher.Sealed sealed = cipher.encrypt(SECRET, "alice", "openai");
        for (int i = 0; i < sealed.ciphertext().length; i++) {
            byte[] tampered = sealed.ciphertext().clone();
            tampered[i] ^= 1;
            SecretCipher.Sealed bad = new SecretCipher.Sealed(tampered, sealed.iv(), sealed.keyId());
            assertThatThrownBy(() -> cipher.decrypt(bad, "alice", "openai")).as("byte %d flipped", i)
                    .isInstanceOf(EncryptionKeyException.class)
                    .hasMessageContaining("does not authenticate");
        }
        byte[] iv = sealed.iv().clone();
        iv[0] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(new SecretCipher.Sealed(sealed.ciphertext(), iv, sealed.keyId()),
                "alice", "openai")).isInstanceOf(EncryptionKeyException.class);
    }

    @Test
    void aCiphertextMovedToAnotherUserOrProviderFails() {
        SecretCipher.Sealed sealed = cipher.encrypt(SECRET, "alice", "openai");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "bob", "openai"))
                .isInstanceOf(EncryptionKeyException.class).hasMessageContaining("another row");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "alice", "anthropic"))
                .isInstanceOf(EncryptionKeyException.class);
        // Length prefixes: moving characters between the two parts changes the data authenticated.
        SecretCipher.Sealed joined = cipher.encrypt(SECRET, "ab", "c");
        assertThatThrownBy(() -> cipher.decrypt(joined, "a", "bc")).isInstanceOf(EncryptionKeyException.class);
        assertThat(SecretCipher.aad("ab", "c")).isNotEqualTo(SecretCipher.aad("a", "bc"));
    }

    @Test
    void anUnknownKeyIdFailsWithAMessageNamingIt() {
        SecretCipher other = SecretCipher.of(EncryptionKeys.of(KEY_2));
        SecretCipher.Sealed sealed = cipher.encrypt(SECRET, "alice", "openai");
        assertThatThrownBy(() -> other.decrypt(sealed, "alice", "openai"))
                .isInstanceOf(EncryptionKeyException.class)
                .hasMessageContaining(EncryptionKeys.idOf(KEY_1))
                .hasMessageContaining("not among the store's keys");
    }

    @Test
    void aForgedKeyIdOfAnotherKnownKeyFails() {
        SecretCipher both = SecretCipher.of(EncryptionKeys.of(KEY_2, KEY_1));
        SecretCipher.Sealed sealed = cipher.encrypt(SECRET, "alice", "openai");
        SecretCipher.Sealed relabelled = new SecretCipher.Sealed(sealed.ciphertext(), sealed.iv(), EncryptionKeys.idOf(KEY_2));
        assertThatThrownBy(() -> both.decrypt(relabelled, "alice", "openai")).isInstanceOf(EncryptionKeyException.class);
    }

    @Test
    void previousKeysDecryptAndTheCurrentKeyEncrypts() {
        SecretCipher.Sealed old = cipher.encrypt(SECRET, "alice", "openai");
        SecretCipher rotated = SecretCipher.of(EncryptionKeys.of(KEY_2, KEY_1));
        assertThat(rotated.decrypt(old, "alice", "openai")).isEqualTo(SECRET);
        SecretCipher.Sealed fresh = rotated.encrypt(SECRET, "alice", "openai");
        assertThat(fresh.keyId()).isEqualTo(EncryptionKeys.idOf(KEY_2));
        assertThat(rotated.currentKeyId("test")).isEqualTo(EncryptionKeys.idOf(KEY_2));
    }

    @Test
    void withoutKeysEveryOperationFailsClearly() {
        SecretCipher none = SecretCipher.of(null);
        assertThatThrownBy(() -> none.encrypt(SECRET, "alice", "openai"))
                .isInstanceOf(EncryptionKeyException.class).hasMessageContaining("no encryption keys");
        SecretCipher.Sealed sealed = cipher.encrypt(SECRET, "alice", "openai");
        assertThatThrownBy(() -> none.decrypt(sealed, "alice", "openai"))
                .isInstanceOf(EncryptionKeyException.class).hasMessageContaining("no encryption keys")
                .hasMessageContaining(sealed.keyId());
        assertThatThrownBy(() -> none.currentKeyId("rotate")).isInstanceOf(EncryptionKeyException.class);
    }

    @Test
    void toStringAndMessagesNeverShowKeysOrSecrets() {
        SecretCipher both = SecretCipher.of(EncryptionKeys.of(KEY_2, KEY_1));
        SecretCipher.Sealed sealed = both.encrypt(SECRET, "alice", "openai");
        String hex1 = HexFormat.of().formatHex(KEY_1);
        String hex2 = HexFormat.of().formatHex(KEY_2);
        String ciphertextHex = HexFormat.of().formatHex(sealed.ciphertext());
        String failure = "";
        try {
            SecretCipher.of(EncryptionKeys.of(key(3))).decrypt(sealed, "alice", "openai");
        } catch (EncryptionKeyException e) {
            failure = e.getMessage();
        }
        for (String shown : new String[] {both.toString(), sealed.toString(), failure}) {
            assertThat(shown).doesNotContain(hex1).doesNotContain(hex2).doesNotContain(ciphertextHex)
                    .doesNotContain("sk-live").doesNotContain(Arrays.toString(KEY_1));
        }
        assertThat(both.toString()).contains(EncryptionKeys.idOf(KEY_2)).contains("previous=1");
        assertThat(SecretCipher.of(null).toString()).contains("no keys");
    }

    @Test
    void theCipherDoesNotShareKeyArraysWithItsCaller() {
        byte[] key = key(7);
        EncryptionKeys keys = EncryptionKeys.of(key);
        SecretCipher c = SecretCipher.of(keys);
        SecretCipher.Sealed sealed = c.encrypt(SECRET, "alice", "openai");
        Arrays.fill(key, (byte) 0);
        assertThat(c.decrypt(sealed, "alice", "openai")).as("own copy of the key").isEqualTo(SECRET);
        assertThat(SecretCipher.of(keys).decrypt(sealed, "alice", "openai"))
                .as("building a cipher leaves EncryptionKeys usable").isEqualTo(SECRET);
    }

    /** A stored value too short for a GCM tag, or without an IV, is damaged: EncryptionKeyException, never a provider error. */
    @Test
    void malformedStoredValuesAreEncryptionKeyExceptions() {
        SecretCipher.Sealed good = cipher.encrypt(SECRET, "alice", "openai");
        for (byte[] ciphertext : new byte[][] {new byte[0], new byte[5], new byte[15], null,
                "12345".getBytes(java.nio.charset.StandardCharsets.US_ASCII)}) {
            SecretCipher.Sealed damaged = new SecretCipher.Sealed(ciphertext, good.iv(), good.keyId());
            assertThatThrownBy(() -> cipher.decrypt(damaged, "alice", "openai"))
                    .as("%d bytes", ciphertext == null ? -1 : ciphertext.length)
                    .isInstanceOf(EncryptionKeyException.class).hasMessageContaining("damaged");
        }
        for (byte[] iv : new byte[][] {new byte[0], null}) {
            SecretCipher.Sealed damaged = new SecretCipher.Sealed(good.ciphertext(), iv, good.keyId());
            assertThatThrownBy(() -> cipher.decrypt(damaged, "alice", "openai"))
                    .isInstanceOf(EncryptionKeyException.class).hasMessageContaining("damaged");
        }
    }
}

package dev.chatstore.jdbc.internal;

import dev.chatstore.ChatStoreException;
import dev.chatstore.EncryptionKeyException;
import dev.chatstore.EncryptionKeys;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and decrypts secrets at rest (provider API keys) with AES-256-GCM under the store's
 * {@link EncryptionKeys}: a fresh random 12-byte IV per value, the 128-bit tag appended to the
 * ciphertext, and additional authenticated data naming the row the value belongs to (user and
 * provider), so a ciphertext copied into another row fails to decrypt. Each value names the key
 * that encrypted it by {@link EncryptionKeys#idOf its id}.
 *
 * <p>Never logs; neither messages nor {@link #toString()} show key bytes or plaintext. Failures
 * are {@link EncryptionKeyException}s. Immutable and thread-safe.
 */
final class SecretCipher {
    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final byte[] AAD_CONTEXT = "chatstore/provider_config/api_key/v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The current key's id, or null when the store has no keys. */
    private final String currentId;
    /** Every key (current first) by id. */
    private final Map<String, SecretKey> keys;

    private SecretCipher(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /** A cipher over {@code keys}, or one that refuses every operation when {@code keys} is null. */
    static SecretCipher of(EncryptionKeys keys) {
        if (keys == null) {
            return new SecretCipher(null, Map.of());
        }
        Map<String, SecretKey> byId = new LinkedHashMap<>();
        byte[] current = keys.current();
        String currentId = EncryptionKeys.idOf(current);
        byId.put(currentId, new SecretKeySpec(current, "AES"));
        Arrays.fill(current, (byte) 0);
        List<byte[]> previous = keys.previous();
        for (byte[] key : previous) {
            byId.putIfAbsent(EncryptionKeys.idOf(key), new SecretKeySpec(key, "AES"));
            // SecretKeySpec keeps its own copy; wipe the one EncryptionKeys handed out.
            Arrays.fill(key, (byte) 0);
        }
        return new SecretCipher(currentId, Map.copyOf(byId));
    }

    /**
     * An encrypted value as stored: the ciphertext with its GCM tag, its IV, and the id of the key.
     * Ciphertext and IV are what the row holds, possibly damaged or null; {@link #decrypt} checks them.
     */
    record Sealed(byte[] ciphertext, byte[] iv, String keyId) {
        Sealed {
            Objects.requireNonNull(keyId, "keyId");
        }

        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + ", " + (ciphertext == null ? 0 : ciphertext.length) + " bytes]";
        }
    }

    /**
     * The id of the key that encrypts.
     *
     * @throws EncryptionKeyException if the store has no keys
     */
    String currentKeyId(String operation) {
        if (currentId == null) {
            throw new EncryptionKeyException("Cannot " + operation
                    + ": the store has no encryption keys (open it with EncryptionKeys)");
        }
        return currentId;
    }

    /**
     * Encrypts the API key of {@code providerId} of {@code userId} with the current key.
     *
     * @throws EncryptionKeyException if the store has no keys
     */
    Sealed encrypt(String plaintext, String userId, String providerId) {
        Objects.requireNonNull(plaintext, "plaintext");
        String keyId = currentKeyId("store the API key of provider " + providerId);
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(userId, providerId));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(ciphertext, iv, keyId);
        } catch (GeneralSecurityException e) {
            throw new ChatStoreException("AES-GCM is unavailable to encrypt the API key of provider " + providerId, e);
        }
    }

    /**
     * Decrypts a value encrypted for {@code providerId} of {@code userId}.
     *
     * @throws EncryptionKeyException if the store has no keys, not the value's key, or the value
     *                                does not authenticate (altered, or moved from another row)
     */
    String decrypt(Sealed sealed, String userId, String providerId) {
        Objects.requireNonNull(sealed, "sealed");
        if (currentId == null) {
            throw new EncryptionKeyException("Cannot read the API key of provider " + providerId
                    + ": it is encrypted with key " + sealed.keyId()
                    + " but the store has no encryption keys (open it with EncryptionKeys that include that key)");
        }
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new EncryptionKeyException("Cannot read the API key of provider " + providerId
                    + ": it is encrypted with key " + sealed.keyId() + ", which is not among the store's keys (current "
                    + currentId + ", " + (keys.size() - 1) + " previous); add it to EncryptionKeys as a previous key");
        }
        if (sealed.ciphertext() == null || sealed.ciphertext().length < TAG_BITS / 8
                || sealed.iv() == null || sealed.iv().length == 0) {
            throw damaged(providerId, "shorter than an AES-GCM tag, or without its IV", null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.iv()));
            cipher.updateAAD(aad(userId, providerId));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new EncryptionKeyException("Cannot read the API key of provider " + providerId
                    + ": it does not authenticate under key " + sealed.keyId()
                    + " (the stored value was altered or belongs to another row)", e);
        } catch (GeneralSecurityException | ProviderException | IllegalArgumentException e) {
            // ProviderException and IllegalArgumentException: providers report some malformed input unchecked.
            throw damaged(providerId, e.getClass().getSimpleName(), e);
        }
    }

    private static EncryptionKeyException damaged(String providerId, String why, Exception cause) {
        return new EncryptionKeyException("Cannot read the API key of provider " + providerId
                + ": the stored value is damaged (" + why + ")", cause);
    }

    /** Additional authenticated data: a fixed context, then each part length-prefixed, so no two rows share it. */
    static byte[] aad(String userId, String providerId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(AAD_CONTEXT);
        for (String part : new String[] {userId, providerId}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return currentId == null ? "SecretCipher[no keys]"
                : "SecretCipher[current=" + currentId + ", previous=" + (keys.size() - 1) + "]";
    }
}

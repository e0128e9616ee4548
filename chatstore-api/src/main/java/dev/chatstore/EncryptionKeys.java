package dev.chatstore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The application's AES-256 keys for secrets at rest: the current key encrypts, older keys only
 * decrypt (until {@link StoreAdmin#rotateEncryptionKey()} re-encrypts everything with the current
 * one). Each key is known by an id derived from it, stored next to each ciphertext. The key bytes
 * are copied in and never shown by {@link #toString()}. Immutable.
 */
public final class EncryptionKeys {
    private final byte[] current;
    private final List<byte[]> previous;

    private EncryptionKeys(byte[] current, List<byte[]> previous) {
        this.current = current;
        this.previous = previous;
    }

    /**
     * The keys of a store: one current key and any number of older ones. The keys are copied.
     *
     * @param current  32 bytes (AES-256); encrypts new values
     * @param previous older 32-byte keys still needed to read values encrypted before a rotation
     * @return the keys
     * @throws InvalidInputException naming {@code current} or {@code previous} if a key is null or not 32 bytes long
     */
    public static EncryptionKeys of(byte[] current, byte[]... previous) {
        List<byte[]> older = new ArrayList<>();
        for (byte[] key : previous == null ? new byte[0][] : previous) {
            older.add(check("previous", key));
        }
        return new EncryptionKeys(check("current", current), List.copyOf(older));
    }

    private static byte[] check(String arg, byte[] key) {
        if (key == null || key.length != 32) {
            throw new InvalidInputException(arg, "must be a 32-byte AES-256 key, was "
                    + (key == null ? "null" : key.length + " bytes"));
        }
        return key.clone();
    }

    /** {@return a copy of the current key} */
    public byte[] current() {
        return current.clone();
    }

    /** {@return copies of the older keys, in the order given; empty when there are none} */
    public List<byte[]> previous() {
        return previous.stream().map(byte[]::clone).toList();
    }

    /**
     * The id of a key: the first 8 bytes of its SHA-256, in hex. Reveals nothing usable about the key.
     *
     * @param key a key's bytes, not null
     * @return 16 lowercase hex digits
     * @throws NullPointerException if {@code key} is null
     */
    public static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "EncryptionKeys[current=" + idOf(current) + ", previous=" + previous.size() + "]";
    }
}

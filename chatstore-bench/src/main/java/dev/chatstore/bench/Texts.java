package dev.chatstore.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The message texts every side of every benchmark stores: 64 distinct chat-like texts of 150 to
 * 260 characters, built once, so no side pays for making strings the others do not.
 */
final class Texts {
    private static final String[] WORDS = ("the a trip to Lisbon where should we eat tonight near the river "
            + "try Time Out Market for a quick bite or book a table at a small tasca in Alfama "
            + "remember the museum closes early on Mondays and trams get crowded after ten").split(" ");
    private static final String[] TEXTS = new String[64];
    private static final String[] HASHES = new String[64];

    static {
        for (int i = 0; i < TEXTS.length; i++) {
            StringBuilder text = new StringBuilder("#" + i + ":");
            int target = 150 + (i * 37) % 110;
            for (int w = i; text.length() < target; w += 7) {
                text.append(' ').append(WORDS[w % WORDS.length]);
            }
            TEXTS[i] = text.toString();
            HASHES[i] = sha256(TEXTS[i]);
        }
    }

    private Texts() {
    }

    /** The {@code n}th text (cycling). */
    static String text(long n) {
        return TEXTS[(int) (n & 63)];
    }

    /** A SHA-256 hex digest of the {@code n}th text: a payload fingerprint of realistic size for pre-filled rows. */
    static String hash(long n) {
        return HASHES[(int) (n & 63)];
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}

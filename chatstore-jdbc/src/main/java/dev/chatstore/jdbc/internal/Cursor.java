package dev.chatstore.jdbc.internal;

import dev.chatstore.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A keyset position, opaque to callers: which listing and scope (conversation or user) it belongs to, which way it
 * travels, and the sort key of the row it starts after. Encoded as URL-safe Base64 with a CRC32,
 * so a garbled or hand-edited cursor is rejected instead of silently misread.
 *
 * @param forward true to continue in the listing's order, false to go back
 * @param key     the sort key's parts, as text
 */
record Cursor(String listing, String scope, boolean forward, List<String> key) {
    private static final String VERSION = "c1";
    private static final String SEP = "\u001f";

    String encode() {
        String body = String.join(SEP, VERSION, listing, fingerprint(scope), forward ? "f" : "b", String.join(SEP, key));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((body + SEP + crc(body)).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor and checks it belongs to {@code listing} within {@code scope}. */
    static Cursor decode(String text, String listing, String scope, int keyParts) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw garbled();
        }
        // Only the canonical encoding counts: the decoder ignores the spare bits of the last char.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            throw garbled();
        }
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        String[] parts = decoded.split(SEP, -1);
        if (parts.length != 5 + keyParts || !parts[0].equals(VERSION)) {
            throw garbled();
        }
        String body = decoded.substring(0, decoded.lastIndexOf(SEP));
        if (!parts[parts.length - 1].equals(crc(body))) {
            throw garbled();
        }
        if (!parts[1].equals(listing) || !parts[2].equals(fingerprint(scope))) {
            throw new InvalidInputException("cursor", "belongs to another listing");
        }
        if (!parts[3].equals("f") && !parts[3].equals("b")) {
            throw garbled();
        }
        return new Cursor(listing, scope, parts[3].equals("f"), List.of(Arrays.copyOfRange(parts, 4, 4 + keyParts)));
    }

    long longPart(int i) {
        try {
            return Long.parseLong(key.get(i));
        } catch (NumberFormatException e) {
            throw garbled();
        }
    }

    /**
     * The scope (a conversation or user id) as a short digest: it may hold any character, and a
     * cursor handed to a client should not spell out a user id.
     */
    private static String fingerprint(String scope) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static InvalidInputException garbled() {
        return new InvalidInputException("cursor", "is not a cursor this store issued");
    }

    private static String crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}

package dev.chatstore.jdbc.internal;

import dev.chatstore.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A keyset position, opaque to callers: which listing and scope it belongs to, which way it
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
        String body = String.join(SEP, VERSION, listing, scope, forward ? "f" : "b", String.join(SEP, key));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((body + SEP + crc(body)).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor and checks it belongs to {@code listing} within {@code scope}. */
    static Cursor decode(String text, String listing, String scope, int keyParts) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw garbled();
        }
        String[] parts = decoded.split(SEP, -1);
        if (parts.length != 5 + keyParts || !parts[0].equals(VERSION)) {
            throw garbled();
        }
        String body = decoded.substring(0, decoded.lastIndexOf(SEP));
        if (!parts[parts.length - 1].equals(crc(body))) {
            throw garbled();
        }
        if (!parts[1].equals(listing) || !parts[2].equals(scope)) {
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

    private static InvalidInputException garbled() {
        return new InvalidInputException("cursor", "is not a cursor this store issued");
    }

    private static String crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}

package dev.chatstore.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Cursors no store issued: junk, truncated and re-encoded text, and cursors forged in the format of
 * chatstore's own engine (Base64 of version, listing, scope fingerprint, direction and key, with a
 * CRC32) with a correct checksum but a bad version, direction, key count or key. To any other store
 * they are simply cursors it did not issue; every listing must reject them all. Not API.
 */
final class ForgedCursors {
    private static final String SEPARATOR = "\u001f";

    private ForgedCursors() {
    }

    /** Cursors no store issued for {@code listing} (whose keys have {@code keyParts} parts) within {@code scope}. */
    static List<String> forListing(String listing, String scope, int keyParts) {
        String id = UUID.randomUUID().toString();
        List<String> cursors = new ArrayList<>(List.of("garbage", "%%%%", "eyJ4IjoxfQ", "AAAAAAAAAAAAAAAA", "////",
                "🙂", "-1", "null", "x\0y", "\uD800", "A".repeat(100_000), "' OR '1'='1",
                Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1})));
        String[] good = new String[keyParts];
        Arrays.fill(good, "1");
        if (listing.equals("branch") || listing.equals("path")) {
            good[0] = id;
        }
        cursors.add(forge("c2", listing, scope, "f", good));
        cursors.add(forge("c1", listing, scope, "x", good));
        String[] extra = Arrays.copyOf(good, keyParts + 1);
        extra[keyParts] = "1";
        cursors.add(forge("c1", listing, scope, "f", extra));
        cursors.add(forge("c1", listing, scope + "x", "f", good));
        String real = forge("c1", listing, scope, "f", good);
        cursors.add(real.substring(0, real.length() - 2));
        cursors.add(withWrongChecksum("c1", listing, scope, "f", good));
        for (List<String> key : badKeys(listing, id)) {
            cursors.add(forge("c1", listing, scope, "f", key.toArray(String[]::new)));
        }
        return cursors;
    }

    /** Keys of the right shape for {@code listing} whose parts are not what it orders by. */
    private static List<List<String>> badKeys(String listing, String id) {
        List<List<String>> keys = new ArrayList<>();
        switch (listing) {
            case "conversations", "archived-conversations" -> {
                keys.add(List.of("x", "1", id));
                keys.add(List.of("1", "x", id));
                keys.add(List.of("1", "99999999999999999999", ""));
                keys.add(List.of("1", "1", "' OR '1'='1"));
                keys.add(List.of("1", "1", "not-an-id"));
                keys.add(List.of("1", "1", id.toUpperCase(Locale.ROOT)));
            }
            case "facts" -> {
                keys.add(List.of("abc", id));
                for (String confidence : List.of("NaN", "Infinity", "-Infinity", "-0.5", "3.0")) {
                    keys.add(List.of(confidence, id));
                }
                keys.add(List.of("0.5", "' OR '1'='1"));
                keys.add(List.of("0.5", "not-an-id"));
            }
            case "branch", "path" -> {
                keys.add(List.of("not-an-id"));
                keys.add(List.of("' OR '1'='1"));
                keys.add(List.of(id.toUpperCase(Locale.ROOT)));
                keys.add(List.of(id));
            }
            default -> {
                keys.add(List.of("abc"));
                keys.add(List.of(""));
                keys.add(List.of("1.5"));
                keys.add(List.of("99999999999999999999"));
                keys.add(List.of("' OR '1'='1"));
            }
        }
        return keys;
    }

    /** A cursor in the engine's format with a correct checksum. */
    static String forge(String version, String listing, String scope, String direction, String... key) {
        String body = body(version, listing, scope, direction, key);
        return encode(body + SEPARATOR + crc(body));
    }

    private static String withWrongChecksum(String version, String listing, String scope, String direction, String... key) {
        String body = body(version, listing, scope, direction, key);
        String crc = crc(body);
        return encode(body + SEPARATOR + (crc.charAt(0) == '0' ? "1" : "0") + crc.substring(1));
    }

    private static String body(String version, String listing, String scope, String direction, String... key) {
        return String.join(SEPARATOR, version, listing, fingerprint(scope), direction, String.join(SEPARATOR, key));
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The scope field: the first 8 bytes of the scope's SHA-256, in hex. */
    private static String fingerprint(String scope) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}

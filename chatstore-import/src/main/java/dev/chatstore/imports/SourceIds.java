package dev.chatstore.imports;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Source ids to chatstore ids. chatstore ids are lowercase UUIDs, so a source id that is a UUID (in any case) is
 * kept, lowercased; any other id (an integer, "chat-…", an IC principal) becomes the name-based UUID (version 3) of
 * {@code "chatstore-import/<product>/<table>/<id>"}: the same source row always gets the same id, ids of different
 * tables never collide, and an application can map an old id to its new one without a lookup table.
 */
final class SourceIds {
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SourceIds() {
    }

    static String of(SourceProduct product, String table, String sourceId) {
        if (UUID_TEXT.matcher(sourceId).matches()) {
            return sourceId.toLowerCase(Locale.ROOT);
        }
        return UUID.nameUUIDFromBytes(("chatstore-import/" + product.cliName() + "/" + table + "/" + sourceId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Whether {@link #of} keeps the id as it is. */
    static boolean kept(String sourceId) {
        return UUID_TEXT.matcher(sourceId).matches() && sourceId.equals(sourceId.toLowerCase(Locale.ROOT));
    }
}

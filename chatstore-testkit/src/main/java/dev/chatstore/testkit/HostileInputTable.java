package dev.chatstore.testkit;

import static dev.chatstore.testkit.HostileInput.describe;

import dev.chatstore.InvalidInputException;
import dev.chatstore.Limits;
import dev.chatstore.Media;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Role;
import dev.chatstore.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Builds the hostile input catalogue's rows: each method adds one row per hostile value of its
 * family (ids of the wrong shape, bad text, numbers outside a range, maps JSON cannot hold, bad
 * page requests …) for one argument of one operation. Not thread-safe; not API.
 */
final class HostileInputTable {
    private final List<HostileInput> rows = new ArrayList<>();

    /** The rows added so far, in order. */
    List<HostileInput> rows() {
        return List.copyOf(rows);
    }

    /** A call that must be InvalidInputException naming {@code argument}. */
    void add(String operation, String input, String argument, ThrowingCallable call) {
        rows.add(new HostileInput(operation, input, InvalidInputException.class, argument, call));
    }

    /** A call that must throw {@code expected}. */
    void add(String operation, String input, Class<? extends Throwable> expected, ThrowingCallable call) {
        rows.add(new HostileInput(operation, input, expected, null, call));
    }

    /** Ids of the wrong shape, null included. */
    void malformedIds(String operation, String argument, String realId, Consumer<String> call) {
        malformedIds(operation, argument, realId, call, true);
    }

    /** Ids of the wrong shape; {@code withNull} false where null is allowed (it means "none"). */
    void malformedIds(String operation, String argument, String realId, Consumer<String> call, boolean withNull) {
        List<String> ids = new ArrayList<>(Arrays.asList("", "   ", "not-an-id", "1234", realId.toUpperCase(Locale.ROOT),
                realId + " ", realId.substring(1), realId.replace('-', '_'), realId + "0", "x\0" + realId,
                realId.substring(0, 35) + "\0", "\uD800" + realId.substring(1), "{" + realId + "}",
                realId + "' OR '1'='1"));
        if (withNull) {
            ids.add(0, null);
        }
        for (String id : ids) {
            add(operation, argument + " " + describe(id), argument, () -> call.accept(id));
        }
    }

    /** Text that must be non-null, non-blank, at most {@code max} chars and storable. */
    void requiredText(String operation, String argument, int max, Consumer<String> call) {
        add(operation, argument + " null", argument, () -> call.accept(null));
        optionalText(operation, argument, max, call);
    }

    /** Text that may be null (it means "none" or "clear") but not blank, too long or unstorable. */
    void optionalText(String operation, String argument, int max, Consumer<String> call) {
        for (String blank : List.of("", " ", "\t\n", "\u2003")) {
            add(operation, argument + " blank " + describe(blank), argument, () -> call.accept(blank));
        }
        unstorable(operation, argument, max, call);
    }

    /** Text that may be empty or blank but not null, too long or unstorable. */
    void anyText(String operation, String argument, int max, Consumer<String> call) {
        add(operation, argument + " null", argument, () -> call.accept(null));
        unstorable(operation, argument, max, call);
    }

    private void unstorable(String operation, String argument, int max, Consumer<String> call) {
        String tooLong = "x".repeat(max + 1);
        add(operation, argument + " of " + (max + 1) + " chars", argument, () -> call.accept(tooLong));
        String tooLongByAPair = "x".repeat(max - 1) + "🌍";
        add(operation, argument + " of " + (max + 1) + " chars ending in a surrogate pair", argument,
                () -> call.accept(tooLongByAPair));
        for (String bad : List.of("a\0b", "\0", "lone high \uD800", "lone low \uDC00 x", "reversed \uDC00\uD800",
                "ends high \uD83D", "' OR '1'='1\0")) {
            add(operation, argument + " " + describe(bad), argument, () -> call.accept(bad));
        }
    }

    /** Numbers outside [0, 1], and NaN. */
    void unitInterval(String operation, String argument, Consumer<Double> call) {
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.01,
                1.01, -Double.MIN_VALUE, Math.nextUp(1.0), Double.MAX_VALUE, -Double.MAX_VALUE}) {
            add(operation, argument + " " + d, argument, () -> call.accept(d));
        }
    }

    /** Maps that JSON cannot hold exactly: non-finite and oversized numbers, non-JSON values, bad keys, depth, size, cycles. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void jsonMap(String operation, String argument, Consumer<Map<String, ?>> call) {
        Map<String, Map<String, ?>> bad = new LinkedHashMap<>();
        bad.put("NaN", Map.of("n", Double.NaN));
        bad.put("+Infinity", Map.of("n", Double.POSITIVE_INFINITY));
        bad.put("-Infinity", Map.of("n", Double.NEGATIVE_INFINITY));
        bad.put("Float NaN", Map.of("n", Float.NaN));
        bad.put("Float infinity", Map.of("n", Float.NEGATIVE_INFINITY));
        bad.put("BigDecimal 1e400", Map.of("n", new BigDecimal("1e400")));
        bad.put("NaN in a nested list", Map.of("nested", Map.of("list", List.of(1.0, Double.NaN))));
        bad.put("an Object", Map.of("o", new Object()));
        bad.put("an Instant", Map.of("t", Instant.EPOCH));
        bad.put("a Character", Map.of("c", 'c'));
        bad.put("an AtomicInteger", Map.of("n", new AtomicInteger(1)));
        bad.put("an Optional", Map.of("o", Optional.of(1)));
        bad.put("a byte[]", Map.of("b", new byte[] {1}));
        bad.put("a Set", Map.of("s", Set.of(1)));
        bad.put("an enum", Map.of("e", Role.USER));
        bad.put("NUL in a value", Map.of("s", "a\0b"));
        bad.put("lone surrogate in a value", Map.of("s", "\uD800"));
        bad.put("NUL in a key", Map.of("k\0", "v"));
        bad.put("lone surrogate in a key", Map.of("\uDC00k", "v"));
        bad.put("NUL in a nested key", Map.of("outer", Map.of("in\0ner", 1)));
        bad.put("over the size limit", Map.of("huge", "x".repeat(Limits.METADATA_MAX + 1)));
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i < 8000; i++) {
            many.put("k" + i, i);
        }
        bad.put("8000 keys, over the size limit", many);
        Map<Object, Object> nonStringKey = new HashMap<>();
        nonStringKey.put(1, "one");
        bad.put("a non-string key", (Map) nonStringKey);
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        bad.put("a null key", (Map) nullKey);
        bad.put("nested deeper than the limit", nestedMaps(Limits.METADATA_DEPTH_MAX + 3));
        bad.put("lists nested deeper than the limit", Map.of("l", nestedLists(Limits.METADATA_DEPTH_MAX + 3)));
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        bad.put("a map that contains itself", cyclic);
        for (Map.Entry<String, Map<String, ?>> e : bad.entrySet()) {
            add(operation, argument + " with " + e.getKey(), argument, () -> call.accept(e.getValue()));
        }
    }

    /** Values that are not JSON values, null included. */
    void jsonValue(String operation, String argument, Consumer<Object> call) {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("null", null);
        bad.put("NaN", Double.NaN);
        bad.put("-Infinity", Double.NEGATIVE_INFINITY);
        bad.put("BigDecimal -1e400", new BigDecimal("-1e400"));
        bad.put("an Object", new Object());
        bad.put("a String with NUL", "a\0");
        bad.put("a lone surrogate", "\uDBFF");
        bad.put("a map with NaN", Map.of("n", Double.NaN));
        bad.put("a list with an Object", List.of(new Object()));
        bad.put("a String over the size limit", "x".repeat(Limits.METADATA_MAX + 1));
        bad.put("an int[]", new int[] {1});
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            add(operation, argument + " " + e.getKey(), argument, () -> call.accept(e.getValue()));
        }
    }

    /** Every field of NewMessage, each made hostile in turn. */
    void newMessage(String operation, Consumer<NewMessage> call) {
        add(operation, "null role", "role", () -> call.accept(NewMessage.of(null, "x")));
        anyText(operation, "content", Limits.CONTENT_MAX, v -> call.accept(NewMessage.assistant(v)));
        optionalText(operation, "clientMessageId", Limits.CLIENT_MESSAGE_ID_MAX,
                v -> call.accept(NewMessage.assistant("x").clientMessageId(v)));
        for (String id : Arrays.asList("", "not-an-id", "' OR '1'='1", UUID.randomUUID().toString().toUpperCase(Locale.ROOT))) {
            add(operation, "replyTo " + describe(id), "replyTo", () -> call.accept(NewMessage.assistant("x").replyTo(id)));
            add(operation, "attachmentIds " + describe(id), "attachmentIds",
                    () -> call.accept(NewMessage.assistant("x").attachments(id)));
        }
        add(operation, "a null attachment id", "attachmentIds", () -> call.accept(NewMessage.assistant("x").attachments((String) null)));
        String[] tooMany = new String[Limits.ATTACHMENTS_PER_MESSAGE_MAX + 1];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = UUID.randomUUID().toString();
        }
        add(operation, tooMany.length + " attachment ids", "attachmentIds",
                () -> call.accept(NewMessage.assistant("x").attachments(tooMany)));
        add(operation, "null type", "type", () -> call.accept(NewMessage.assistant("x").type(null)));
        add(operation, "null media", "media", () -> call.accept(NewMessage.assistant("x").media(null)));
        add(operation, "null usage", "usage", () -> call.accept(NewMessage.assistant("x").usage(null)));
        jsonMap(operation, "metadata", m -> call.accept(NewMessage.assistant("x").metadata(m)));
        add(operation, "a blank media ref", "mediaRefs", () -> call.accept(NewMessage.assistant("x").media(Media.refs("s3://ok", " "))));
        add(operation, "a media ref with NUL", "mediaRefs", () -> call.accept(NewMessage.assistant("x").media(Media.refs("s3://a\0"))));
        add(operation, (Limits.MEDIA_REFS_MAX + 1) + " media refs", "mediaRefs", () -> call.accept(NewMessage.assistant("x")
                .media(new Media(Collections.nCopies(Limits.MEDIA_REFS_MAX + 1, "s3://r"), null, null))));
        add(operation, "a media ref over the limit", "mediaRefs",
                () -> call.accept(NewMessage.assistant("x").media(Media.refs("s".repeat(Limits.STORAGE_URI_MAX + 1)))));
        add(operation, "negative audio duration", "audioDurationMs",
                () -> call.accept(NewMessage.assistant("x").media(Media.audio("s3://a.ogg", -1))));
        add(operation, "a duration without audio", "audioDurationMs",
                () -> call.accept(NewMessage.assistant("x").media(new Media(List.of(), null, 5L))));
        add(operation, "a blank audio ref", "audioRef", () -> call.accept(NewMessage.assistant("x").media(Media.audio(" ", 1))));
        add(operation, "negative prompt tokens", "promptTokens",
                () -> call.accept(NewMessage.assistant("x").usage(new TokenUsage("m", -1, 1))));
        add(operation, "Integer.MIN_VALUE completion tokens", "completionTokens",
                () -> call.accept(NewMessage.assistant("x").usage(new TokenUsage("m", 1, Integer.MIN_VALUE))));
        add(operation, "a model name with NUL", "model", () -> call.accept(NewMessage.assistant("x").usage(TokenUsage.of("m\0", 1, 1))));
        add(operation, "a toolCallId on an assistant message", "toolCallId", () -> call.accept(
                new NewMessage(Role.ASSISTANT, "x", null, null, Map.of(), List.of(), null, null, null, "call-1")));
        add(operation, "a blank toolCallId", "toolCallId", () -> call.accept(NewMessage.tool(" ", "x")));
    }

    /**
     * Page requests a listing must refuse: none at all, sizes below 1 and over the listing's
     * maximum, missing, blank, garbled and forged cursors.
     */
    void listing(String operation, int max, String listing, String scope, int keyParts, Consumer<PageRequest> call) {
        add(operation, "page null", "page", () -> call.accept(null));
        for (int limit : new int[] {0, -1, Integer.MIN_VALUE, max + 1, Integer.MAX_VALUE}) {
            add(operation, "limit " + limit, "limit", () -> call.accept(PageRequest.first(limit)));
            add(operation, "limit " + limit + " with a cursor", "limit", () -> call.accept(PageRequest.at("anything", limit)));
        }
        add(operation, "cursor null via at()", "cursor", () -> call.accept(PageRequest.at(null)));
        for (String blank : List.of("", " ", "\n")) {
            add(operation, "cursor " + describe(blank), "cursor", () -> call.accept(PageRequest.at(blank)));
        }
        for (String cursor : ForgedCursors.forListing(listing, scope, keyParts)) {
            add(operation, "cursor " + describe(cursor), "cursor", () -> call.accept(PageRequest.at(cursor)));
        }
    }

    private static Map<String, Object> nestedMaps(int depth) {
        Map<String, Object> top = new HashMap<>();
        Map<String, Object> cursor = top;
        for (int i = 1; i < depth; i++) {
            Map<String, Object> next = new HashMap<>();
            cursor.put("d", next);
            cursor = next;
        }
        return top;
    }

    private static List<Object> nestedLists(int depth) {
        List<Object> top = new ArrayList<>();
        List<Object> cursor = top;
        for (int i = 1; i < depth; i++) {
            List<Object> next = new ArrayList<>();
            cursor.add(next);
            cursor = next;
        }
        return top;
    }
}

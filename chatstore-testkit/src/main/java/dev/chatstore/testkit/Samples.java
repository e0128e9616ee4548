package dev.chatstore.testkit;

import dev.chatstore.Attachment;
import dev.chatstore.Conversation;
import dev.chatstore.MemoryFact;
import dev.chatstore.Message;
import dev.chatstore.PersonaSpec;
import dev.chatstore.PersonaStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Test data and small conversions shared by the rules. Not API. */
final class Samples {
    /** A chatstore id: a lowercase canonical UUID. */
    static final Pattern ID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Text that must round-trip exactly: accents, CJK, an emoji (a surrogate pair), quotes, escapes, control chars. */
    static final String UNICODE = "héllo wörld 🌍 中文 \"quoted\" \\ back/slash\nnew line\ttab \u0001 ✓  ";

    private Samples() {
    }

    /**
     * Metadata holding every kind of JSON value, chosen so that a JSON round trip gives back the same
     * Java types: ints stay Integer, a long beyond int range stays Long (and beyond 2^53, so it must
     * not pass through a double), decimals stay Double.
     */
    static Map<String, Object> richMetadata() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("tone", "warm");
        nested.put("scores", List.of(1, 2, 3));
        nested.put("nothing", null);
        nested.put("deeper", Map.of("level", 3, "flag", true));

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 42);
        m.put("negative", -7);
        m.put("long", 9_007_199_254_740_993L);
        m.put("double", 3.25);
        m.put("fraction", 0.1);
        m.put("negativeDouble", -2.5);
        m.put("true", true);
        m.put("false", false);
        m.put("null", null);
        m.put("text", UNICODE);
        m.put("emptyText", "");
        m.put("emptyList", List.of());
        m.put("emptyMap", Map.of());
        m.put("list", Arrays.asList("a", 1, 2.5, false, null, List.of("x"), Map.of("k", "v")));
        m.put("nested", nested);
        m.put("ключ 🔑", "unicode key");
        m.put("", "empty key");
        // Numbers a JSON store may rewrite: exponents, negative zero, integers past long.
        m.put("exponent", 1.0E7);
        m.put("epochSeconds", 1.7328E9);
        m.put("huge", 1.0E16);
        m.put("vast", 1.0E300);
        m.put("tiny", 1.0E-300);
        m.put("negativeZero", -0.0);
        m.put("bigInteger", new java.math.BigInteger("123456789012345678901234567890"));
        return m;
    }

    /** Metadata whose keys are in no sorted order, nested too: what is read back must keep it. */
    static Map<String, Object> unsortedMetadata() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zulu", 1);
        inner.put("alpha", 2.0E10);
        inner.put("mike", List.of(3, -0.0));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zz", "last in the alphabet, first here");
        m.put("a", 1.0E16);
        m.put("longer key first", true);
        m.put("b", inner);
        m.put("k", -0.0);
        return m;
    }

    /** The keys of {@code map} and of every map inside it, depth first, in iteration order. */
    @SuppressWarnings("unchecked")
    static List<String> keysInOrder(Map<String, ?> map) {
        List<String> keys = new java.util.ArrayList<>();
        map.forEach((key, value) -> {
            keys.add(key);
            if (value instanceof Map<?, ?> nested) {
                keysInOrder((Map<String, ?>) nested).forEach(k -> keys.add(key + "." + k));
            }
        });
        return keys;
    }

    /** A persona with every field set (greeting "Hello, I am {name}!", category "tutoring"), in status {@code status}. */
    static PersonaSpec persona(String name, PersonaStatus status) {
        return persona(name, "Display " + name, status);
    }

    /** Like {@link #persona(String, PersonaStatus)}, with a display name. */
    static PersonaSpec persona(String name, String displayName, PersonaStatus status) {
        return new PersonaSpec(name, displayName, "https://cdn.example.com/" + name + ".png",
                "Description of " + name + " " + UNICODE, "tutoring", "You are " + name + ". " + UNICODE,
                List.of("patient", "curious", "witty 🙂"), List.of("Teach me something", "Quiz me", "Explain monads"),
                "Hello, I am " + name + "!", status);
    }

    /** Whether an {@code InvalidInputException.argument()} names {@code expected} (also as "expected[3]" or "expected.x"). */
    static boolean names(String actual, String expected) {
        return actual != null && (actual.equals(expected)
                || actual.startsWith(expected + "[") || actual.startsWith(expected + "."));
    }

    /**
     * {@code n} UTF-16 chars of CJK text (3 bytes each in UTF-8), ending in an emoji (a surrogate pair)
     * when there is room: text at a length limit that a store counting bytes, or cutting a pair, would
     * not keep.
     */
    static String wide(int n) {
        return n >= 2 ? "中".repeat(n - 2) + "🌍" : "中".repeat(n);
    }

    static byte[] everyByteValue() {
        byte[] data = new byte[512];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        return data;
    }

    static List<String> messageIds(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }

    static List<String> contents(List<Message> messages) {
        return messages.stream().map(Message::content).toList();
    }

    static List<String> conversationIds(List<Conversation> conversations) {
        return conversations.stream().map(Conversation::id).toList();
    }

    static List<String> attachmentIds(List<Attachment> attachments) {
        return attachments.stream().map(Attachment::id).toList();
    }

    static List<String> factIds(List<MemoryFact> facts) {
        return facts.stream().map(MemoryFact::id).toList();
    }
}

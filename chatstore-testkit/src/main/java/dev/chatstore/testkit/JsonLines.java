package dev.chatstore.testkit;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of JSON Lines (RFC 8259 JSON, one value per line), so the kit can check an
 * export without a JSON library. Objects become {@link LinkedHashMap}s, arrays {@link ArrayList}s,
 * numbers {@link BigDecimal}s. Anything that is not valid JSON is an {@link AssertionError} naming
 * the line and column. Not API.
 */
final class JsonLines {
    private final String text;
    private int pos;

    private JsonLines(String text) {
        this.text = text;
    }

    /**
     * The objects of a JSON Lines document: strict UTF-8, every line one JSON object, lines
     * separated by {@code \n}, an optional final {@code \n}, no blank lines.
     */
    static List<Map<String, Object>> objects(byte[] utf8) {
        String all;
        try {
            all = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("the export is not valid UTF-8", e);
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        if (all.isEmpty()) {
            return objects;
        }
        String body = all.endsWith("\n") ? all.substring(0, all.length() - 1) : all;
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Object value = parse(lines[i], i + 1);
            if (!(value instanceof Map<?, ?>)) {
                throw new AssertionError("line " + (i + 1) + " is not a JSON object: " + abbreviate(lines[i]));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value;
            objects.add(object);
        }
        return objects;
    }

    /** One JSON value filling the whole of {@code line}. */
    static Object parse(String line, int lineNumber) {
        JsonLines p = new JsonLines(line);
        try {
            p.skipSpace();
            Object value = p.value(0);
            p.skipSpace();
            if (p.pos != line.length()) {
                throw p.error("trailing characters after the value");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new AssertionError("line " + lineNumber + " is not valid JSON: " + e.getMessage()
                    + " in " + abbreviate(line));
        }
    }

    /** Every string in {@code value}, keys and values, at any depth. */
    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        collect(value, out);
        return out;
    }

    private static void collect(Object value, List<String> out) {
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                out.add((String) k);
                collect(v, out);
            });
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> collect(v, out));
        }
    }

    private Object value(int depth) {
        if (depth > 512) {
            throw error("nested too deeply");
        }
        if (pos >= text.length()) {
            throw error("a value is missing");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("an object key must be a string");
            }
            String key = string();
            if (map.containsKey(key)) {
                throw error("duplicate key \"" + key + "\"");
            }
            skipSpace();
            expect(':');
            skipSpace();
            map.put(key, value(depth + 1));
            skipSpace();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("an unescaped control character (U+" + String.format("%04X", (int) c) + ") in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("a truncated \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("a malformed \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("an unknown escape \\" + e);
            }
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("a number needs digits");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("a fraction needs digits");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("an exponent needs digits");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("unexpected end of line");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw error("expected '" + c + "'");
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at column " + (pos + 1));
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}

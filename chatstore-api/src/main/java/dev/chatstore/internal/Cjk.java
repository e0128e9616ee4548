package dev.chatstore.internal;

/**
 * Chinese, Japanese and Korean text for full-text search: every backend's tokenizer splits words at
 * spaces and punctuation only, which leaves a run of ideographs one word. Before text is indexed,
 * each CJK character is set apart by {@link #MARK} on both sides, so each is a word of its own (as
 * Lucene's StandardAnalyzer indexes Han and Hiragana), and {@link SearchSyntax} splits a query word
 * the same way, so {@code 東京} is a phrase of {@code 東} then {@code 京}. Snippets are built from the
 * marked text and the marks removed after. Stateless.
 *
 * <p>The characters are those of {@link #isCjk}, by fixed code point ranges (never the running JDK's
 * Unicode tables), because PostgreSQL's migration V15 spells the same ranges in its
 * {@code chatstore_split_cjk} function and both backends must index the same words forever: change
 * them only together with a migration that re-indexes.
 */
public final class Cjk {

    /**
     * The character set around each CJK character in indexed text: U+001F (unit separator), a
     * control character that SQLite's unicode61 and PostgreSQL's default parser both take for a
     * space in every locale. Snippets drop it.
     */
    public static final char MARK = '\u001F';

    /** The code point ranges set apart, as inclusive pairs; PostgreSQL's V15 regular expression lists the same. */
    private static final int[] RANGES = {
        0x1100, 0x11FF,     // Hangul Jamo
        0x3000, 0x303F,     // CJK symbols and punctuation (。、「」 々 〆 …)
        0x3040, 0x309F,     // Hiragana
        0x30A0, 0x30FF,     // Katakana
        0x3130, 0x318F,     // Hangul compatibility Jamo
        0x31F0, 0x31FF,     // Katakana phonetic extensions
        0x3400, 0x4DBF,     // CJK unified ideographs extension A
        0x4E00, 0x9FFF,     // CJK unified ideographs
        0xA960, 0xA97F,     // Hangul Jamo extended-A
        0xAC00, 0xD7AF,     // Hangul syllables
        0xD7B0, 0xD7FF,     // Hangul Jamo extended-B
        0xF900, 0xFAFF,     // CJK compatibility ideographs
        0xFF61, 0xFFDC,     // halfwidth CJK punctuation, Katakana and Hangul
        0x1B000, 0x1B16F,   // Kana supplement and extended-A
        0x20000, 0x323AF,   // CJK unified ideographs extensions B to H, compatibility supplement
    };

    private Cjk() {
    }

    /**
     * Whether {@code codePoint} is one of the CJK characters indexed as a word of its own.
     *
     * @param codePoint a Unicode code point
     * @return true if it lies in one of the fixed CJK ranges
     */
    public static boolean isCjk(int codePoint) {
        if (codePoint < RANGES[0]) {
            return false;
        }
        for (int i = 0; i < RANGES.length; i += 2) {
            if (codePoint < RANGES[i]) {
                return false;
            }
            if (codePoint <= RANGES[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets each CJK character of {@code text} apart for indexing.
     *
     * @param text the text, or null
     * @return {@code text} with {@link #MARK} before and after each CJK character; the same string if it has none;
     *         null for null
     */
    public static String setApart(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        int first = 0;
        while (first < n && !isCjk(text.codePointAt(first))) {
            first += Character.charCount(text.codePointAt(first));
        }
        if (first == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n + 16).append(text, 0, first);
        for (int i = first; i < n; ) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (isCjk(cp)) {
                out.append(MARK).append(text, i, i + len).append(MARK);
            } else {
                out.append(text, i, i + len);
            }
            i += len;
        }
        return out.toString();
    }
}

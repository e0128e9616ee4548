package dev.chatstore.sqlite;

import dev.chatstore.internal.Cjk;
import java.sql.Connection;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.sqlite.Function;

/**
 * Text as search sees it, as SQL functions registered on every connection of the store:
 * {@value #FUNCTION} folds text (lower case, without diacritics: "Café" → "cafe"), as the FTS5
 * tokenizer folds tokens, for finding a query's literal characters exactly; {@value #SPLIT_CJK}
 * sets each Chinese, Japanese and Korean character apart ({@link Cjk#setApart}), the text the full-text
 * indexes hold (their triggers and content views call it, migration V15).
 */
final class TextFold {
    static final String FUNCTION = "chatstore_fold";
    static final String SPLIT_CJK = "chatstore_split_cjk";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private TextFold() {
    }

    static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    static void register(Connection connection) throws SQLException {
        Function.create(connection, FUNCTION, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String text = value_text(0);
                result(text == null ? null : fold(text));
            }
        }, 1, Function.FLAG_DETERMINISTIC);
        Function.create(connection, SPLIT_CJK, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String text = value_text(0);
                if (text == null) {
                    result();
                } else {
                    result(Cjk.setApart(text));
                }
            }
        }, 1, Function.FLAG_DETERMINISTIC);
    }
}

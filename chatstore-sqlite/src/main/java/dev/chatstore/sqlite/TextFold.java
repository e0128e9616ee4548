package dev.chatstore.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.sqlite.Function;

/**
 * Text folded for search: lower case, without diacritics ("Café" → "cafe"), as the FTS5 tokenizer
 * folds tokens. Registered on every connection as the SQL function {@value #FUNCTION}, which search
 * uses to find a query's literal characters exactly.
 */
final class TextFold {
    static final String FUNCTION = "chatstore_fold";
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
    }
}

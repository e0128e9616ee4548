package dev.chatstore.jdbc;

import dev.chatstore.MigrationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One versioned schema migration file, {@code V<version>__<description>.sql} (Flyway's naming).
 *
 * @param checksum CRC32 of the file's lines without their line endings, so a checkout with other
 *                 line endings is not mistaken for an edit (as Flyway computes it)
 */
public record Migration(int version, String description, String script, String sql, int checksum) {
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    static Migration parse(String script, String sql) {
        Matcher m = NAME.matcher(script);
        if (!m.matches()) {
            throw new MigrationException("Migration file name " + script + " does not match V<version>__<description>.sql");
        }
        return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), script, sql, checksum(sql));
    }

    static int checksum(String sql) {
        CRC32 crc = new CRC32();
        for (String line : sql.split("\\R", -1)) {
            crc.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }
}

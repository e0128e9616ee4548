package dev.chatstore.postgres;

import dev.chatstore.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A write-ahead log position (PostgreSQL's {@code pg_lsn}) as a number of bytes, and the consistency token that
 * carries it between application nodes: {@code pg:<hex>}. The SQL reads positions as numbers
 * ({@code lsn - '0/0'}), so no text form of {@code pg_lsn} is parsed here.
 */
final class WalPosition {
    private static final String PREFIX = "pg:";
    private static final Pattern TOKEN = Pattern.compile("pg:([0-9a-f]{1,16})");

    /**
     * The primary's WAL insert position, in bytes: past every record of every transaction committed so far, also
     * one whose commit record is still in the WAL buffers ({@code synchronous_commit = off}), where
     * {@code pg_current_wal_lsn()} (the write position) can still be before it.
     */
    static final String CURRENT = "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint";

    private WalPosition() {
    }

    static String token(long position) {
        return position <= 0 ? "" : PREFIX + Long.toHexString(position);
    }

    /**
     * The position a token carries; 0 for the empty token.
     *
     * @throws InvalidInputException if it is not a token a PostgreSQL store issues
     */
    static long parse(String token) {
        if (token.isEmpty()) {
            return 0;
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            throw new InvalidInputException("consistencyToken", "is not a token a PostgreSQL store issues (pg:<hex>)");
        }
        return Long.parseUnsignedLong(m.group(1), 16);
    }
}

package dev.chatstore.cli;

import dev.chatstore.CorruptDatabaseException;
import dev.chatstore.ImportException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MigrationException;
import dev.chatstore.StoreUnavailableException;
import dev.chatstore.VerificationException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of the chatstore command, and which failure ends with which. */
final class Exit {
    /** The operation succeeded (and found nothing wrong). */
    static final int OK = 0;
    /** The operation ran and found a problem (integrity, health, failed deletions), or failed. */
    static final int FAILED = 1;
    /** Bad arguments: a usage message on stderr. */
    static final int USAGE = 2;
    /** The store cannot be opened or reached (no such file, connection refused, wrong password). */
    static final int UNAVAILABLE = 3;
    /** The operation is not supported by this backend (e.g. backup or check on PostgreSQL). */
    static final int UNSUPPORTED = 4;
    /** The input file is missing, unreadable or not valid (an import file, a backup to restore). */
    static final int BAD_INPUT = 5;
    /** The schema does not match this chatstore: migrations pending, or applied by another version. */
    static final int SCHEMA = 6;
    /** A copy's target differs from its source after copying. */
    static final int VERIFICATION = 7;

    private Exit() {
    }

    /** For the help's footer. */
    static Map<String, String> descriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(OK + "", "ok");
        codes.put(FAILED + "", "the operation failed or found a problem (integrity, health, failed file deletions)");
        codes.put(USAGE + "", "bad arguments (usage message)");
        codes.put(UNAVAILABLE + "", "the store cannot be opened or reached");
        codes.put(UNSUPPORTED + "", "not supported by this backend (e.g. backup on PostgreSQL)");
        codes.put(BAD_INPUT + "", "bad input file (missing, unreadable, or not a valid export or backup)");
        codes.put(SCHEMA + "", "schema not current (run migrate) or migrated by another chatstore version");
        codes.put(VERIFICATION + "", "the copy differs from its source");
        return codes;
    }

    /** The exit code a failure ends the command with. */
    static int codeOf(Throwable failure) {
        if (failure instanceof CliException e) {
            return e.exitCode();
        }
        if (failure instanceof ImportException || failure instanceof CorruptDatabaseException) {
            return BAD_INPUT;
        }
        if (failure instanceof VerificationException) {
            return VERIFICATION;
        }
        if (failure instanceof MigrationException) {
            // Reaching the database is the first thing reading the schema history does.
            return unavailableCause(failure) ? UNAVAILABLE : SCHEMA;
        }
        if (failure instanceof StoreUnavailableException) {
            return UNAVAILABLE;
        }
        if (failure instanceof UnsupportedOperationException) {
            return UNSUPPORTED;
        }
        if (failure instanceof InvalidInputException) {
            return USAGE;
        }
        return FAILED;
    }

    private static boolean unavailableCause(Throwable failure) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28"))) {
                return true;
            }
        }
        return false;
    }
}

package dev.chatstore;

import java.util.List;

/**
 * A copy's target does not hold what was read from its source: a table's row count or a user's checksum differs.
 * The copy was written; {@link #differences()} says what differs.
 */
public class VerificationException extends ChatStoreException {
    private static final long serialVersionUID = 1L;
    /** One line per difference. */
    private final List<String> differences;

    /**
     * Creates the exception; its message lists the first ten differences.
     *
     * @param differences one line per difference, not null (copied)
     */
    public VerificationException(List<String> differences) {
        super("The copy differs from its source: " + String.join("; ", differences.subList(0, Math.min(10, differences.size())))
                + (differences.size() > 10 ? "; and " + (differences.size() - 10) + " more" : ""));
        this.differences = List.copyOf(differences);
    }

    /** {@return one line per difference, e.g. {@code "table message: 10 rows in the source, 9 in the target"}} */
    public List<String> differences() {
        return differences;
    }
}

package dev.chatstore;

import java.time.Duration;

/**
 * How far a transfer is.
 *
 * @param users    users finished so far (written, imported or skipped)
 * @param rows     rows of every table so far
 * @param messages message rows so far (also counted in {@code rows})
 * @param elapsed  time since the transfer started
 * @param done     true on the last update, when the transfer has finished
 */
public record TransferStatus(long users, long rows, long messages, Duration elapsed, boolean done) {
    /** {@return rows per second so far; 0 before any time has passed} */
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rows / seconds;
    }

    /** {@return messages per second so far; 0 before any time has passed} */
    public double messagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : messages / seconds;
    }
}

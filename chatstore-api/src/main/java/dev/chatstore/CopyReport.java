package dev.chatstore;

import java.time.Duration;

/**
 * What {@link StoreCopy#copy} did. A report means the copy was verified: every table's row count and every user's
 * checksum in the target equal what was read from the source.
 *
 * @param exported what was read from the source, in one consistent read
 * @param imported what was written to the target (users skipped as already copied included)
 * @param elapsed  the time the copy and its verification took
 */
public record CopyReport(StoreExportSummary exported, StoreImportReport imported, Duration elapsed) {
    /** {@return messages copied per second of {@link #elapsed()}; 0 when no time passed} */
    public double messagesPerSecond() {
        long messages = imported.rows().getOrDefault("message", 0L);
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : messages / seconds;
    }
}

package dev.chatstore;

/** How many records of each kind an export wrote; {@link #total()} is the number of lines. */
public record ExportSummary(long profiles, long conversations, long messages, long attachments, long facts,
                            long settings, long providers) {
    public long total() {
        return profiles + conversations + messages + attachments + facts + settings + providers;
    }
}

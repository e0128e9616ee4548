package dev.chatstore;

/** How many records of each kind an export wrote. */
public record ExportSummary(long profiles, long conversations, long messages, long attachments, long facts,
                            long settings) {
    public long total() {
        return profiles + conversations + messages + attachments + facts + settings;
    }
}

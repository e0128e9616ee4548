package dev.chatstore;

/**
 * How many records of each kind an export wrote; {@link #total()} is the number of lines.
 *
 * @param profiles      user profiles written
 * @param conversations conversations written
 * @param messages      messages written
 * @param attachments   attachments written
 * @param facts         memory facts written
 * @param settings      settings written
 * @param providers     provider configurations written
 */
public record ExportSummary(long profiles, long conversations, long messages, long attachments, long facts,
                            long settings, long providers) {
    /** {@return the records of every kind, which is the number of lines written} */
    public long total() {
        return profiles + conversations + messages + attachments + facts + settings + providers;
    }
}

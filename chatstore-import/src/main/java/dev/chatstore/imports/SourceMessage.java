package dev.chatstore.imports;

import dev.chatstore.NewMessage;
import java.time.Instant;
import java.util.Comparator;

/**
 * A source message on its way into a conversation: its chatstore id, its time, the source's own order key (SQLite's
 * rowid: insertion order) and id for equal times, and its content as chatstore's append would take it (validated
 * by {@link NewMessage}).
 */
record SourceMessage(String id, Instant createdAt, long orderKey, String sourceId, NewMessage message) {
    /** The import order: time, then the source's order key, then the source id. */
    static final Comparator<SourceMessage> ORDER = Comparator.comparing(SourceMessage::createdAt)
            .thenComparingLong(SourceMessage::orderKey)
            .thenComparing(SourceMessage::sourceId);
}

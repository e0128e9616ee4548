package dev.chatstore.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One user's conversation rows, written when the user ends: their sidebar order ({@code activity_seq}, 1 the
 * oldest) needs them all. A conversation's last activity is the later of its last message and the source's
 * {@code updated_at} (what the source sorted its list by); equal activity goes by creation time, then id.
 * Not thread-safe.
 */
final class UserConversations {
    /** A conversation's own columns, as the source gives them. {@code personaName} is what chatstore's persona_id holds. */
    record Head(String id, String personaName, String title, String metadataJson, String provider, String model,
                String systemPrompt, boolean pinned, Instant createdAt, Instant updatedAt) {
    }

    private record Converted(Head head, ConversationThread.Summary summary, Instant activity) {
    }

    private static final Comparator<Converted> ACTIVITY = Comparator.comparing(Converted::activity)
            .thenComparing(c -> c.head().createdAt())
            .thenComparing(c -> c.head().id());

    private final List<Converted> conversations = new ArrayList<>();

    void add(Head head, ConversationThread.Summary summary) {
        Instant activity = head.updatedAt();
        if (summary.lastAt() != null && summary.lastAt().isAfter(activity)) {
            activity = summary.lastAt();
        }
        conversations.add(new Converted(head, summary, activity));
    }

    void write(ExportWriter out, String userId) {
        conversations.sort(ACTIVITY);
        long activitySeq = 0;
        for (Converted c : conversations) {
            Head h = c.head();
            ConversationThread.Summary s = c.summary();
            out.row("conversation", new Row()
                    .text("id", h.id())
                    .text("user_id", userId)
                    .text("persona_id", h.personaName())
                    .text("title", h.title())
                    .json("metadata", h.metadataJson())
                    .integer("message_count", s.count())
                    .integer("last_seq", s.count())
                    .instant("last_message_at", s.lastAt())
                    .integer("activity_seq", ++activitySeq)
                    .instant("created_at", h.createdAt())
                    .instant("updated_at", c.activity())
                    .text("provider", h.provider())
                    .text("model", h.model())
                    .text("system_prompt", h.systemPrompt())
                    .bool("pinned", h.pinned())
                    .bool("archived", false)
                    .text("last_message_preview", s.preview())
                    .integer("unread_count", 0)
                    .integer("read_seq", s.count())
                    .text("active_tip_id", s.tipId())
                    .integer("revision", 0));
        }
        conversations.clear();
    }
}

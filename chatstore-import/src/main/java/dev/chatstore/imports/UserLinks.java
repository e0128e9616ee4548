package dev.chatstore.imports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One user's attachment links, collected while their messages are converted and written once, without
 * duplicates: a message link also links the file to the message's conversation (as an append does: not explicit,
 * at the first linking message's time); a link the source made to the conversation itself is explicit.
 * Not thread-safe.
 */
final class UserLinks {
    private record ConversationLink(Instant linkedAt, boolean explicit) {
    }

    private final Set<List<String>> messageLinks = new LinkedHashSet<>();
    private final Map<List<String>, ConversationLink> conversationLinks = new LinkedHashMap<>();

    void message(String conversationId, String messageId, String attachmentId, Instant at) {
        messageLinks.add(List.of(messageId, attachmentId));
        conversation(conversationId, attachmentId, at, false);
    }

    void conversation(String conversationId, String attachmentId, Instant at, boolean explicit) {
        conversationLinks.merge(List.of(conversationId, attachmentId), new ConversationLink(at, explicit),
                (a, b) -> new ConversationLink(a.linkedAt().isBefore(b.linkedAt()) ? a.linkedAt() : b.linkedAt(),
                        a.explicit() || b.explicit()));
    }

    void write(ExportWriter out, String userId) {
        for (List<String> link : messageLinks) {
            out.row("message_attachment", new Row().text("message_id", link.get(0)).text("attachment_id", link.get(1))
                    .text("user_id", userId));
        }
        conversationLinks.forEach((link, value) -> out.row("conversation_attachment", new Row()
                .text("conversation_id", link.get(0)).text("attachment_id", link.get(1)).text("user_id", userId)
                .instant("linked_at", value.linkedAt()).bool("explicit", value.explicit())));
        messageLinks.clear();
        conversationLinks.clear();
    }
}

package dev.chatstore.imports;

import dev.chatstore.InvalidInputException;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One conversation's messages as chatstore's appends would have stored them, one after the other: sorted by
 * {@link SourceMessage#ORDER}, numbered 1..n, each the child of the one before (one linear branch), an assistant
 * message right after a user message linked as its reply, the idempotency fingerprint computed where a client
 * message id exists. Writes the message rows and attachment links and returns what the conversation row needs.
 */
final class ConversationThread {
    /** What the conversation row takes from its messages; {@code tipId} and {@code lastAt} null without messages. */
    record Summary(long count, Instant lastAt, String preview, String tipId) {
    }

    private static final int PREVIEW_LENGTH = 200;

    private ConversationThread() {
    }

    static Summary write(ExportWriter out, UserLinks links, String userId, String conversationId,
                         List<SourceMessage> messages, String table) {
        List<SourceMessage> ordered = new ArrayList<>(messages);
        ordered.sort(SourceMessage.ORDER);
        Set<String> clientIds = new HashSet<>();
        long seq = 0;
        SourceMessage previous = null;
        String previousId = null;
        for (SourceMessage source : ordered) {
            NewMessage m = source.message();
            if (previous != null && m.role() == Role.ASSISTANT && previous.message().role() == Role.USER) {
                m = withReplyTo(m, previousId, table, source.sourceId());
            }
            if (m.clientMessageId() != null && !clientIds.add(m.clientMessageId())) {
                throw SourceProblem.at(table, source.sourceId(), "client_message_id",
                        "\"" + m.clientMessageId() + "\" is used twice in conversation " + conversationId);
            }
            out.row("message", row(m, source, userId, conversationId, ++seq, previousId));
            for (String attachmentId : m.attachmentIds()) {
                links.message(conversationId, source.id(), attachmentId, source.createdAt());
            }
            previous = source;
            previousId = source.id();
        }
        if (previous == null) {
            return new Summary(0, null, null, null);
        }
        return new Summary(seq, previous.createdAt(), preview(previous.message().content()), previous.id());
    }

    private static Row row(NewMessage m, SourceMessage source, String userId, String conversationId, long seq,
                           String parentId) {
        return new Row()
                .text("id", source.id())
                .text("conversation_id", conversationId)
                .text("user_id", userId)
                .integer("seq", seq)
                .text("role", m.role().wireName())
                .text("content", m.content())
                .json("metadata", SourceJson.write(m.metadata()))
                .text("client_message_id", m.clientMessageId())
                .text("payload_hash", m.clientMessageId() == null ? null : PayloadHashes.of(m))
                .text("reply_to_id", m.replyTo())
                .instant("created_at", source.createdAt())
                .text("parent_id", parentId)
                .text("type", m.type().wireName())
                .json("media_refs", m.media().refs().isEmpty() ? null : SourceJson.write(m.media().refs()))
                .text("audio_ref", m.media().audioRef())
                .integer("audio_duration_ms", m.media().audioDurationMs())
                .text("model_name", m.usage().model())
                .integer("prompt_tokens", toLong(m.usage().promptTokens()))
                .integer("completion_tokens", toLong(m.usage().completionTokens()))
                .text("tool_call_id", m.toolCallId())
                .bool("mistake", false);
    }

    private static NewMessage withReplyTo(NewMessage m, String replyTo, String table, String sourceId) {
        try {
            return new NewMessage(m.role(), m.content(), m.clientMessageId(), replyTo, m.metadata(),
                    m.attachmentIds(), m.type(), m.media(), m.usage(), m.toolCallId(), m.toolCalls(), m.toolName(),
                    m.reasoning());
        } catch (InvalidInputException e) {
            throw SourceProblem.refused(table, sourceId, e);
        }
    }

    /** The first 200 code points, as chatstore's append previews the newest message. */
    static String preview(String content) {
        int codePoints = content.codePointCount(0, content.length());
        return codePoints <= PREVIEW_LENGTH ? content
                : content.substring(0, content.offsetByCodePoints(0, PREVIEW_LENGTH));
    }

    private static Long toLong(Integer value) {
        return value == null ? null : value.longValue();
    }
}

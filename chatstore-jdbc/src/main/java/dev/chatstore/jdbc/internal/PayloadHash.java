package dev.chatstore.jdbc.internal;

import dev.chatstore.MessageType;
import dev.chatstore.NewMessage;
import dev.chatstore.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fingerprint of everything that makes two appends "the same message" (idempotency). */
final class PayloadHash {
    private PayloadHash() {
    }

    static String of(NewMessage m) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("role", m.role().wireName());
        payload.put("content", m.content());
        payload.put("replyTo", m.replyTo());
        payload.put("metadata", m.metadata());
        payload.put("attachments", m.attachmentIds().stream().sorted().toList());
        // Fields added in schema version 2 count only when set, so messages stored before the
        // upgrade keep their fingerprints and their replays stay replays.
        if (m.type() != MessageType.TEXT) {
            payload.put("type", m.type().wireName());
        }
        if (!m.media().isEmpty()) {
            payload.put("media", List.of(m.media().refs(), String.valueOf(m.media().audioRef()),
                    String.valueOf(m.media().audioDurationMs())));
        }
        if (!m.usage().equals(TokenUsage.NONE)) {
            payload.put("usage", List.of(String.valueOf(m.usage().model()), String.valueOf(m.usage().promptTokens()),
                    String.valueOf(m.usage().completionTokens())));
        }
        if (m.toolCallId() != null) {
            payload.put("toolCallId", m.toolCallId());
        }
        // Added in schema version 7; counted only when set, like the fields above.
        if (!m.toolCalls().isEmpty()) {
            payload.put("toolCalls", m.toolCalls().stream().map(c -> List.of(c.id(), c.name(), c.arguments())).toList());
        }
        if (m.toolName() != null) {
            payload.put("toolName", m.toolName());
        }
        if (m.reasoning() != null) {
            payload.put("reasoning", m.reasoning());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.canonical(payload).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
